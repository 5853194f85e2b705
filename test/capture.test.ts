import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HOOK, CLI, envFor, git, runHook, tempDir, trail, trailJson } from './helpers.js';
import { runFakeClaude, sampleRepo, SAMPLE_STEPS } from './fixtures/fake-claude.js';

interface ShowJson {
  session: {
    id: string;
    prompts: {
      text: string;
      filesChanged: { path: string; added: number; removed: number }[];
      commands: { command: string; exitCode: number | null }[];
    }[];
    filesRead: string[];
    filesChanged: { path: string; added: number; removed: number }[];
    commands: { command: string; exitCode: number | null }[];
    events: { id: string; kind: string; tool?: string; status?: string }[];
    counts: Record<string, number>;
    model: string;
  };
}

/** The comparable essence of a session: what was asked and what was done. */
function essence(s: ShowJson['session']) {
  return {
    prompts: s.prompts.map((p) => p.text),
    filesRead: s.filesRead,
    filesChanged: s.filesChanged,
    commands: s.commands.map((c) => ({ command: c.command, exitCode: c.exitCode })),
    tools: s.events
      .filter((e) => e.kind === 'tool')
      .map((e) => ({ id: e.id, tool: e.tool, status: e.status })),
    promptIds: s.events.filter((e) => e.kind === 'prompt').map((e) => e.id),
  };
}

function setup() {
  const root = tempDir();
  const repo = join(root, 'repo');
  mkdirSync(repo);
  git(repo, ['init', '-q']);
  sampleRepo(repo);
  return { root, repo, projects: join(root, 'claude-projects') };
}

describe('capture: hooks and import', () => {
  it('records a live session through the hook entry point and shows it with log, show, diff and search', () => {
    const { root, repo, projects } = setup();
    const home = join(root, 'home');
    const { sessionId } = runFakeClaude({
      cwd: repo,
      projectsDir: projects,
      steps: SAMPLE_STEPS,
      hook: (p) => expect(runHook(home, p, { cli: false }).status).toBe(0),
    });
    const log = trailJson<{ version: number; sessions: Record<string, unknown>[] }>(home, ['log']);
    expect(log.version).toBe(1);
    expect(log.sessions).toHaveLength(1);
    expect(log.sessions[0]).toMatchObject({
      id: sessionId,
      agent: 'claude-code',
      model: 'claude-sonnet-4-6',
      title: 'Add a farewell() next to greet() and test both',
    });
    expect(log.sessions[0]!.counts).toMatchObject({
      prompts: 2,
      toolCalls: 5,
      filesChanged: 2,
      commands: 2,
      errors: 1,
    });
    const show = trailJson<ShowJson>(home, ['show', sessionId.slice(0, 8)]);
    expect(show.session.prompts.map((p) => p.text)).toEqual([
      'Add a farewell() next to greet() and test both',
      'Now make the test fail on purpose',
    ]);
    expect(show.session.filesRead).toEqual(['src/greet.js']);
    expect(show.session.filesChanged).toEqual([
      { path: 'src/greet.js', op: 'modify', added: 4, removed: 0 },
      { path: 'test/greet.test.mjs', op: 'create', added: 2, removed: 0 },
    ]);
    expect(show.session.commands.map((c) => [c.command, c.exitCode])).toEqual([
      ['node test/greet.test.mjs && echo ok', 0],
      ['exit 3', 3],
    ]);
    // assistant text comes from the transcript, folded in when the turn ended
    const said = show.session.events.filter(
      (e) => e.kind === 'assistant' && (e as { preview?: string }).preview,
    );
    expect(said.map((e) => (e as { preview?: string }).preview)).toEqual([
      'I will read the module first.',
      'Added farewell() and a test.',
      'The command failed with exit code 3, as asked.',
    ]);
    const diff = trail(home, ['diff', sessionId, '--prompt', '1']);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('+export function farewell(name) {');
    expect(diff.stdout).toContain('+++ b/test/greet.test.mjs');
    const found = trailJson<{ results: { sessionId: string; prompt: number; snippet: string }[] }>(
      home,
      ['search', 'farewell'],
    );
    expect(found.results[0]).toMatchObject({ sessionId, prompt: 1 });
    expect(found.results[0]!.snippet).toContain('[farewell]');
  });

  it('produces the same session from hooks alone and from the transcript alone, and one session from both', () => {
    const { root, repo, projects } = setup();
    const payloads: Record<string, unknown>[] = [];
    const { sessionId, transcript } = runFakeClaude({
      cwd: repo,
      projectsDir: projects,
      steps: SAMPLE_STEPS,
      hook: (p) => payloads.push(p),
    });
    const hooksHome = join(root, 'hooks-only');
    for (const p of payloads)
      expect(
        runHook(hooksHome, { ...p, transcript_path: join(root, 'missing.jsonl') }, { cli: false })
          .status,
      ).toBe(0);
    const importHome = join(root, 'import-only');
    expect(trail(importHome, ['import', 'claude', '--from', projects]).status).toBe(0);
    const a = trailJson<ShowJson>(hooksHome, ['show', sessionId]).session;
    const b = trailJson<ShowJson>(importHome, ['show', sessionId]).session;
    expect(essence(a)).toEqual(essence(b));
    // both paths into one store: hooks (with the transcript) and then a full import
    const bothHome = join(root, 'both');
    for (const p of payloads) expect(runHook(bothHome, p, { cli: false }).status).toBe(0);
    expect(trail(bothHome, ['import', 'claude', '--from', projects]).status).toBe(0);
    const log = trailJson<{ sessions: { id: string }[] }>(bothHome, ['log']);
    expect(log.sessions.map((s) => s.id)).toEqual([sessionId]);
    const c = trailJson<ShowJson>(bothHome, ['show', sessionId]).session;
    expect(essence(c)).toEqual(essence(b));
    // the live path adds what only it can see: checkpoints and the session's end
    const extra = c.events.filter(
      (e) => e.kind === 'checkpoint' || (e.kind === 'system' && e.id.startsWith('s-h')),
    );
    expect(extra.filter((e) => e.kind === 'checkpoint')).toHaveLength(4);
    expect(c.events.length - extra.length).toBe(b.events.length);
    expect(existsSync(transcript)).toBe(true);
  });

  it('adds nothing when the same history is imported again, even with --force', () => {
    const { root, repo, projects } = setup();
    runFakeClaude({ cwd: repo, projectsDir: projects, steps: SAMPLE_STEPS });
    const home = join(root, 'home');
    const first = trailJson<{ imports: { sessions: number; events: number }[] }>(home, [
      'import',
      'claude',
      '--from',
      projects,
    ]);
    expect(first.imports[0]).toMatchObject({ sessions: 1 });
    expect(first.imports[0]!.events).toBeGreaterThan(5);
    const again = trailJson<{ imports: { events: number; unchanged: number }[] }>(home, [
      'import',
      'claude',
      '--from',
      projects,
    ]);
    expect(again.imports[0]).toMatchObject({ events: 0, unchanged: 1 });
    const forced = trailJson<{ imports: { events: number; sessions: number }[] }>(home, [
      'import',
      'claude',
      '--from',
      projects,
      '--force',
    ]);
    expect(forced.imports[0]).toMatchObject({ events: 0, sessions: 1 });
  });

  it('loses and duplicates nothing when 40 hook processes for 4 parallel sessions run at once', async () => {
    const { root } = setup();
    const home = join(root, 'home');
    const runs: Promise<number>[] = [];
    for (let s = 0; s < 4; s++) {
      for (let i = 0; i < 10; i++) {
        const payload = JSON.stringify({
          session_id: `par-${s}`,
          cwd: root,
          hook_event_name: 'PostToolUse',
          tool_name: 'Bash',
          tool_use_id: `toolu_${s}_${i}`,
          tool_input: { command: `echo ${i}` },
          tool_response: { stdout: `${i}\n`, stderr: '', interrupted: false },
        });
        runs.push(
          new Promise((resolve) => {
            const c = spawn(process.execPath, [HOOK, '--home', home], {
              env: envFor(home),
              stdio: ['pipe', 'ignore', 'ignore'],
            });
            c.on('exit', (code) => resolve(code ?? -1));
            c.stdin.end(payload);
          }),
        );
      }
    }
    expect(await Promise.all(runs)).toEqual(new Array(40).fill(0));
    const log = trailJson<{ sessions: { id: string; counts: { toolCalls: number } }[] }>(home, [
      'log',
    ]);
    expect(log.sessions.map((s) => [s.id, s.counts.toolCalls]).sort()).toEqual([
      ['par-0', 10],
      ['par-1', 10],
      ['par-2', 10],
      ['par-3', 10],
    ]);
  });

  it('keeps two writers from corrupting the store: an import and an ingest at the same time', async () => {
    const { root, repo, projects } = setup();
    runFakeClaude({
      cwd: repo,
      projectsDir: projects,
      steps: SAMPLE_STEPS,
      sessionId: 'aaaaaaaa-0000-4000-8000-000000000001',
    });
    const home = join(root, 'home');
    for (let i = 0; i < 20; i++)
      runHook(
        home,
        {
          session_id: 'live-1',
          cwd: repo,
          hook_event_name: 'UserPromptSubmit',
          prompt: `prompt ${i}`,
        },
        { cli: false },
      );
    const run = (args: string[]) =>
      new Promise<number>((resolve) => {
        const c = spawn(process.execPath, [CLI, ...args], { env: envFor(home), stdio: 'ignore' });
        c.on('exit', (code) => resolve(code ?? -1));
      });
    expect(
      await Promise.all([
        run(['import', 'claude', '--from', projects]),
        run(['ingest']),
        run(['ingest']),
      ]),
    ).toEqual([0, 0, 0]);
    const log = trailJson<{ sessions: { id: string; counts: { prompts: number } }[] }>(home, [
      'log',
    ]);
    expect(log.sessions.map((s) => [s.id, s.counts.prompts]).sort()).toEqual([
      ['aaaaaaaa-0000-4000-8000-000000000001', 2],
      ['live-1', 20],
    ]);
  });
});

describe('capture: bad input', () => {
  it('keeps a payload that is not JSON, logs the problem without its content, and exits 0', () => {
    const home = join(tempDir(), 'home');
    const r = runHook(home, null, { raw: 'this is {not json SECRET-CANARY', cli: false });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const rejected = readdirSync(join(home, 'spool', '_rejected'));
    expect(rejected).toHaveLength(1);
    expect(readFileSync(join(home, 'spool', '_rejected', rejected[0]!), 'utf8')).toBe(
      'this is {not json SECRET-CANARY',
    );
    const log = readFileSync(join(home, 'logs', 'hook.log'), 'utf8');
    expect(log).toContain('PAYLOAD_NOT_JSON');
    expect(log).not.toContain('SECRET-CANARY');
    const doctor = trail(home, ['doctor', '--json']);
    const checks = JSON.parse(doctor.stdout).checks as {
      name: string;
      ok: boolean;
      detail: string;
    }[];
    expect(checks.find((c) => c.name === 'capture')).toMatchObject({ ok: false });
  });

  it('records a payload without a session id under _unknown instead of dropping it', () => {
    const home = join(tempDir(), 'home');
    expect(
      runHook(home, { hook_event_name: 'UserPromptSubmit', prompt: 'orphan' }, { cli: false })
        .status,
    ).toBe(0);
    expect(readFileSync(join(home, 'spool', 'claude-code', '_unknown.jsonl'), 'utf8')).toContain(
      'orphan',
    );
    expect(readFileSync(join(home, 'logs', 'hook.log'), 'utf8')).toContain('PAYLOAD_NO_SESSION');
  });

  it('takes a 50 MB tool output without parsing it in the hook, and ingests it whole', () => {
    const home = join(tempDir(), 'home');
    const big = 'y'.repeat(50 * 1024 * 1024);
    const payload = {
      session_id: 'big-1',
      cwd: '/tmp',
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_use_id: 'toolu_big',
      tool_input: { command: 'yes' },
      tool_response: { stdout: big, stderr: '', interrupted: false },
    };
    expect(runHook(home, payload, { cli: false }).status).toBe(0);
    const show = trailJson<ShowJson>(home, ['show', 'big-1', '--full']);
    const ev = show.session.events.find((e) => e.id === 't-toolu_big') as unknown as {
      outputText: string;
    };
    expect(ev.outputText.length).toBe(big.length);
  });

  it('leaves a torn last spool line for later and reports a garbage line by file and line', () => {
    const home = join(tempDir(), 'home');
    // (a directory that does not exist: no checkpoint line precedes the prompt's)
    expect(
      runHook(
        home,
        {
          session_id: 'torn-1',
          cwd: '/nonexistent/dir',
          hook_event_name: 'UserPromptSubmit',
          prompt: 'first',
        },
        { cli: false },
      ).status,
    ).toBe(0);
    const spool = join(home, 'spool', 'claude-code', 'torn-1.jsonl');
    writeFileSync(
      spool,
      readFileSync(spool, 'utf8') +
        `garbage line\n{"v":1,"t":${Date.now() + 1000},"agent":"claude-code","event":"UserPromptSubmit","payload":{"session_id":"torn-1","prompt":"sec`,
      { flag: 'w' },
    );
    const r = trail(home, ['ingest', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).problems).toEqual([
      { file: spool, line: 2, reason: 'not valid JSON' },
    ]);
    // the writer finishes its line later: nothing was lost
    writeFileSync(spool, 'ond"}}\n', { flag: 'a' });
    const show = trailJson<ShowJson>(home, ['show', 'torn-1']);
    expect(show.session.prompts.map((p) => p.text)).toEqual(['first', 'second']);
  });
});
