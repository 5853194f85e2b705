import { basename } from 'node:path';
import { constants } from 'node:os';
import type { CapturedEvent, CapturedSession, ToolEvent } from '@trail/model';
import type { SpoolRecord } from '@trail/store/spool';
import { plainText } from '../record/plain-text.js';
import { TERMINAL_AGENT, transcriptFile } from '../record/terminal-spool.js';
import { changesBetween, readRange } from '../record/turn-changes.js';
import { checkpointEvent } from './checkpoint-record.js';

/** What folding a recording's spool keeps between ingests. */
export interface TerminalLiveState {
  /** Transcript bytes already charged to a turn. */
  offset: number;
  /** When the current turn began (ms). */
  turnStarted?: number;
  cwd?: string;
  command?: string[];
  program?: string;
  title?: string;
  prompts?: number;
  ended?: boolean;
}

/** Where the spool being folded is and which store it goes to. */
export interface SpoolContext {
  home: string;
  spool: string;
}

type Payload = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

const USER_SIGNALS = new Set(['SIGINT', 'SIGHUP', 'SIGTERM', 'SIGQUIT']);

/** The process a recording ran is one command event, pending until it exits. */
const RUN_ID = 't-run';

/**
 * Turns the spool of a terminal recording (see TerminalEvent) into captured events: each
 * submitted line a prompt; each turn a `terminal` tool event with the turn's output (plain
 * text, and raw in a `terminal` blob) and the files it changed, diffed between the
 * checkpoints around it; the recorded process a command event with its exit status;
 * Ctrl-C and the exit as system events. Ids derive from the turn numbers and spool times,
 * so folding the same lines again changes nothing.
 */
export function terminalSpoolEvents(
  sessionId: string,
  records: readonly SpoolRecord[],
  live: { terminal?: TerminalLiveState; ended?: boolean },
  ctx: SpoolContext,
): CapturedSession {
  const st = (live.terminal ??= { offset: 0 });
  const events: CapturedEvent[] = [];
  let startedAt: string | undefined;
  for (const r of records) {
    const p = (r.payload && typeof r.payload === 'object' ? r.payload : {}) as Payload;
    const ts = new Date(r.t).toISOString();
    switch (r.event) {
      case 'RecordStart': {
        startedAt = ts;
        st.turnStarted = r.t;
        st.cwd = str(p.cwd);
        st.command = Array.isArray(p.command) ? p.command.map(String) : [];
        st.program = str(p.program) ?? basename(st.command[0] ?? 'terminal');
        st.title = str(p.title);
        events.push(runEvent(st, ts));
        break;
      }
      case 'TrailCheckpoint': {
        const c = checkpointEvent(r, { ts });
        if (c) events.push(c);
        break;
      }
      case 'TurnEnd': {
        const e = turnEvent(p, st, r.t, ctx);
        if (e) events.push(e);
        break;
      }
      case 'Prompt': {
        const turn = num(p.turn) ?? (st.prompts ?? 0) + 1;
        st.prompts = Math.max(st.prompts ?? 0, turn);
        st.turnStarted = r.t;
        events.push({ kind: 'prompt', id: `p-turn-${turn}`, ts, text: str(p.prompt) ?? '' });
        break;
      }
      case 'Interrupt':
      case 'HiddenInput':
        events.push({
          kind: 'system',
          id: `s-${r.event === 'Interrupt' ? 'int' : 'hid'}-${num(p.offset) ?? 0}-${r.t}`,
          ts,
          subtype: r.event === 'Interrupt' ? 'interrupt' : 'hidden-input',
          text: r.event === 'Interrupt' ? 'Ctrl-C' : 'a line typed with echo off (not recorded)',
        });
        break;
      case 'RecordEnd':
        events.push(...endEvents(p, st, ts));
        live.ended = true;
        st.ended = true;
        break;
      default:
        events.push({
          kind: 'unknown',
          id: `u-${r.t}-${r.event}`,
          ts,
          recordType: r.event,
          raw: JSON.stringify(r),
        });
    }
  }
  const session: CapturedSession = { id: sessionId, agent: TERMINAL_AGENT, events: once(events) };
  if (st.cwd) session.cwd = st.cwd;
  if (st.program) session.model = st.program;
  // a named recording keeps its name; otherwise the first prompt is the title, or the command
  if (st.title) session.title = st.title;
  else if (st.ended && !st.prompts && st.command) session.title = commandLine(st.command);
  if (startedAt) session.startedAt = startedAt;
  return session;
}

function runEvent(st: TerminalLiveState, ts: string): ToolEvent {
  return {
    kind: 'tool',
    id: RUN_ID,
    ts,
    name: st.program ?? 'terminal',
    category: 'command',
    input: { command: st.command ?? [], ...(st.cwd ? { cwd: st.cwd } : {}) },
    command: commandLine(st.command ?? []),
    status: 'pending',
  };
}

/** The tool event of one turn: its output and what it changed, or nothing when it did neither. */
function turnEvent(
  p: Payload,
  st: TerminalLiveState,
  t: number,
  ctx: SpoolContext,
): ToolEvent | undefined {
  const turn = num(p.turn) ?? 0;
  const end = num(p.offset) ?? st.offset;
  const raw = readRange(transcriptFile(ctx.spool), st.offset, end);
  st.offset = Math.max(st.offset, end);
  const root = str(p.root);
  const from = str(p.from);
  const to = str(p.to);
  const changes = root && from && to && from !== to ? changesBetween(ctx.home, root, from, to) : [];
  const output = raw.length > 0 ? plainOf(raw) : '';
  if (changes.length === 0 && output.trim() === '') return undefined;
  const e: ToolEvent = {
    kind: 'tool',
    id: `t-turn-${turn}`,
    ts: new Date(t).toISOString(),
    name: 'terminal',
    category: changes.length > 0 ? 'edit' : 'other',
    input: { turn, description: turn === 0 ? 'before the first line' : `turn ${turn}` },
    status: 'ok',
  };
  if (output) e.output = output;
  if (raw.length > 0) e.terminal = raw;
  if (changes.length > 0) e.changes = changes;
  if (st.turnStarted !== undefined) e.durationMs = Math.max(0, t - st.turnStarted);
  return e;
}

/** Turns whose output is larger than this keep only its start and end as text. */
const PLAIN_MAX = 4 << 20;
const PLAIN_EDGE = 2 << 20;

/**
 * The plain text of a turn's output, for search and reading. Of a very large output (a
 * build log, a test run printing megabytes) only the first and last 2 MiB, cut at line
 * ends, are kept as text: search indexes far less than that, and the raw transcript keeps
 * every byte.
 */
function plainOf(raw: Buffer): string {
  if (raw.length <= PLAIN_MAX) return plainText(raw.toString('utf8'));
  const headEnd = raw.lastIndexOf(0x0a, PLAIN_EDGE) + 1 || PLAIN_EDGE;
  const tailStart = raw.indexOf(0x0a, raw.length - PLAIN_EDGE) + 1 || raw.length - PLAIN_EDGE;
  const head = plainText(raw.subarray(0, headEnd).toString('utf8'));
  const tail = plainText(raw.subarray(tailStart).toString('utf8'));
  const omitted = tailStart - headEnd;
  return `${head}\n[… ${omitted} bytes of output not kept as text; the turn's raw transcript has them …]\n${tail}`;
}

/** The recorded process's outcome and a system event saying it. */
function endEvents(p: Payload, st: TerminalLiveState, ts: string): CapturedEvent[] {
  const signal = str(p.signal);
  const code = num(p.exitCode);
  const signo = signal ? (constants.signals as Record<string, number>)[signal] : undefined;
  const exitCode = signal ? (signo !== undefined ? 128 + signo : null) : (code ?? null);
  const run = runEvent(st, ts);
  // stopped by the user (Ctrl-C, a closed terminal) is an interruption; any other signal a crash
  run.status = signal
    ? USER_SIGNALS.has(signal)
      ? 'interrupted'
      : 'error'
    : code === 0
      ? 'ok'
      : 'error';
  run.exitCode = exitCode;
  const duration = num(p.durationMs);
  if (duration !== undefined) run.durationMs = duration;
  const what = signal ? `killed by ${signal}` : `exited with status ${code ?? '?'}`;
  if (run.status !== 'ok') run.error = what;
  // the run event is already in the session (written at the start): the store merges the outcome in
  return [
    run,
    {
      kind: 'system',
      id: 's-exit',
      ts,
      subtype: 'exit',
      text: `${st.program ?? 'command'} ${what}`,
    },
  ];
}

/** Events with one id (the run, pending then finished) merged into the first: one event per id. */
function once(events: CapturedEvent[]): CapturedEvent[] {
  const byId = new Map<string, CapturedEvent>();
  const out: CapturedEvent[] = [];
  for (const e of events) {
    const prev = byId.get(e.id);
    if (prev) Object.assign(prev, { ...e, ts: prev.ts });
    else {
      byId.set(e.id, e);
      out.push(e);
    }
  }
  return out;
}

/** A command line as a shell would take it back. */
export function commandLine(argv: readonly string[]): string {
  return argv
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
