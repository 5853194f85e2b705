import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../packages/history/src/testing/recorder.js';
import { ClaudeSession } from './history-claude.js';
import { git, tempDir, trail, trailJson } from './helpers.js';

interface JsonLine {
  line: number;
  text: string;
  kind: string;
  prompt: number | null;
  tool: string | null;
  toolCallId: string | null;
  sessionId: string | null;
  inferred: boolean;
}

/** One word per line: what produced it. */
function who(lines: JsonLine[]): string[] {
  return lines.map(
    (l) =>
      (l.kind === 'tool'
        ? `${l.tool}@${l.prompt}`
        : l.kind === 'turn'
          ? `turn@${l.prompt}`
          : l.kind) + (l.inferred ? '*' : ''),
  );
}

const LOGO = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]);

/** A repository with a little of everything, committed. */
function project(): { base: string; repo: string; home: string; outside: string } {
  const base = realpathSync(tempDir('trail-history-e2e-'));
  const repo = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(join(repo, 'dist'));
  mkdirSync(outside);
  writeFileSync(join(repo, 'src/app.ts'), 'export const a = 1;\nexport const b = 2;\n');
  writeFileSync(join(repo, 'notes.md'), '# Notes\ncolour: red\n');
  writeFileSync(join(repo, 'old.txt'), 'to be moved\n');
  writeFileSync(join(repo, 'gone.txt'), 'to be removed\n');
  writeFileSync(join(repo, 'logo.png'), LOGO);
  writeFileSync(
    join(repo, 'big.txt'),
    Array.from({ length: 10_000 }, (_, i) => `line ${i + 1}\n`).join(''),
  );
  writeFileSync(join(repo, '.gitignore'), 'dist/\n');
  writeFileSync(join(repo, 'dist/bundle.js'), 'ignored\n');
  writeFileSync(join(outside, 'settings.ini'), '[core]\nmode = slow\n');
  git(repo, ['init', '-q']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'initial']);
  return { base, repo, outside, home: join(base, 'home') };
}

describe('checkpoints, blame and rewind through the real hook and CLI', () => {
  it('records a session and answers blame, checkpoints and rewind exactly', () => {
    const { repo, home, outside } = project();
    const gitDirBefore = fingerprint(join(repo, '.git'), []);
    const c = new ClaudeSession(home, repo).start();

    c.prompt('add a sum and tidy the notes');
    const edit = c.edit(
      'src/app.ts',
      'export const b = 2;\n',
      'export const b = 2;\nexport const sum = a + b;\n',
    );
    c.multiEdit('src/app.ts', [
      { old_string: 'export const a = 1;', new_string: 'export const a = 10;' },
      {
        old_string: 'export const sum = a + b;\n',
        new_string: 'export const sum = a + b;\nexport const twice = sum * 2;\n',
      },
    ]);
    c.write('src/util.ts', 'export function id<T>(x: T): T {\n  return x;\n}\n');
    c.bash("sed -i 's/red/blue/' notes.md");
    c.stop();

    // a human edits between the two prompts
    writeFileSync(
      join(repo, 'src/app.ts'),
      readFileSync(join(repo, 'src/app.ts'), 'utf8') + '// reviewed by a human\n',
    );
    const beforePromptTwo = fingerprint(repo, ['.git']);

    c.prompt('clean up the files');
    c.bash('rm gone.txt');
    c.bash('mv old.txt moved.txt');
    c.bash("printf '\\001\\002\\003' > logo.png");
    c.edit(join(outside, 'settings.ini'), 'mode = slow', 'mode = fast');
    c.edit('big.txt', 'line 5000\n', 'line five thousand\n');
    c.stop();
    const finalState = fingerprint(repo, ['.git']);

    // blame, line by line
    const app = trailJson<{ lines: JsonLine[] }>(home, ['blame', join(repo, 'src/app.ts')]);
    expect(app.lines.map((l) => l.text)).toEqual([
      'export const a = 10;',
      'export const b = 2;',
      'export const sum = a + b;',
      'export const twice = sum * 2;',
      '// reviewed by a human',
    ]);
    expect(who(app.lines)).toEqual(['MultiEdit@1', 'before', 'Edit@1', 'MultiEdit@1', 'human']);
    expect(app.lines[2]).toMatchObject({ sessionId: c.id, toolCallId: edit, inferred: false });
    expect(
      who(trailJson<{ lines: JsonLine[] }>(home, ['blame', 'notes.md'], { cwd: repo }).lines),
    ).toEqual(['before', 'turn@1']);
    expect(
      who(trailJson<{ lines: JsonLine[] }>(home, ['blame', 'src/util.ts'], { cwd: repo }).lines),
    ).toEqual(['Write@1', 'Write@1', 'Write@1']);
    expect(
      who(trailJson<{ lines: JsonLine[] }>(home, ['blame', 'moved.txt'], { cwd: repo }).lines),
    ).toEqual(['before']);
    expect(
      who(trailJson<{ lines: JsonLine[] }>(home, ['blame', join(outside, 'settings.ini')]).lines),
    ).toEqual(['before*', 'Edit@2*']);
    const big = trailJson<{ total: number; lines: JsonLine[] }>(
      home,
      ['blame', 'big.txt', '-L', '4999,5001'],
      { cwd: repo },
    );
    expect(big.total).toBe(10_000);
    expect(big.lines.map((l) => [l.line, l.text, l.kind, l.prompt])).toEqual([
      [4999, 'line 4999', 'before', null],
      [5000, 'line five thousand', 'tool', 2],
      [5001, 'line 5001', 'before', null],
    ]);
    const human = trail(home, ['blame', 'src/app.ts', '-L', '1,2'], { cwd: repo });
    expect(human.stdout.split('\n')[0]).toMatch(
      new RegExp(
        `^${c.id.slice(0, 8)} p1 +claude-code +MultiEdit +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 1\\) export const a = 10;$`,
      ),
    );
    expect(trail(home, ['blame', 'src/app.ts', '--porcelain'], { cwd: repo }).stdout).toContain(
      `tool-call ${edit}\n`,
    );

    // a file trail never saw
    writeFileSync(join(repo, 'unseen.txt'), 'made after every checkpoint\n');
    const unseen = trail(home, ['blame', 'unseen.txt'], { cwd: repo });
    expect(unseen.status).toBe(5);
    expect(unseen.stderr).toContain('trail has no record of unseen.txt');
    rmSync(join(repo, 'unseen.txt'));

    // the checkpoints of the session
    const cps = trailJson<{ checkpoints: { moment: string; prompt: number; changed: string[] }[] }>(
      home,
      ['checkpoints'],
      { cwd: repo },
    ).checkpoints;
    expect(cps.map((x) => [x.moment, x.prompt, x.changed])).toEqual([
      ['start', 1, []],
      ['end', 1, ['notes.md', 'src/app.ts', 'src/util.ts']],
      ['start', 2, ['src/app.ts']],
      ['end', 2, ['big.txt', 'gone.txt', 'logo.png', 'moved.txt', 'old.txt']],
    ]);

    // a dry run lists exactly what would change and writes nothing
    const dry = trailJson<{ rewind: { changes: { path: string; op: string }[] } }>(
      home,
      ['rewind', `${c.id}:2`, '--dry-run'],
      { cwd: repo },
    );
    expect(dry.rewind.changes).toEqual([
      { path: 'big.txt', op: 'modify' },
      { path: 'gone.txt', op: 'create' },
      { path: 'logo.png', op: 'modify' },
      { path: 'moved.txt', op: 'delete' },
      { path: 'old.txt', op: 'create' },
    ]);
    expect(fingerprint(repo, ['.git'])).toEqual(finalState);

    // rewind to the start of prompt 2: every file by content hash as it was then
    const rw = trailJson<{ rewind: { undo: string; saved: string } }>(
      home,
      ['rewind', `${c.id.slice(0, 8)}:2`],
      { cwd: repo },
    );
    expect(fingerprint(repo, ['.git'])).toEqual(beforePromptTwo);
    expect(readFileSync(join(repo, 'logo.png')).equals(LOGO)).toBe(true);

    // and the printed command undoes it
    expect(rw.rewind.undo).toBe(`trail rewind ${rw.rewind.saved}`);
    const undo = trail(home, rw.rewind.undo.split(' ').slice(1), { cwd: repo });
    expect(undo.status, undo.stderr).toBe(0);
    expect(fingerprint(repo, ['.git'])).toEqual(finalState);

    // none of it touched the user's repository: refs, index, stash, config, objects
    expect(fingerprint(join(repo, '.git'), [])).toEqual(gitDirBefore);
  });

  it('refuses to overwrite work no checkpoint has, names it, and rewinds with --force', () => {
    const { repo, home } = project();
    const c = new ClaudeSession(home, repo).start();
    c.prompt('change the notes');
    c.edit('notes.md', 'colour: red', 'colour: green');
    c.stop();
    writeFileSync(join(repo, 'notes.md'), '# Notes\nhand-written, never checkpointed\n');
    const refused = trail(home, ['rewind', `${c.id}:1`], { cwd: repo });
    expect(refused.status).toBe(7);
    expect(refused.stderr).toContain('notes.md');
    expect(readFileSync(join(repo, 'notes.md'), 'utf8')).toBe(
      '# Notes\nhand-written, never checkpointed\n',
    );
    const forced = trailJson<{ rewind: { undo: string; unsafe: string[] } }>(
      home,
      ['rewind', `${c.id}:1`, '--force'],
      { cwd: repo },
    );
    expect(forced.rewind.unsafe).toEqual(['notes.md']);
    expect(readFileSync(join(repo, 'notes.md'), 'utf8')).toBe('# Notes\ncolour: red\n');
    expect(trail(home, forced.rewind.undo.split(' ').slice(1), { cwd: repo }).status).toBe(0);
    expect(readFileSync(join(repo, 'notes.md'), 'utf8')).toBe(
      '# Notes\nhand-written, never checkpointed\n',
    );
  });

  it('prints the undo command after a human-readable rewind', () => {
    const { repo, home } = project();
    const c = new ClaudeSession(home, repo).start();
    c.prompt('edit');
    c.write('src/app.ts', 'replaced\n');
    c.stop();
    const r = trail(home, ['rewind', c.id], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^restore src\/app\.ts\nto undo this rewind: trail rewind [0-9a-f]{40}\n$/,
    );
    expect(trail(home, ['rewind', 'deadbeefdeadbeef'], { cwd: repo }).status).toBe(3);
  });
});
