import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, runHook, tempDir, trail } from './helpers.js';
import { runFakeClaude, sampleRepo, type Step } from './fixtures/fake-claude.js';

const TOKEN = 'sk-ant-api03-' + 'Zq8x'.repeat(23) + 'AA';

/** Git keeps whole seconds: leave one between a session and the commit after it. */
const tick = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);

describe('trail pr-summary', () => {
  it('summarises the sessions behind the commits of a branch and links each commit to its session', () => {
    const root = tempDir();
    const repo = join(root, 'repo');
    const home = join(root, 'home');
    mkdirSync(repo);
    git(repo, ['init', '-q']);
    sampleRepo(repo);
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'initial']);
    git(repo, ['checkout', '-q', '-b', 'feature/farewell']);
    tick();
    const session = (steps: Step[]) =>
      runFakeClaude({
        cwd: repo,
        projectsDir: join(root, 'projects'),
        steps,
        hook: (p) => expect(runHook(home, p, { cli: false }).status).toBe(0),
      }).sessionId;
    const first = session([
      { prompt: 'Add a farewell() next to greet() and test it' },
      {
        edit: 'src/greet.js',
        old: '}\n',
        new: '}\n\nexport function farewell(name) {\n  return `Bye, ${name}`;\n}\n',
      },
      {
        write: 'test/greet.test.mjs',
        content:
          "import { farewell } from '../src/greet.js';\nif (farewell('a') !== 'Bye, a') process.exit(1);\n",
      },
      { bash: 'node test/greet.test.mjs' },
      { say: 'Added farewell() with a passing test.' },
    ]);
    tick();
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'Add farewell()']);
    tick();
    const second = session([
      { prompt: `Document greet and farewell; the docs bot key is ${TOKEN}` },
      { write: 'README.md', content: '# greet\n\n`greet(name)` and `farewell(name)`.\n' },
      { write: 'test/readme.test.mjs', content: 'process.exit(1);\n' },
      { bash: 'node test/readme.test.mjs' },
    ]);
    tick();
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'Document the module']);
    tick();
    writeFileSync(join(repo, 'package.json'), '{"type":"module","version":"1.0.1"}\n');
    git(repo, ['commit', '-q', '-am', 'Bump the version by hand']);

    const r = trail(home, ['pr-summary'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const md = r.stdout;
    if (process.env.SHOW_MD) console.log(md);
    expect(md).toMatch(
      /^## Agent sessions behind this branch\n\n3 commits on `feature\/farewell` since `main` \(`[0-9a-f]{7}`\), 2 agent sessions matched: 2 prompts, 4 files changed, 2 test runs \(1 failed\)\./,
    );
    const rows = md.split('\n').filter((l) => /^\| `[0-9a-f]{7}` \|/.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(
      `| Add farewell() | [${first.slice(0, 8)}](#trail-session-${first.slice(0, 8)}) |`,
    );
    expect(rows[1]).toContain(
      `| Document the module | [${second.slice(0, 8)}](#trail-session-${second.slice(0, 8)}) |`,
    );
    expect(rows[2]).toContain('| Bump the version by hand | – (none matched) |');
    expect(md).toContain('**Tests:** ✓ `node test/greet.test.mjs`');
    expect(md).toContain('**Tests:** ✗ `node test/readme.test.mjs` (exit 1)');
    expect(md).toContain('1. Add a farewell() next to greet() and test it');
    expect(md).toContain('the docs bot key is [REDACTED:anthropic-api-key]');
    expect(md).not.toContain(TOKEN.slice(13, 21));
    expect(md).toContain(
      '**Files changed:** `src/greet.js` (+4 −0), `test/greet.test.mjs` (+2 −0)',
    );

    const json = JSON.parse(trail(home, ['pr-summary', '--json'], { cwd: repo }).stdout).summary;
    expect(json).toMatchObject({
      schema: 'trail/pr-summary',
      version: 1,
      base: { ref: 'main' },
      head: { ref: 'feature/farewell' },
    });
    expect(json.commits.map((c: { sessions: string[] }) => c.sessions)).toEqual([
      [first],
      [second],
      [],
    ]);

    // --base picks another starting point; -o writes the file
    const out = join(root, 'pr.md');
    const since = trail(home, ['pr-summary', '--base', 'HEAD~1', '-o', out], { cwd: repo });
    expect(since.status).toBe(0);
    expect(since.stderr).toContain(`wrote ${out} (1 commits, 0 sessions matched`);
  });

  it('says plainly when run outside a repository or without a base', () => {
    const dir = tempDir();
    const r = trail(join(dir, 'home'), ['pr-summary'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not inside a git repository');
  });
});
