import { describe, expect, test } from 'vitest';
import { commandReads } from './command-reads.js';
import { heredocAction, splitHeredocs } from './heredoc.js';
import { argvToCommand, tokenize } from './shell-command.js';
import { parseToolOutput } from './tool-output.js';

describe('argvToCommand', () => {
  test('unwraps shell -lc scripts and quotes other argvs', () => {
    expect(argvToCommand(['bash', '-lc', 'ls -la'])).toBe('ls -la');
    expect(argvToCommand(['/bin/zsh', '-c', 'echo hi'])).toBe('echo hi');
    expect(argvToCommand(['bash', '-l', '-c', 'pwd'])).toBe('pwd');
    expect(argvToCommand(['powershell.exe', '-Command', 'Get-ChildItem'])).toBe('Get-ChildItem');
    expect(argvToCommand(['rg', '-n', 'foo bar', 'src'])).toBe("rg -n 'foo bar' src");
  });
});

describe('tokenize', () => {
  test('splits words and operators, honouring quotes and fd redirections', () => {
    expect(
      tokenize(`cat "a b" 'c' 2>&1 | head -n 3 && echo x>y`).map((t) =>
        t.op ? `<${t.text}>` : t.text,
      ),
    ).toEqual([
      'cat',
      'a b',
      'c',
      '<2>&1>',
      '<|>',
      'head',
      '-n',
      '3',
      '<&&>',
      'echo',
      'x',
      '<>>',
      'y',
    ]);
  });
});

describe('heredocs', () => {
  test('splits bodies from commands, with quoted, bare and dash delimiters', () => {
    const parts = splitHeredocs(
      "cd app && cat <<'EOF' > a.txt\nline\nEOF\ncat <<-END >> b.txt\n\tmore\n\tEND\necho done",
    );
    expect(parts.commands).toBe("cd app && cat <<'EOF' > a.txt\ncat <<-END >> b.txt\necho done");
    expect(parts.heredocs.map((h) => [h.delimiter, h.body])).toEqual([
      ['EOF', 'line\n'],
      ['END', '\tmore\n'],
    ]);
  });

  test('classifies patch, write, append, tee and other heredocs', () => {
    const act = (cmd: string) => heredocAction({ command: cmd, delimiter: 'EOF', body: 'x\n' });
    expect(act("apply_patch <<'EOF'")).toEqual({ kind: 'apply_patch', patch: 'x\n' });
    expect(act("cd pkg && apply_patch <<'EOF'")).toEqual({
      kind: 'apply_patch',
      patch: 'x\n',
      cd: 'pkg',
    });
    expect(act("cat <<'EOF' > out/a.md")).toEqual({
      kind: 'write',
      path: 'out/a.md',
      append: false,
      content: 'x\n',
    });
    expect(act('cat > "my file.txt" <<EOF')).toEqual({
      kind: 'write',
      path: 'my file.txt',
      append: false,
      content: 'x\n',
    });
    expect(act('mkdir -p d && cat <<EOF >> d/log')).toEqual({
      kind: 'write',
      path: 'd/log',
      append: true,
      content: 'x\n',
    });
    expect(act('tee -a notes.txt <<EOF')).toEqual({
      kind: 'write',
      path: 'notes.txt',
      append: true,
      content: 'x\n',
    });
    expect(act("python - <<'PY'")).toEqual({ kind: 'other' });
    expect(act(`git commit -m "$(cat <<'EOF'`)).toEqual({ kind: 'other' });
    expect(act('cat <<EOF | kubectl apply -f -')).toEqual({ kind: 'other' });
  });
});

describe('commandReads', () => {
  test('finds the files simple reader commands read', () => {
    expect(commandReads("sed -n '1,80p' src/a.ts")).toEqual(['src/a.ts']);
    expect(commandReads('nl -ba src/b.ts | head -n 40')).toEqual(['src/b.ts']);
    expect(commandReads('cat a b && tail -n 5 c 2>/dev/null')).toEqual(['a', 'b', 'c']);
    expect(commandReads('head -20 README.md; wc -l x.txt')).toEqual(['README.md', 'x.txt']);
    expect(commandReads("jq '.name' package.json")).toEqual(['package.json']);
  });

  test('ignores searches, in-place edits, globs, stdin and redirect targets', () => {
    expect(commandReads('rg -n foo src')).toEqual([]);
    expect(commandReads("sed -i 's/a/b/' f.txt")).toEqual([]);
    expect(commandReads('cat src/*.ts')).toEqual([]);
    expect(commandReads('cat - > out.txt')).toEqual([]);
    expect(commandReads('cat $FILE')).toEqual([]);
  });
});

describe('parseToolOutput', () => {
  test('reads the legacy JSON output with metadata', () => {
    expect(
      parseToolOutput('{"output":"ok\\n","metadata":{"exit_code":3,"duration_seconds":1.5}}'),
    ).toEqual({ text: 'ok\n', exitCode: 3, durationMs: 1500, structured: true });
  });

  test('reads shell_command and unified exec headers', () => {
    expect(parseToolOutput('Exit code: 0\nWall time: 0.3 seconds\nOutput:\nfoo\n')).toEqual({
      text: 'foo\n',
      exitCode: 0,
      durationMs: 300,
      structured: true,
    });
    expect(
      parseToolOutput('Exit code: 1\nWall time: 2 seconds\nTotal output lines: 1\nOutput:\nbad'),
    ).toMatchObject({ text: 'bad', exitCode: 1, durationMs: 2000 });
    expect(
      parseToolOutput(
        'Chunk ID: ab\nWall time: 0.0515 seconds\nProcess exited with code 127\nOriginal token count: 3\nOutput:\nnot found\n',
      ),
    ).toEqual({
      text: 'not found\n',
      exitCode: 127,
      durationMs: 52,
      structured: true,
    });
    expect(
      parseToolOutput(
        'Chunk ID: ab\nWall time: 30 seconds\nProcess running with session ID 9\nOutput:\n…',
      ),
    ).toEqual({ text: '…', durationMs: 30000, runningSession: 9, structured: true });
  });

  test('reads payload objects, content arrays and plain text', () => {
    expect(parseToolOutput({ content: 'denied', success: false })).toEqual({
      text: 'denied',
      failed: true,
    });
    expect(
      parseToolOutput([
        { type: 'input_text', text: 'a' },
        { type: 'input_image', image_url: 'data:' },
        { type: 'input_text', text: 'b' },
      ]),
    ).toEqual({ text: 'a\nb' });
    expect(parseToolOutput('Plan updated')).toEqual({ text: 'Plan updated' });
    expect(parseToolOutput('{"not":"wrapped"}')).toEqual({ text: '{"not":"wrapped"}' });
  });
});
