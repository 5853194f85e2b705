import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, runHook, tempDir, trail } from './helpers.js';
import { runFakeClaude, sampleRepo, SAMPLE_STEPS, type Step } from './fixtures/fake-claude.js';

const TOKEN = 'ghp_' + 'Zx8kQ2mN4pR6sT8vW0yA1bC3dE5fG7hJ9kL1';

/** A recorded session (through the hook path) whose first prompt holds a GitHub token. */
function recorded(steps: Step[] = SAMPLE_STEPS) {
  const root = tempDir();
  const repo = join(root, 'repo');
  mkdirSync(repo);
  git(repo, ['init', '-q']);
  sampleRepo(repo);
  const home = join(root, 'home');
  const [first, ...rest] = steps;
  const withSecret: Step[] = [
    { prompt: `${(first as { prompt: string }).prompt}; my token is ${TOKEN}` },
    ...rest,
  ];
  const { sessionId } = runFakeClaude({
    cwd: repo,
    projectsDir: join(root, 'projects'),
    steps: withSecret,
    hook: (p) => expect(runHook(home, p, { cli: false }).status).toBe(0),
  });
  return { root, repo, home, sessionId };
}

describe('trail export', () => {
  it('writes a redacted Markdown summary for a pull request', () => {
    const { home, sessionId } = recorded();
    const r = trail(home, ['export', sessionId.slice(0, 8)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^## Agent session: Add a farewell\(\) next to greet\(\) and test both; my token is \[REDACTED:github-token\]/,
    );
    expect(r.stdout).toContain('| `src/greet.js` | modified | +4 −0 |');
    expect(r.stdout).toContain('- ✓ `node test/greet.test.mjs && echo ok` (prompt 1)');
    expect(r.stdout).toContain('- ran `exit 3` ✗ exit 3');
    expect(r.stdout).not.toContain(TOKEN.slice(4, 12));
  });

  it('prints exactly what it would write with --dry-run, and writes nothing', () => {
    const { root, home, sessionId } = recorded();
    const file = join(root, 'review.html');
    const dry = trail(home, [
      'export',
      sessionId,
      '--format',
      'html',
      '--policy',
      'trace',
      '-o',
      file,
      '--dry-run',
    ]);
    expect(dry.status).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(dry.stderr).toContain(`dry run: would write ${file}`);
    const real = trail(home, [
      'export',
      sessionId,
      '--format',
      'html',
      '--policy',
      'trace',
      '-o',
      file,
    ]);
    expect(real.status).toBe(0);
    expect(real.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(dry.stdout);
    expect(dry.stdout).toContain(
      '<span class="d-add">+<span class="k">export</span> <span class="k">function</span> farewell(name) {</span>',
    );
    expect(dry.stdout).not.toContain(TOKEN.slice(4, 12));
  });

  it('writes JSON that follows the versioned schema, for every policy', () => {
    const { home, sessionId } = recorded();
    for (const policy of ['metadata', 'summary', 'trace']) {
      const r = trail(home, ['export', sessionId, '--format', 'json', '--policy', policy]);
      expect(r.status).toBe(0);
      const x = JSON.parse(r.stdout);
      expect(x).toMatchObject({
        schema: 'trail/session-export',
        version: 1,
        policy,
        counts: { prompts: 2, commands: 2, commandsFailed: 1, filesChanged: 2, tests: 1 },
      });
      expect(r.stdout).not.toContain(TOKEN.slice(4, 12));
      if (policy === 'metadata') expect(x.prompts).toBeUndefined();
      // the title and the first prompt each hold it once
      if (policy !== 'metadata') expect(x.redactions).toEqual({ 'github-token': 2 });
    }
  });

  it('refuses an unknown format or policy as a usage error', () => {
    const { home, sessionId } = recorded();
    expect(trail(home, ['export', sessionId, '--format', 'pdf']).status).toBe(2);
    expect(trail(home, ['export', sessionId, '--policy', 'everything']).status).toBe(2);
    expect(trail(home, ['export', 'nosuchsession']).status).toBe(3);
  });
});

describe('trail redact --check', () => {
  it('exits 10 and lists kind, location and a masked value for a session holding a secret', () => {
    const { home, sessionId } = recorded();
    const r = trail(home, ['redact', '--check', sessionId]);
    expect(r.status).toBe(10);
    expect(r.stdout).toContain(`${sessionId.slice(0, 8)} prompt 1 `);
    expect(r.stdout).toContain('github-token ghp_…');
    expect(r.stdout).not.toContain(TOKEN.slice(4, 12));
    const j = trail(home, ['redact', '--check', sessionId, '--json']);
    expect(j.status).toBe(10);
    const json = (
      JSON.parse(j.stdout) as {
        findings: { kind: string; location: { field: string; in: string } }[];
      }
    ).findings;
    expect(json.length).toBeGreaterThan(0);
    expect(new Set(json.map((f) => f.kind))).toEqual(new Set(['github-token']));
    expect(json.some((f) => f.location.field === 'prompt' && f.location.in === 'blob')).toBe(true);
  });

  it('exits 0 on clean files and 10 on a file with a secret, with file:line:column', () => {
    const dir = tempDir();
    const clean = join(dir, 'clean.md');
    const dirty = join(dir, 'dirty.env');
    writeFileSync(clean, '# Notes\nNothing to see here.\n');
    writeFileSync(dirty, `A=1\nexport GITHUB_TOKEN=${TOKEN}\n`);
    const home = join(dir, 'home');
    const ok = trail(home, ['redact', '--check', clean]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    const bad = trail(home, ['redact', '--check', clean, dirty]);
    expect(bad.status).toBe(10);
    expect(bad.stdout).toBe(`${dirty}:2:21: github-token ghp_…\n`);
    const stdin = trail(home, ['redact', '--check', '-'], { input: `token ${TOKEN}` });
    expect(stdin.status).toBe(10);
    const json = JSON.parse(trail(home, ['redact', '--check', dirty, '--json']).stdout);
    expect(json).toMatchObject({
      version: 1,
      count: 1,
      findings: [
        { target: dirty, kind: 'github-token', masked: 'ghp_…', location: { line: 2, column: 21 } },
      ],
    });
  });

  it('keeps secrets out of search results', () => {
    const { home } = recorded();
    const r = trail(home, ['search', 'token', '--json']);
    expect(r.status).toBe(0);
    const snippets = (JSON.parse(r.stdout) as { results: { snippet: string }[] }).results.map(
      (h) => h.snippet,
    );
    expect(snippets.join('\n')).toContain('[REDACTED:github-token]');
    expect(r.stdout).not.toContain(TOKEN.slice(4, 12));
  });

  it('prints a file redacted without --check', () => {
    const home = join(tempDir(), 'home');
    const r = trail(home, ['redact', '-'], {
      input: `curl -H "Authorization: Bearer ${TOKEN}" x\n`,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('curl -H "Authorization: Bearer [REDACTED:github-token]" x\n');
  });
});
