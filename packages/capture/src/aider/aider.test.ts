import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolEvent } from '@trail/model';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parseEditBlocks } from './edit-blocks.js';
import { splitAiderHistory } from './history.js';
import { localToIso, parseAiderHistory } from './parse.js';

// an .aider.chat.history.md whose {{cN}} placeholders stand for the hashes of the commits made below
const template = readFileSync(
  resolve(fileURLToPath(import.meta.url), '../../../fixtures/aider/chat-history.template.txt'),
  'utf8',
);

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trail-aider-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A git repository with the commits the fixture history says aider made; returns their short hashes. */
function makeRepo(dir: string): Record<string, string> {
  const git = (args: string[], date = '2025-01-10T09:00:00') =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Dev (aider)',
        GIT_AUTHOR_EMAIL: 'dev@example.com',
        GIT_COMMITTER_NAME: 'Dev',
        GIT_COMMITTER_EMAIL: 'dev@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    }).trim();
  git(['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, 'app.py'), 'def main():\n    pass\n');
  writeFileSync(
    join(dir, 'README.md'),
    '# demo\n\nA small demo of greeting people.\nRun it with python app.py.\n',
  );
  git(['add', '.']);
  git(['commit', '-q', '-m', 'initial']);
  writeFileSync(
    join(dir, 'app.py'),
    'def greet(name):\n    return f"hello {name}"\n\n\ndef main():\n    pass\n',
  );
  git(['commit', '-q', '-am', 'feat: Add greet function'], '2025-01-10T09:01:30');
  const c2 = git(['rev-parse', '--short=7', 'HEAD']);
  writeFileSync(
    join(dir, 'README.md'),
    '# demo\n\nA small demo of greeting people.\nRun it with python app.py.\nuser notes\n',
  );
  git(['commit', '-q', '-am', 'docs: Update README'], '2025-01-10T09:03:00');
  const c3 = git(['rev-parse', '--short=7', 'HEAD']);
  git(['mv', 'README.md', 'README.txt']);
  writeFileSync(
    join(dir, 'README.txt'),
    '# demo\n\nA small demo of greeting people.\nRun it with python app.py.\nuser notes\ngreet(name) says hello.\n',
  );
  git(
    ['commit', '-q', '-am', 'docs: Move README to README.txt and document greet'],
    '2025-01-10T09:03:10',
  );
  const c4 = git(['rev-parse', '--short=7', 'HEAD']);
  return { c2, c3, c4 };
}

describe('an aider history with the repository its commits are in', () => {
  let repo = '';
  let hashes: Record<string, string> = {};
  let result: Awaited<ReturnType<typeof parseAiderHistory>>;
  const dir = mkdtempSync(join(tmpdir(), 'trail-aider-repo-'));
  beforeAll(async () => {
    repo = dir;
    hashes = makeRepo(repo);
    const text = template.replace(/\{\{(c\d)\}\}/g, (_, k: string) => hashes[k]!);
    writeFileSync(join(repo, '.aider.chat.history.md'), text);
    result = await parseAiderHistory(join(repo, '.aider.chat.history.md'), { repoDir: repo });
    return () => rmSync(dir, { recursive: true, force: true });
  });

  test('splits launches into sessions with version, model and local start time', () => {
    expect(result.stats).toEqual({
      sessions: 2,
      prompts: 3,
      commits: 2,
      missingCommits: 1,
      uncommittedEdits: 1,
      commands: 1,
    });
    const [a, b] = result.sessions;
    expect(a).toMatchObject({
      agent: 'aider',
      cwd: repo,
      agentVersion: '0.72.1',
      model: 'claude-3-5-sonnet-20241022',
      startedAt: localToIso('2025-01-10 09:00:00'),
    });
    expect(b).toMatchObject({ model: 'gpt-4o', startedAt: localToIso('2025-01-11 14:30:00') });
    expect(a!.id).toMatch(/^aider-[0-9a-f]{16}$/);
    expect(a!.id).not.toBe(b!.id);
  });

  test('each commit aider made becomes the prompt’s edit, with git’s real diff', () => {
    const s = result.sessions[0]!;
    expect(
      s.events.map((e) => [e.kind, e.kind === 'tool' || e.kind === 'system' ? e.id : '']),
    ).toEqual([
      ['prompt', ''],
      ['assistant', ''],
      ['tool', `t-commit-${hashes.c2}`],
      ['tool', expect.stringMatching(/^t-[0-9a-f]{16}-0$/)],
      ['prompt', ''],
      ['assistant', ''],
      ['system', `s-commit-${hashes.c3}`],
      ['tool', `t-commit-${hashes.c4}`],
      ['system', expect.stringMatching(/^s-/)],
    ]);
    const greet = s.events[2] as ToolEvent;
    expect(greet).toMatchObject({
      name: 'aider_commit',
      category: 'edit',
      status: 'ok',
      ts: localToIso('2025-01-10 09:01:30'),
      input: { commit: hashes.c2, message: 'feat: Add greet function', applied: ['app.py'] },
    });
    expect(greet.changes).toEqual([
      {
        path: 'app.py',
        op: 'modify',
        added: 4,
        removed: 0,
        patch:
          '--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,6 @@\n+def greet(name):\n+    return f"hello {name}"\n+\n+\n def main():\n     pass\n',
      },
    ]);
    const move = s.events[7] as ToolEvent;
    expect(move.changes).toEqual([
      {
        path: 'README.txt',
        op: 'rename',
        fromPath: 'README.md',
        added: 1,
        removed: 0,
        patch:
          '--- a/README.md\n+++ b/README.txt\n@@ -3,3 +3,4 @@\n A small demo of greeting people.\n Run it with python app.py.\n user notes\n+greet(name) says hello.\n',
      },
    ]);
  });

  test('multi-line inputs, /run commands, the user’s own changes and /undo', () => {
    const s = result.sessions[0]!;
    expect(s.events[4]).toMatchObject({
      kind: 'prompt',
      text: 'rename README.md to README.txt and\nmention greet in it',
    });
    expect(s.events[3]).toMatchObject({
      kind: 'tool',
      name: '/run',
      category: 'command',
      command: `python -c "import app; print(app.greet('x'))"`,
      output: 'hello x',
      exitCode: null,
    });
    expect(s.events[6]).toMatchObject({
      kind: 'system',
      subtype: 'user-changes-committed',
      text: `${hashes.c3} docs: Update README`,
    });
    expect(s.events[8]).toMatchObject({
      kind: 'system',
      subtype: 'undo',
      text: expect.stringContaining(`Removed: ${hashes.c4}`),
    });
    expect(s.events[1]).toMatchObject({
      kind: 'assistant',
      model: 'claude-3-5-sonnet-20241022',
      text: expect.stringMatching(/^Here is the change:/),
    });
    expect(s.endedAt).toBe(localToIso('2025-01-10 09:03:10'));
  });

  test('a commit missing from the repository is reported; the edit comes from the reply', () => {
    expect(result.problems).toEqual([
      {
        file: join(repo, '.aider.chat.history.md'),
        line: 77,
        reason: `commit 0badc0f is not in ${repo}; the turn's edits come from the reply instead`,
      },
    ]);
    const s = result.sessions[1]!;
    expect(s.events.map((e) => e.kind)).toEqual(['prompt', 'assistant', 'tool']);
    expect((s.events[2] as ToolEvent).changes).toEqual([
      {
        path: 'app.py',
        op: 'modify',
        added: 1,
        removed: 1,
        patch:
          '--- a/app.py\n+++ b/app.py\n@@\n-    return f"hello {name}"\n+    return f"Hello, {name}!"\n',
      },
    ]);
  });

  test('parses the same way twice', async () => {
    const again = await parseAiderHistory(join(repo, '.aider.chat.history.md'), { repoDir: repo });
    expect(again).toEqual(result);
  });
});

describe('bad input', () => {
  test('an unreadable, empty or foreign file is a problem, not an exception', async () => {
    const dir = tempDir();
    expect(
      (await parseAiderHistory(join(dir, 'missing.md'), { repoDir: dir })).problems[0]!.reason,
    ).toMatch(/^CAPTURE_UNREADABLE: .*ENOENT/);
    expect((await parseAiderHistory('h.md', { repoDir: dir, text: '' })).problems).toEqual([
      { file: 'h.md', line: 0, reason: 'CAPTURE_EMPTY: the file is empty' },
    ]);
    expect(
      (await parseAiderHistory('h.md', { repoDir: dir, text: '# notes\nhello\n' })).problems[0]!
        .reason,
    ).toMatch(/^CAPTURE_UNKNOWN_FORMAT/);
  });

  test('outside a git repository the edits come from the replies and git’s failure is said once', async () => {
    const dir = tempDir();
    const text =
      '# aider chat started at 2025-02-01 10:00:00\n\n#### x\n\nf.txt\n```\n<<<<<<< SEARCH\n=======\nnew\n>>>>>>> REPLACE\n```\n\n> Applied edit to f.txt\n> Commit 1234567 add f\n\n#### y\n\n> Applied edit to f.txt\n> Commit 89abcde more\n';
    const r = await parseAiderHistory('h.md', { repoDir: dir, text });
    expect(r.problems).toEqual([
      {
        file: 'h.md',
        line: 0,
        reason: expect.stringMatching(/^AIDER_GIT_FAILED: git could not read /),
      },
    ]);
    expect((r.sessions[0]!.events[2] as ToolEvent).changes).toEqual([
      {
        path: 'f.txt',
        op: 'create',
        added: 1,
        removed: 0,
        before: null,
        patch: '--- /dev/null\n+++ b/f.txt\n@@\n+new\n',
      },
    ]);
    expect((r.sessions[0]!.events[4] as ToolEvent).changes).toEqual([
      { path: 'f.txt', op: 'modify', added: 0, removed: 0 },
    ]);
  });
});

test('splitAiderHistory and parseEditBlocks read the markdown structure', () => {
  const launches = splitAiderHistory(
    'junk\n# aider chat started at 2025-01-01 00:00:00\n> Aider v1  \n#### a  \n#### b\nreply  \n> note  \n',
  );
  expect(launches).toEqual([
    {
      line: 2,
      startedAt: '2025-01-01 00:00:00',
      preamble: ['Aider v1'],
      turns: [{ line: 4, input: 'a\nb', reply: 'reply', notes: ['note'], noteLines: [7] }],
    },
  ]);
  expect(
    parseEditBlocks(
      '`src/x.py`\n```python\n<<<<<<< SEARCH\nold\n=======\nnew\n>>>>>>> REPLACE\n```\n',
    ),
  ).toEqual([{ path: 'src/x.py', search: 'old\n', replace: 'new\n' }]);
});
