import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, git, runHook, tempDir, trail } from './helpers.js';
import { runFakeClaude } from './fixtures/fake-claude.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('names exactly two set-up commands: the main job and the tests', () => {
    const block = /## Set up[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const cmds = block
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/\s+#.*$/, '').trim());
    expect(cmds).toEqual(['npm install && npm start', 'npm install && npm test']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe('trail tour');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toContain('npm test');
  });

  it('runs the main job: the tour records a session and shows log, show, diff, search, blame and an undone rewind', () => {
    const r = trail(tempDir(), ['tour']);
    expect(r.status).toBe(0);
    for (const s of [
      '$ trail log',
      '$ trail show',
      '$ trail diff',
      '$ trail search',
      '$ trail blame src/greet.js',
      '$ trail rewind',
      '$ trail export',
    ])
      expect(r.stderr).toContain(s);
    expect(r.stdout).toContain('+  return `Hi, ${name}!`;');
    expect(r.stdout).toMatch(/p2\s+claude-code\s+turn/);
    expect(r.stdout).toContain('to undo this rewind: trail rewind ');
    // the second device received the session through the embedded relay
    expect(r.stderr).toContain('$ trail log --oneline');
    expect(r.stdout.match(/claude-code repo Add a farewell\(\)/g)?.length).toBeGreaterThanOrEqual(
      1,
    );
    expect(r.stderr).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\S+ \(HTTP (200|302|303)\)/);
    expect(r.stdout).toContain('## Agent session: ');
  });

  it('runs every quick-start command against a recorded session', () => {
    const root = tempDir();
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    git(repo, ['init', '-q']);
    writeFileSync(
      join(repo, 'src', 'auth.ts'),
      'export function refresh(token: string) {\n  return token;\n}\n',
    );
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'init']);
    const home = join(root, 'home');
    const { sessionId } = runFakeClaude({
      cwd: repo,
      projectsDir: join(root, 'projects'),
      steps: [
        { prompt: 'Fix the token refresh in src/auth.ts' },
        { edit: 'src/auth.ts', old: '  return token;\n', new: '  return token.trim();\n' },
        { prompt: 'Log every renewal' },
        { bash: "sed -i 's/^}/  \\/\\/ renewed\\n}/' src/auth.ts" },
      ],
      hook: (p) => expect(runHook(home, p, { cli: false }).status).toBe(0),
    });
    const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const lines = block.split('\n').filter((l) => l.startsWith('npx trail '));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      const cmd = line
        .replace(/\s+#.*$/, '')
        .replace(/^npx trail /, '')
        .replace(/\b3f2a\b/g, sessionId.slice(0, 8));
      const args = cmd.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
      const r = trail(home, args, { cwd: repo });
      expect({ cmd, status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({
        cmd,
        status: 0,
        stderr: '',
      });
    }
  });
});
