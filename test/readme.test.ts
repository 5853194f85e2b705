import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOUR_TOKEN } from '../cli/src/tour/script.js';
import { ROOT, git, runHook, tempDir, trail, trailJson } from './helpers.js';
import { runFakeClaude } from './fixtures/fake-claude.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Every file under a directory. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name));
}

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

  it('runs the main job: the tour records a session and shows log, show, diff, search, blame, an undone rewind, a second device and a teammate', () => {
    const root = join(tempDir(), 'tour');
    const r = trail(tempDir(), ['tour', '--dir', root]);
    expect(r.status, r.stderr).toBe(0);
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

    // the team step: ada (the tour's store) shares the session with grace (a store of her own)
    const ada = join(root, 'store');
    const grace = join(root, 'teammate-store');
    const [session] = trailJson<{ sessions: { id: string }[] }>(ada, ['log']).sessions;
    const short = session!.id.slice(0, 8);
    for (const s of [
      '$ trail team create demo --as ada   (ada)',
      '$ trail team invite demo   (ada)',
      '$ trail team join TRAIL',
      `$ trail share ${short} --team demo --dry-run   (ada)`,
      `$ trail share ${short} --team demo   (ada)`,
      '$ trail team sync demo   (grace)',
      '$ trail team log demo   (grace)',
      `$ trail team show demo ${short}   (ada)`,
    ])
      expect(r.stderr).toContain(s);
    expect(r.stderr).toContain(
      `dry run: session ${short} as it would be shared with team demo (summary policy, 4 values redacted); nothing published`,
    );
    // the dry run shows the command as it would leave, token redacted
    expect(r.stdout).toContain(
      '{"prompt":2,"command":"GREET_API_TOKEN=[REDACTED:secret-assignment] node test/greet.test.js",',
    );
    expect(r.stderr).toContain('team demo: ↓ 1 change, ↑ 0 changes');
    // grace's replica holds ada's summary, received through the relay
    const log = trailJson<{ summaries: Record<string, unknown>[] }>(grace, ['team', 'log', 'demo']);
    expect(log.summaries).toMatchObject([
      {
        session: session!.id,
        author: { name: 'ada' },
        title: 'Add a farewell() next to greet() and a test for both',
        withdrawn: false,
        comments: 1,
      },
    ]);
    // and grace's comment came back to ada
    const shown = trailJson<{
      summary: { comments: { text: string }[]; summary: { commands: { command: string }[] } };
    }>(ada, ['team', 'show', 'demo', short]).summary;
    expect(shown.comments.map((c) => c.text)).toEqual([
      'Looks good; can the token come out of the test command?',
    ]);
    expect(r.stdout).toContain('grace 20');
    // the planted token was recorded and redacted before it left; the tour never prints it
    expect(shown.summary.commands.map((c) => c.command)).toContain(
      'GREET_API_TOKEN=[REDACTED:secret-assignment] node test/greet.test.js',
    );
    expect(r.stdout + r.stderr).not.toContain(TOUR_TOKEN);
    const received = trail(grace, ['team', 'show', 'demo', short, '--json']).stdout;
    expect(received).toContain('[REDACTED:secret-assignment]');
    expect(received).not.toContain(TOUR_TOKEN);
    // the relay's files exist and hold nothing of the summary in plaintext
    const relayFiles = filesUnder(join(root, 'relay'));
    expect(relayFiles.length).toBeGreaterThan(3);
    for (const needle of ['Add a farewell()', 'greet.js', 'Looks good', TOUR_TOKEN])
      expect(relayFiles.filter((f) => readFileSync(f).includes(needle))).toEqual([]);
    expect(r.stderr).toMatch(/the relay holds \d+ files .*only ciphertext/);
  }, 60_000);

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
