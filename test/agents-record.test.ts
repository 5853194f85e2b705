import { spawn as spawnChild } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import stripAnsi from 'strip-ansi';
import { describe, expect, it } from 'vitest';
import { CLI, envFor, git, ROOT, tempDir, trail, trailJson } from './helpers.js';
import { asBlobHash } from '@trail/model';
import { FsBlobStore } from '@trail/store/blobs';
import { log, show } from './agents-support.js';

const FAKE = join(ROOT, 'test', 'fixtures', 'fake-agent.mjs');
const PROMPT = 'agent>';
const TURNS = [
  "printf 'alpha\\n' > notes.txt",
  "printf 'beta\\n' >> notes.txt && printf 'x\\n' > other.txt",
  "printf 'gamma\\n' >> notes.txt",
];

/** A scratch git repository with one file that predates any session. */
function repo(): { root: string; repo: string; home: string } {
  const root = tempDir();
  const dir = join(root, 'repo');
  mkdirSync(dir);
  git(dir, ['init', '-q']);
  writeFileSync(join(dir, 'README'), 'before\n');
  return { root, repo: dir, home: join(root, 'home') };
}

/**
 * `trail record -- node fake-agent.mjs ...` in a real pseudo-terminal, as a user would run it.
 * `drive` types into it; the result is everything the terminal showed, and how trail exited.
 */
async function recordInPty(
  home: string,
  cwd: string,
  args: string[],
  drive: (t: {
    type: (s: string) => void;
    prompts: (n: number) => Promise<void>;
    until: (s: string) => Promise<void>;
    resize: (c: number, r: number) => void;
  }) => Promise<void>,
): Promise<{ screen: string; exitCode: number; signal: number }> {
  const p = spawnPty(process.execPath, [CLI, 'record', '--', process.execPath, FAKE, ...args], {
    cwd,
    env: envFor(home),
    cols: 100,
    rows: 30,
    name: 'xterm-256color',
  });
  let screen = '';
  p.onData((d) => (screen += d));
  const exited = new Promise<{ exitCode: number; signal: number }>((resolve) =>
    p.onExit((e) => resolve({ exitCode: e.exitCode, signal: e.signal ?? 0 })),
  );
  const until = async (pred: () => boolean, what: string) => {
    for (let i = 0; !pred(); i++) {
      if (i > 1500)
        throw new Error(`timed out waiting for ${what}; the terminal showed:\n${screen}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await drive({
    type: (s) => p.write(s),
    prompts: (n) => until(() => stripAnsi(screen).split(PROMPT).length - 1 >= n, `${n} prompts`),
    until: (s) => until(() => stripAnsi(screen).includes(s), JSON.stringify(s)),
    resize: (c, r) => p.resize(c, r),
  });
  const end = await exited;
  return { screen, ...end };
}

const blameOf = (home: string, cwd: string, file: string) =>
  trailJson<{
    lines: {
      text: string;
      kind: string;
      prompt: number | null;
      promptText: string | null;
      agent: string | null;
    }[];
  }>(home, ['blame', file], { cwd }).lines.map((l) => [l.text, l.kind, l.prompt, l.promptText]);

describe('trail record in a real pseudo-terminal', () => {
  it('records three turns of an agent editing files through the shell: prompts, changes, transcript, blame per turn', async () => {
    const { repo: cwd, home } = repo();
    const run = await recordInPty(home, cwd, TURNS, async (t) => {
      await t.prompts(1);
      t.type('write alpha\r');
      await t.prompts(2);
      t.type('write beta and x\r');
      await t.prompts(3);
      t.type('write gammq\x7fa\r'); // a typo fixed with Backspace
      await t.prompts(4);
      t.type('\x04'); // Ctrl-D: end of input, the agent exits
    });
    expect(run.exitCode).toBe(0);
    // the terminal was passed through untouched: colours and all
    expect(run.screen).toContain('\x1b[1;36mfake agent\x1b[0m ready');
    expect(run.screen).toMatch(/trail: recorded session [0-9a-f]{8}: 3 lines submitted, exit 0/);

    const [entry] = log(home);
    expect(entry).toMatchObject({ agent: 'terminal', title: 'write alpha' });
    const s = show(home, entry!.id);
    expect(s).toMatchObject({ agent: 'terminal', model: 'node', cwd });
    expect(s.prompts.filter((p) => p.index > 0).map((p) => p.text)).toEqual([
      'write alpha',
      'write beta and x',
      'write gamma',
    ]);
    expect(s.prompts.find((p) => p.index === 2)!.filesChanged).toEqual([
      { path: 'notes.txt', op: 'modify', added: 1, removed: 0 },
      { path: 'other.txt', op: 'create', added: 1, removed: 0 },
    ]);
    const run0 = s.events.find((e) => e.id === 't-run')!;
    expect(run0).toMatchObject({ kind: 'tool', category: 'command', status: 'ok', exitCode: 0 });
    // each turn's output is kept twice: as plain text (searched) and raw (a terminal blob)
    const turn1 = s.events.find((e) => e.id === 't-turn-1')!;
    expect(turn1.terminal?.type).toBe('terminal');
    const found = trailJson<{ results: { sessionId: string; prompt: number; field: string }[] }>(
      home,
      ['search', 'running', 'beta'],
    );
    expect(found.results).toContainEqual(
      expect.objectContaining({ sessionId: s.id, prompt: 2, field: 'output' }),
    );
    const full = trailJson<{ session: { events: { id: string; outputText?: string }[] } }>(home, [
      'show',
      s.id,
      '--full',
    ]);
    const text = full.session.events.find((e) => e.id === 't-turn-1')!.outputText!;
    expect(text).toContain("running printf 'alpha\\n' > notes.txt");
    expect(text).not.toContain('\x1b[');

    const diff = trail(home, ['diff', s.id, '--prompt', '3'], { cwd });
    expect(diff.stdout).toBe(
      '--- a/notes.txt\n+++ b/notes.txt\n@@ -1,2 +1,3 @@\n alpha\n beta\n+gamma\n',
    );
    expect(blameOf(home, cwd, 'notes.txt')).toEqual([
      ['alpha', 'tool', 1, 'write alpha'],
      ['beta', 'tool', 2, 'write beta and x'],
      ['gamma', 'tool', 3, 'write gamma'],
    ]);
    expect(blameOf(home, cwd, 'README')).toEqual([['before', 'before', null, null]]);
    // and rewind goes back to when prompt 2 was submitted
    expect(trail(home, ['rewind', `${s.id}:2`], { cwd }).status).toBe(0);
    expect(trail(home, ['blame', 'notes.txt', '--porcelain'], { cwd }).stdout).not.toContain(
      'beta',
    );
  });

  it('passes resizing through, delivers Ctrl-C to the program, and records the interrupt and the signal', async () => {
    const { repo: cwd, home } = repo();
    const run = await recordInPty(home, cwd, [], async (t) => {
      await t.prompts(1);
      t.resize(120, 40);
      await new Promise((r) => setTimeout(r, 100));
      t.type('size\r');
      await t.until('size 120x40');
      await t.prompts(2);
      t.type('\x03');
    });
    expect(run.exitCode).toBe(130); // 128 + SIGINT, as a shell reports it
    expect(run.screen).toContain('killed by SIGINT');
    const s = show(home, log(home)[0]!.id);
    expect(s.events.find((e) => e.id === 't-run')).toMatchObject({
      status: 'interrupted',
      exitCode: 130,
    });
    expect(s.events.filter((e) => e.kind === 'system').map((e) => [e.subtype, e.preview])).toEqual([
      ['interrupt', 'Ctrl-C'],
      ['exit', 'node killed by SIGINT'],
    ]);
  });

  it('records a crash of the recorded program: a non-zero exit, and death by a signal', async () => {
    const { repo: cwd, home } = repo();
    const crashed = await recordInPty(home, cwd, [], async (t) => {
      await t.prompts(1);
      t.type('crash\r');
    });
    expect(crashed.exitCode).toBe(3);
    const killed = await recordInPty(home, cwd, [], async (t) => {
      await t.prompts(1);
      t.type('die\r');
    });
    expect(killed.exitCode).toBe(137);
    const sessions = log(home);
    expect(sessions).toHaveLength(2);
    const outcome = (id: string) => {
      const s = show(home, id);
      return [
        s.events.find((e) => e.id === 't-run')!.status,
        s.events.find((e) => e.id === 't-run')!.exitCode,
        s.events.find((e) => e.subtype === 'exit')!.preview,
        s.counts.errors,
      ];
    };
    expect(sessions.map((x) => outcome(x.id)).sort()).toEqual([
      ['error', 137, 'node killed by SIGKILL', 1],
      ['error', 3, 'node exited with status 3', 1],
    ]);
    const crash = show(home, sessions.find((x) => x.title === 'crash')!.id);
    expect(
      trailJson<{ session: { events: { id: string; outputText?: string }[] } }>(home, [
        'show',
        crash.id,
        '--full',
      ]).session.events.find((e) => e.id === 't-turn-1')!.outputText,
    ).toContain('boom: something went wrong');
  });

  it('never records a line typed with echo off', async () => {
    const { repo: cwd, home } = repo();
    await recordInPty(home, cwd, [], async (t) => {
      await t.prompts(1);
      t.type('login\r');
      await t.until('Password:');
      t.type('hunter2');
      await new Promise((r) => setTimeout(r, 150));
      t.type('\r');
      await t.until('logged in (7 characters)');
      t.type('\x04');
    });
    const s = show(home, log(home)[0]!.id);
    expect(s.prompts.filter((p) => p.index > 0).map((p) => p.text)).toEqual(['login']);
    expect(s.events.some((e) => e.subtype === 'hidden-input')).toBe(true);
    expect(trailJson<{ results: unknown[] }>(home, ['search', 'hunter2']).results).toEqual([]);
  });

  it('works with stdin not a terminal: input is piped through, each line a turn, and its end is end-of-file', async () => {
    const { repo: cwd, home } = repo();
    const child = spawnChild(
      process.execPath,
      [CLI, 'record', '--', process.execPath, FAKE, ...TURNS],
      { cwd, env: envFor(home), stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    const prompts = async (n: number) => {
      for (let i = 0; stripAnsi(screen).split(PROMPT).length - 1 < n; i++) {
        if (i > 1500) throw new Error(`timed out; output:\n${screen}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (const [i, line] of ['write alpha', 'write beta', 'write gamma'].entries()) {
      await prompts(i + 1);
      child.stdin.write(line + '\n');
    }
    await prompts(4);
    child.stdin.end();
    expect(await done).toBe(0);
    const s = show(home, log(home)[0]!.id);
    expect(s.prompts.filter((p) => p.index > 0).map((p) => p.text)).toEqual([
      'write alpha',
      'write beta',
      'write gamma',
    ]);
    expect(blameOf(home, cwd, 'notes.txt').map((l) => l[2])).toEqual([1, 2, 3]);
  });

  it('purges a secret the recorded program printed from the plain and the raw transcript', () => {
    const { repo: cwd, home } = repo();
    const secret = 'sk-live-4f9a8b7c6d5e4f3a2b1c';
    const r = trail(
      home,
      ['record', '--', 'sh', '-c', `printf '\\033[31mTOKEN=${secret}\\033[0m\\n'`],
      { cwd },
    );
    expect(r.status).toBe(0);
    const blobs = () => {
      const store = new FsBlobStore(join(home, 'blobs'), () => '');
      return store.list().filter((h) => store.getText(h).includes(secret)).length;
    };
    expect(blobs()).toBeGreaterThanOrEqual(2); // the plain text and the raw bytes
    expect(trail(home, ['purge', '--secret', '-', '--yes'], { input: secret }).status).toBe(0);
    expect(blobs()).toBe(0);
    // the raw transcript was rewritten, not just deleted: the session still has it
    const turn = show(home, log(home)[0]!.id, cwd).events.find((e) => e.id === 't-turn-0')!;
    const raw = new FsBlobStore(join(home, 'blobs'), () => '').getText(
      asBlobHash(turn.terminal!.hash),
    );
    expect(raw).toContain('\x1b[31mTOKEN=[REDACTED');
  });

  it('says plainly when the command does not exist', () => {
    const { repo: cwd, home } = repo();
    const r = trail(home, ['record', '--', 'no-such-agent-xyz', '--flag'], { cwd });
    expect(r.status).toBe(127);
    expect(r.stderr).toBe('trail: command not found: no-such-agent-xyz\n');
  });
});
