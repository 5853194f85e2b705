import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir, trail } from './helpers.js';
import { runFakeClaude, sampleRepo, SAMPLE_STEPS } from './fixtures/fake-claude.js';

describe('docs/formats.md', () => {
  it('runs its "reading a store without trail" program against a real store', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'formats.md'), 'utf8');
    const program = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(program).toBeDefined();
    const root = tempDir();
    const repo = join(root, 'repo');
    sampleRepo(repo);
    const { sessionId } = runFakeClaude({
      cwd: repo,
      projectsDir: join(root, 'projects'),
      steps: SAMPLE_STEPS,
    });
    const home = join(root, 'home');
    expect(trail(home, ['import', 'claude', '--from', join(root, 'projects')]).status).toBe(0);
    // the program imports only automerge-repo packages, resolved from the checkout
    const file = join(ROOT, 'test', `.formats-doc-${process.pid}.mjs`);
    writeFileSync(file, program!);
    try {
      const r = spawnSync(process.execPath, [file], {
        env: { ...process.env, TRAIL_HOME: home },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stderr).toBe('');
      expect(
        r.stdout.trim().startsWith(`${sessionId} Add a farewell() next to greet() and test both `),
      ).toBe(true);
      expect(Number(r.stdout.trim().split(' ').pop())).toBeGreaterThan(10);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
