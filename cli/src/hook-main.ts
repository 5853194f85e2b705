// The entry point agents' hooks run. It must cost little more than starting Node: it
// imports only node builtins and the spool writer, reads the payload, appends one line to
// the session's spool, and exits 0 whatever happens. Heavy work (folding the spool into
// the store) runs later, in a detached `trail ingest` started when a turn ends.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { appendDurably, spoolFile } from '@trail/store/spool';
import { resolveHome } from '@trail/store/home';

// Builtins through require, not `import`: node:fs's ESM namespace loads fs/promises and
// streams, and node:child_process loads net (~2.5 ms each of a hook's ~30); child_process is
// needed only when a turn ends.
const require = createRequire(import.meta.url);
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs') as typeof import('node:fs');

const LARGE = 1 << 20;
const TURN_ENDS = new Set([
  'Stop',
  'SubagentStop',
  'SessionEnd',
  'StopFailure',
  'agent-turn-complete',
]);
// Working-tree checkpoints: before a prompt is acted on, and after each turn.
const CHECKPOINT_AT: Record<string, 'start' | 'end' | 'subagent-end'> = {
  UserPromptSubmit: 'start',
  Stop: 'end',
  SubagentStop: 'subagent-end',
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function logProblem(
  home: string,
  agent: string,
  event: string,
  code: string,
  detail: string,
): void {
  try {
    const dir = join(home, 'logs');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Never content: only what went wrong and where.
    appendDurably(
      join(dir, 'hook.log'),
      JSON.stringify({ t: new Date().toISOString(), agent, event, code, detail }),
    );
  } catch {
    // nowhere left to report; the agent must still not be disturbed
  }
}

async function main(): Promise<void> {
  const home = arg('--home') ?? resolveHome();
  const agent = arg('--agent') ?? 'claude-code';
  let event = arg('--event') ?? 'unknown';
  let raw: string;
  try {
    raw = readFileSync(0, 'utf8');
  } catch (e) {
    logProblem(
      home,
      agent,
      event,
      'STDIN_UNREADABLE',
      (e as NodeJS.ErrnoException).code ?? 'read failed',
    );
    return;
  }
  const t = Date.now();
  let sessionId: string | undefined;
  let cwd: string | undefined;
  let agentId: string | undefined;
  let valid = true;
  if (raw.length < LARGE) {
    try {
      const p = JSON.parse(raw) as Record<string, unknown> | null;
      if (!p || typeof p !== 'object' || Array.isArray(p)) valid = false;
      else {
        if (typeof p.session_id === 'string') sessionId = p.session_id;
        if (typeof p.cwd === 'string') cwd = p.cwd;
        if (typeof p.agent_id === 'string') agentId = p.agent_id;
        if (typeof p.hook_event_name === 'string') event = p.hook_event_name;
        else if (typeof p.type === 'string') event = p.type;
      }
    } catch {
      valid = false;
    }
  } else {
    // Parsing 50 MB of tool output would slow the agent; the ingest validates it later.
    sessionId = /"session_id"\s*:\s*"([^"\\]{1,200})"/.exec(raw)?.[1];
    event = /"hook_event_name"\s*:\s*"([A-Za-z]{1,64})"/.exec(raw)?.[1] ?? event;
    const c = /"cwd"\s*:\s*("(?:[^"\\]|\\.){1,4096}")/.exec(raw)?.[1];
    if (c) cwd = JSON.parse(c) as string;
    valid = raw.trimStart().startsWith('{');
  }
  if (!valid) {
    // Keep what arrived (nothing is lost) but outside any session's spool.
    const dir = join(home, 'spool', '_rejected');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, `${t}-${process.pid}.payload`), raw, { mode: 0o600 });
    logProblem(
      home,
      agent,
      event,
      'PAYLOAD_NOT_JSON',
      `${raw.length} bytes kept in spool/_rejected`,
    );
    return;
  }
  if (!sessionId) {
    logProblem(
      home,
      agent,
      event,
      'PAYLOAD_NO_SESSION',
      'payload has no session_id; kept in spool/' + agent + '/_unknown.jsonl',
    );
  }
  const body = raw.includes('\n') || raw.includes('\r') ? raw.replace(/[\r\n]+/g, ' ') : raw;
  const line = `{"v":1,"t":${t},"agent":${JSON.stringify(agent)},"event":${JSON.stringify(event)},"payload":${body.trim()}}`;
  const spool = spoolFile(join(home, 'spool'), agent, sessionId ?? '_unknown');
  const moment =
    (agent === 'claude-code' || agent === 'codex') && sessionId && cwd
      ? CHECKPOINT_AT[event]
      : undefined;
  const cp = { home, agent, event, spool, sessionId: sessionId ?? '', cwd: cwd ?? '', agentId };
  if (moment === 'start') await checkpoint(cp, moment, t);
  appendDurably(spool, line);
  if (moment && moment !== 'start') await checkpoint(cp, moment, Date.now());
  if (TURN_ENDS.has(event)) startIngest(home, sessionId);
}

/** Snapshots the session's working tree and spools a TrailCheckpoint line; a failure is only logged. */
async function checkpoint(
  c: {
    home: string;
    agent: string;
    event: string;
    spool: string;
    sessionId: string;
    cwd: string;
    agentId: string | undefined;
  },
  moment: 'start' | 'end' | 'subagent-end',
  t: number,
): Promise<void> {
  try {
    const { hookCheckpoint } = await import('@trail/history/snapshot');
    const payload = hookCheckpoint({
      home: c.home,
      cwd: c.cwd,
      sessionId: c.sessionId,
      moment,
      ...(c.agentId ? { agentId: c.agentId } : {}),
    });
    appendDurably(
      c.spool,
      JSON.stringify({ v: 1, t, agent: c.agent, event: 'TrailCheckpoint', payload }),
    );
  } catch (e) {
    logProblem(
      c.home,
      c.agent,
      c.event,
      (e as { code?: string }).code ?? 'CHECKPOINT_FAILED',
      (e as Error).message.slice(0, 300),
    );
  }
}

function startIngest(home: string, sessionId: string | undefined): void {
  const cli = arg('--cli');
  if (!cli) return;
  const args = [cli, 'ingest', '--quiet', '--home', home];
  if (sessionId) args.push('--session', sessionId);
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, TRAIL_HOME: home },
  });
  child.on('error', () => undefined);
  child.unref();
}

try {
  await main();
} catch (e) {
  logProblem(
    arg('--home') ?? resolveHome(),
    arg('--agent') ?? 'claude-code',
    arg('--event') ?? 'unknown',
    'HOOK_FAILED',
    (e as NodeJS.ErrnoException).code ?? (e as Error).name,
  );
}
process.exitCode = 0;
