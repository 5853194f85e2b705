import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, runHook, tempDir, trail, trailJson } from './helpers.js';
import { runFakeClaude, sampleRepo, type Step } from './fixtures/fake-claude.js';
import { filesHolding } from './store-grep.js';

const TOKEN = 'ghp_' + 'Qw3rTy7uIo9pAs1dFg5hJk2lZx4cVb6nM8q0';

interface ShowJson {
  session: {
    id: string;
    title: string;
    prompts: { text: string }[];
    commands: { command: string; exitCode: number | null }[];
    url: string;
  };
}

/** Records a session through the hook path whose steps hold `secret`; returns its home and id. */
function recordWith(secret: string, steps?: Step[]) {
  const root = tempDir();
  const repo = join(root, 'repo');
  mkdirSync(repo);
  git(repo, ['init', '-q']);
  sampleRepo(repo);
  const home = join(root, 'home');
  const script: Step[] = steps ?? [
    { prompt: `Deploy with this token: ${secret}` },
    { say: `I will use ${secret} for the deploy.` },
    { read: 'src/greet.js' },
    { bash: `echo "token=${secret}" && node -e "process.exit(0)"` },
    { prompt: 'Now say goodbye' },
    { edit: 'src/greet.js', old: '}\n', new: '}\n\nexport const bye = 1;\n' },
  ];
  const { sessionId } = runFakeClaude({
    cwd: repo,
    projectsDir: join(root, 'projects'),
    steps: script,
    hook: (p) => expect(runHook(home, p, { cli: false }).status).toBe(0),
  });
  return { home, sessionId, root };
}

describe('trail purge', () => {
  it('removes a secret from every file under the store home and keeps the session', () => {
    const { home, sessionId } = recordWith(TOKEN);
    const before = trailJson<ShowJson>(home, ['show', sessionId]);
    expect(filesHolding(home, TOKEN).length).toBeGreaterThan(0);
    const dry = trail(home, ['purge', '--secret', '-', '--dry-run', '--json'], {
      input: TOKEN + '\n',
    });
    expect(dry.status).toBe(0);
    const plan = JSON.parse(dry.stdout).purge;
    expect(plan).toMatchObject({ dryRun: true, sessions: [{ sessionId, rebuilt: false }] });
    expect(plan.deletedBlobs.length).toBeGreaterThan(0);
    expect(filesHolding(home, TOKEN).length).toBeGreaterThan(0);
    const r = trail(home, ['purge', '--secret', '-', '--yes'], { input: TOKEN + '\n' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('purged the given secret:');
    expect(filesHolding(home, TOKEN)).toEqual([]);
    // the session is still there, under its id, with the secret replaced
    const log = trailJson<{ sessions: { id: string }[] }>(home, ['log']);
    expect(log.sessions.map((s) => s.id)).toEqual([sessionId]);
    const after = trailJson<ShowJson>(home, ['show', sessionId.slice(0, 8)]);
    expect(after.session.prompts.map((p) => p.text)).toEqual([
      'Deploy with this token: [REDACTED:github-token]',
      'Now say goodbye',
    ]);
    expect(after.session.commands).toEqual(
      before.session.commands.map((c) => ({
        ...c,
        command: c.command.replace(TOKEN, '[REDACTED:github-token]'),
      })),
    );
    // searching for it finds nothing; a second purge finds nothing either
    expect(trail(home, ['search', TOKEN.slice(4)]).status).toBe(1);
    const again = trail(home, ['purge', '--secret', '-', '--yes'], { input: TOKEN });
    expect(again.stdout).toContain('not found; nothing to purge');
  });

  it('rebuilds a document whose history holds a secret the redactor cannot know, as a new generation', () => {
    const secret = 'plum-harbor-7731-quietly';
    const { home, sessionId } = recordWith(secret, [
      { prompt: 'Summarise the plan' },
      { bash: `echo "the vault word is ${secret}"` },
      { say: `Noted: ${secret}.` },
    ]);
    const url = trailJson<ShowJson>(home, ['show', sessionId]).session.url;
    expect(filesHolding(home, secret).some((f) => f.startsWith('automerge/'))).toBe(true);
    const r = trail(home, ['purge', '--secret', '-', '--yes', '--json'], { input: secret });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout).purge;
    expect(report.sessions).toEqual([
      expect.objectContaining({ sessionId, rebuilt: true, generation: 1 }),
    ]);
    expect(report.sessions[0].deletedDocuments).toEqual([report.sessions[0].oldDocumentId]);
    expect(filesHolding(home, secret)).toEqual([]);
    const after = trailJson<ShowJson>(home, ['show', sessionId]);
    expect(after.session.url).not.toBe(url);
    expect(after.session.commands.map((c) => c.command)).toEqual([
      'echo "the vault word is [REDACTED:purged]"',
    ]);
    // the rebuilt document takes new work like any other: import the transcript again
    expect(trail(home, ['reindex']).status).toBe(0);
    expect(
      trailJson<{ sessions: { id: string }[] }>(home, ['log']).sessions.map((s) => s.id),
    ).toEqual([sessionId]);
  });

  it('rewrites the working-tree checkpoints of a file the agent wrote the secret into, and rewind still works', () => {
    const { home, sessionId, root } = recordWith(TOKEN, [
      { prompt: 'Write the deploy config' },
      { write: 'deploy.js', content: `export const token = '${TOKEN}';\n` },
      { prompt: 'Now a readme' },
      { write: 'README.md', content: '# deploy\n' },
    ]);
    const before = trailJson<{ checkpoints: { checkpoint: string }[] }>(home, [
      'checkpoints',
      sessionId,
    ]).checkpoints;
    expect(before.length).toBeGreaterThan(1);
    expect(filesHolding(home, TOKEN).some((f) => f.startsWith('checkpoints/'))).toBe(true);
    const r = trail(home, ['purge', '--secret', '-', '--yes', '--json'], { input: TOKEN });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout).purge;
    expect(report.checkpoints).toEqual([
      expect.objectContaining({ root: join(root, 'repo'), paths: ['deploy.js'] }),
    ]);
    expect(filesHolding(home, TOKEN)).toEqual([]);
    const after = trailJson<{ checkpoints: { checkpoint: string }[] }>(home, [
      'checkpoints',
      sessionId,
    ]).checkpoints;
    expect(after).toHaveLength(before.length);
    expect(after.map((c) => c.checkpoint)).not.toEqual(before.map((c) => c.checkpoint));
    // the working tree is the user's and still holds it, so rewind needs --force to overwrite
    // it; rewinding to the start of prompt 2 brings back the checkpointed file, secret replaced
    const rewind = trail(home, ['rewind', `${sessionId}:2`, '--force', '--json'], {
      cwd: join(root, 'repo'),
    });
    expect(rewind.stderr).toBe('');
    expect(rewind.status).toBe(0);
    expect(readFileSync(join(root, 'repo', 'deploy.js'), 'utf8')).toBe(
      "export const token = '[REDACTED:github-token]';\n",
    );
  });

  it('rebuilds the library too when a session title held the secret, and the store keeps working', () => {
    const secret = 'plum-harbor-7731-quietly';
    const { home, sessionId, root } = recordWith(secret, [
      { prompt: `Remember the vault word ${secret}` },
      { bash: 'echo hi' },
    ]);
    const titles = () =>
      trailJson<{ sessions: { id: string; title: string }[] }>(home, ['log']).sessions.map((s) => [
        s.id,
        s.title,
      ]);
    expect(titles()).toEqual([[sessionId, `Remember the vault word ${secret}`]]);
    const r = trail(home, ['purge', '--secret', '-', '--yes', '--json'], { input: secret });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).purge.library).toMatchObject({ generation: 1 });
    expect(filesHolding(home, secret)).toEqual([]);
    expect(titles()).toEqual([[sessionId, 'Remember the vault word [REDACTED:purged]']]);
    // new work lands in the rebuilt library, and a reindex from it finds every session
    const next = runFakeClaude({
      cwd: join(root, 'repo'),
      projectsDir: join(root, 'projects'),
      steps: [{ prompt: 'And now?' }],
      hook: (p) => expect(runHook(home, p, { cli: false }).status).toBe(0),
    }).sessionId;
    expect(trail(home, ['reindex']).status).toBe(0);
    expect(
      titles()
        .map(([id]) => id)
        .sort(),
    ).toEqual([sessionId, next].sort());
  });

  it('purges what the redactor finds in one session with `trail purge <session>`', () => {
    const { home, sessionId } = recordWith(TOKEN);
    expect(trail(home, ['redact', '--check', sessionId]).status).toBe(10);
    const r = trail(home, ['purge', sessionId.slice(0, 8), '--yes']);
    expect(r.status).toBe(0);
    expect(trail(home, ['redact', '--check', sessionId]).status).toBe(0);
    expect(filesHolding(home, TOKEN)).toEqual([]);
  });

  it('refuses to purge without --yes when it cannot ask, and rejects unusable secrets and patterns', () => {
    const { home } = recordWith(TOKEN);
    const r = trail(home, ['purge', '--secret', '-'], { input: TOKEN });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('run again with --yes');
    expect(filesHolding(home, TOKEN).length).toBeGreaterThan(0);
    const short = trail(home, ['purge', '--secret', 'abc', '--yes']);
    expect([short.status, short.stderr]).toEqual([
      2,
      expect.stringContaining('at least 6 characters'),
    ]);
    const empty = trail(home, ['purge', '--pattern', 'x*', '--yes']);
    expect([empty.status, empty.stderr]).toEqual([
      2,
      expect.stringContaining('matches the empty string'),
    ]);
    expect(trail(home, ['purge']).status).toBe(2);
    const warned = trail(home, ['purge', '--secret', TOKEN, '--dry-run']);
    expect(warned.stderr).toContain('can be seen in `ps`');
  });
});
