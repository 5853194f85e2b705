import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, tempDir, trail } from './helpers.js';
import { runFakeClaude, sampleRepo, SAMPLE_STEPS } from './fixtures/fake-claude.js';

// `trail log` and `trail search` with plain flags skip commander (cli/src/fast.ts); a spelling
// the fast path declines (`-n1` rather than `-n 1`) goes through commander. Both must agree.
describe('read commands: the fast path and commander', () => {
  it('print the same output, messages and exit status for the same command line', () => {
    const root = tempDir();
    const repo = join(root, 'repo');
    mkdirSync(repo);
    git(repo, ['init', '-q']);
    sampleRepo(repo);
    const projects = join(root, 'claude-projects');
    runFakeClaude({ cwd: repo, projectsDir: projects, steps: SAMPLE_STEPS });
    const home = join(root, 'home');
    expect(trail(home, ['import', 'claude', '--from', projects]).status).toBe(0);

    const pairs: [string[], string[]][] = [
      [
        ['log', '-n', '1'],
        ['log', '-n1'],
      ],
      [
        ['log', '--json', '-n', '1'],
        ['log', '--json', '-n1'],
      ],
      [
        ['log', '--oneline', '-n', '5'],
        ['log', '--oneline', '-n5'],
      ],
      [
        ['log', '--since', 'nonsense', '-n', '1'],
        ['log', '--since', 'nonsense', '-n1'],
      ],
      [
        ['log', '--json', '--until', 'nonsense', '-n', '1'],
        ['log', '--json', '--until', 'nonsense', '-n1'],
      ],
      [
        ['log', '--agent', 'codex', '-n', '1'],
        ['log', '--agent', 'codex', '-n1'],
      ],
      [
        ['search', 'farewell', '-n', '5'],
        ['search', '-n5', 'farewell'],
      ],
      [
        ['search', 'farewell', '--json', '-n', '5'],
        ['search', '--json', '-n5', 'farewell'],
      ],
      [
        ['search', 'no-such-word-anywhere', '-n', '5'],
        ['search', '-n5', 'no-such-word-anywhere'],
      ],
    ];
    for (const [fast, full] of pairs) {
      const a = trail(home, fast);
      const b = trail(home, full);
      expect({ out: a.stdout, err: a.stderr, status: a.status }, fast.join(' ')).toEqual({
        out: b.stdout,
        err: b.stderr,
        status: b.status,
      });
    }
    expect(trail(home, ['search', 'farewell']).stdout).toContain('[farewell]');
    expect(trail(home, ['log', '--since', 'nonsense']).status).toBe(2);
  });

  it('redact a secret in a snippet the same way', () => {
    const root = tempDir();
    const repo = join(root, 'repo');
    mkdirSync(repo);
    git(repo, ['init', '-q']);
    sampleRepo(repo);
    const projects = join(root, 'claude-projects');
    const token = 'ghp_' + 'Qw3rTy7uIo9pAs1dFg5hJk2lZx4cVb6nM8q0';
    runFakeClaude({
      cwd: repo,
      projectsDir: projects,
      steps: [
        { prompt: `Deploy with this token: ${token}` },
        { say: `I will deploy with ${token}.` },
      ],
    });
    const home = join(root, 'home');
    expect(trail(home, ['import', 'claude', '--from', projects]).status).toBe(0);
    const fast = trail(home, ['search', 'deploy', '-n', '5']);
    expect(fast.status).toBe(0);
    expect(fast.stdout).toContain('[REDACTED:github-token]');
    expect(fast.stdout).not.toContain(token);
    expect(fast.stdout).toBe(trail(home, ['search', '-n5', 'deploy']).stdout);
  });

  it('still gives help and usage errors from commander', () => {
    const home = join(tempDir(), 'home');
    const help = trail(home, ['log', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Examples:');
    const bad = trail(home, ['log', '-n', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('trail: -n needs a positive whole number, not "0"\n');
    expect(trail(home, ['search']).status).toBe(2);
  });
});
