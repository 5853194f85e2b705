import { basename } from 'node:path';
import type { CapturedSession } from '@trail/model';
import type { AgentFile } from './agents.js';
import { readRecords, type ParseState, type RawRecord } from './records.js';
import { buildSession, type SessionRecords } from './session.js';
import type {
  ClaudeParseStats,
  ClaudeTranscriptInput,
  ImportProblem,
  LineSource,
} from './types.js';

/** What parsing one transcript set produced. */
export interface ClaudeParseResult {
  sessions: CapturedSession[];
  problems: ImportProblem[];
  stats: ClaudeParseStats;
}

/**
 * Parses a Claude Code session file and its subagent files into sessions (one per
 * `sessionId` found: a file can hold a resumed session's copied history). Every format era
 * of formats.md is handled; malformed input becomes `problems` naming file and line, never
 * an exception. Event ids are deterministic, so parsing twice gives identical output.
 */
export async function parseClaudeTranscript(
  input: ClaudeTranscriptInput,
): Promise<ClaudeParseResult> {
  const state: ParseState = { problems: [], stats: { lines: 0, bytes: 0, skipped: 0 }, seq: 0 };
  const fileSession = basename(input.mainFile).replace(/\.jsonl$/i, '');
  const sessions = new Map<string, SessionRecords>();
  const summaries: RawRecord[] = [];
  const sessionOf = (r: RawRecord): SessionRecords => {
    const id = r.sessionId ?? fileSession;
    let s = sessions.get(id);
    if (!s) {
      s = { id, main: [], files: [] };
      sessions.set(id, s);
    }
    return s;
  };

  await readSafely(input.mainFile, input.lines, state, (r) => {
    // Summaries name a leaf, possibly of another session; they are matched by leaf later.
    if (r.type === 'summary' && !r.broken) summaries.push(r);
    else sessionOf(r).main.push(r);
  });
  for (const sub of input.subagents ?? []) {
    const files = new Map<string, AgentFile>();
    await readSafely(sub.file, sub.lines, state, (r) => {
      const s = sessionOf(r);
      let f = files.get(s.id);
      if (!f) {
        f = { file: sub.file, records: [], ...(sub.meta ? { meta: sub.meta } : {}) };
        files.set(s.id, f);
        s.files.push(f);
      }
      f.records.push(r);
    });
  }

  const out: CapturedSession[] = [];
  for (const s of sessions.values()) {
    const { session, skipped } = buildSession(s, summaries);
    state.stats.skipped += skipped;
    if (session.events.length > 0) out.push(session);
  }
  return { sessions: out, problems: state.problems, stats: state.stats };
}

async function readSafely(
  file: string,
  lines: LineSource,
  state: ParseState,
  onRecord: (r: RawRecord) => void,
): Promise<void> {
  try {
    await readRecords(file, lines, state, onRecord);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    state.problems.push({
      file,
      line: 0,
      reason: `cannot read file: ${err.code ?? err.name}: ${err.message}`,
    });
  }
}
