import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { appendDurably, readSpool, spoolName, type SpoolRecord } from '@trail/store/spool';
import type { Store } from '@trail/store';
import type { CapturedSession } from '@trail/model';
import { claudeHookEvents } from './claude-hooks.js';
import { codexHookEvents, type CodexLiveState } from './codex-hooks.js';
import { terminalSpoolEvents, type SpoolContext, type TerminalLiveState } from './terminal.js';
import { importClaudeTranscript, emptySummary } from '../import/claude.js';
import { importCodexFile } from '../import/codex.js';
import { transcriptFile } from '../record/terminal-spool.js';

/** A line of a spool or transcript that could not be used. */
export interface IngestProblem {
  file: string;
  line: number;
  reason: string;
}

/** What one ingest did. */
export interface IngestReport {
  sessions: number;
  events: number;
  problems: IngestProblem[];
}

interface SpoolState extends CodexLiveState {
  offset: number;
  line: number;
  terminal?: TerminalLiveState;
}

type ToEvents = (
  id: string,
  recs: SpoolRecord[],
  st: SpoolState,
  ctx: SpoolContext,
) => CapturedSession;

/** How each agent's spool (a folder of the spool directory, named after the agent) is read. */
const HOOK_AGENTS: Record<string, ToEvents> = {
  'claude-code': claudeHookEvents,
  codex: codexHookEvents,
  terminal: terminalSpoolEvents,
};

/** Folds the agent's own transcript of a hook-captured session in, for what hooks never see. */
async function foldTranscript(
  store: Store,
  agent: string,
  file: string,
): Promise<{ events: number; problems: IngestProblem[] }> {
  if (agent === 'claude-code') return importClaudeTranscript(store, file);
  if (agent === 'codex') {
    const summary = emptySummary('codex', file);
    await importCodexFile(store, file, summary, true);
    return summary;
  }
  return { events: 0, problems: [] };
}

/**
 * Folds spooled hook payloads into the store. Idempotent and crash-safe: the spool offset
 * is saved only after the store write, and re-folding the same lines changes nothing
 * because events keep their ids. A torn last line is left for the next run.
 */
export async function ingestSpools(
  store: Store,
  opts: { sessionId?: string; final?: boolean } = {},
): Promise<IngestReport> {
  const report: IngestReport = { sessions: 0, events: 0, problems: [] };
  const spoolDir = store.paths.spool;
  if (!existsSync(spoolDir)) return report;
  for (const agent of readdirSync(spoolDir)) {
    const toEvents = HOOK_AGENTS[agent];
    if (!toEvents) continue;
    const dir = join(spoolDir, agent);
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.jsonl')) continue;
      const sid = f.slice(0, -'.jsonl'.length);
      if (opts.sessionId && spoolName(opts.sessionId) !== sid) continue;
      await ingestOne(store, agent, join(dir, f), sid, toEvents, report, opts.final ?? false);
    }
  }
  if (report.problems.length) {
    for (const p of report.problems)
      appendDurably(
        join(store.paths.logs, 'ingest.log'),
        JSON.stringify({ t: new Date().toISOString(), ...p }),
      );
  }
  return report;
}

async function ingestOne(
  store: Store,
  agent: string,
  file: string,
  sid: string,
  toEvents: ToEvents,
  report: IngestReport,
  final: boolean,
): Promise<void> {
  const stateFile = file.replace(/\.jsonl$/, '.state.json');
  const state = readState(stateFile);
  const read = readSpool(file, state.offset, state.line, final);
  for (const p of read.problems) report.problems.push({ file, line: p.line, reason: p.reason });
  const bySession = new Map<string, SpoolRecord[]>();
  for (const { record } of read.records) {
    const p = record.payload as { session_id?: unknown } | null;
    const id = typeof p?.session_id === 'string' ? p.session_id : sid;
    let list = bySession.get(id);
    if (!list) bySession.set(id, (list = []));
    list.push(record);
  }
  for (const [id, recs] of bySession) {
    const session = toEvents(id, recs, state, { home: store.paths.root, spool: file });
    const w = await store.write(session);
    report.sessions++;
    report.events += w.added;
  }
  // The transcript has what hooks never see (assistant text, usage, model); fold it in too.
  if (state.transcriptPath && existsSync(state.transcriptPath) && read.records.length > 0) {
    const r = await foldTranscript(store, agent, state.transcriptPath);
    report.events += r.events;
    report.problems.push(...r.problems);
  }
  state.offset = read.nextOffset;
  state.line = read.nextLine;
  if (state.ended && read.pendingBytes === 0) {
    // Everything is in the store; the spool's raw payloads are no longer needed.
    unlinkSync(file);
    rmSync(transcriptFile(file), { force: true });
    state.offset = 0;
    state.line = 1;
  }
  writeState(stateFile, state);
}

function readState(file: string): SpoolState {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<SpoolState>;
    return { prompts: {}, offset: 0, line: 1, ...v };
  } catch {
    return { prompts: {}, offset: 0, line: 1 };
  }
}

function writeState(file: string, st: SpoolState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(st), { mode: 0o600 });
  renameSync(tmp, file);
}
