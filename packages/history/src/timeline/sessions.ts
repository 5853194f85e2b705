import { existsSync, realpathSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { preview } from '@trail/model';
import { readSessionEvents, type IndexedEvent } from '@trail/store/query';

/** What blame and rewind need to know about a session. */
export interface SessionInfo {
  id: string;
  agent: string;
  model: string;
  /** Working directory as recorded (may be another machine's path). */
  cwd: string;
  /** The recorded cwd resolved on this machine, when it exists here. */
  localCwd: string | undefined;
  project: string;
  startedAt: string;
}

/** A session with its indexed events and its prompts' shortened texts. */
export interface SessionHistory {
  info: SessionInfo;
  events: IndexedEvent[];
  /** Prompt number → shortened text. */
  prompts: Map<number, string>;
}

/** Longest prompt text shown beside a line or a checkpoint. */
export const PROMPT_CHARS = 60;

interface Row {
  [k: string]: string | number | null;
}

/** Every working-tree root some checkpoint was taken of. */
export function checkpointRoots(db: DatabaseSync): string[] {
  const rows = db
    .prepare('SELECT DISTINCT root FROM checkpoints WHERE root IS NOT NULL')
    .all() as Row[];
  return rows.map((r) => String(r.root ?? '')).filter(Boolean);
}

/** Sessions that took checkpoints of a root. */
export function sessionsWithCheckpointsAt(db: DatabaseSync, root: string): string[] {
  const rows = db
    .prepare('SELECT DISTINCT session_id AS id FROM checkpoints WHERE root = ?')
    .all(root) as Row[];
  return rows.map((r) => String(r.id));
}

/**
 * Sessions with a recorded change to a path given in any of its spellings: absolute
 * paths, or `rel` under any root (the same project recorded on another machine).
 */
export function sessionsChangingPath(
  db: DatabaseSync,
  absolutes: readonly string[],
  rel: string,
): string[] {
  const like = '%/' + rel.replace(/[%_\\]/g, (c) => '\\' + c);
  const marks = absolutes.map(() => '?').join(',');
  const rows = db
    .prepare(
      `SELECT DISTINCT session_id AS id FROM changes WHERE path IN (${marks || "''"}) OR path = ? OR path LIKE ? ESCAPE '\\'`,
    )
    .all(...absolutes, rel, like) as Row[];
  return rows.map((r) => String(r.id));
}

/** Loads one session's summary and events; undefined when the index does not have it. */
export function loadSession(db: DatabaseSync, id: string): SessionHistory | undefined {
  const r = db
    .prepare('SELECT id, agent, model, cwd, project, started_at FROM sessions WHERE id = ?')
    .get(id) as Row | undefined;
  if (!r) return undefined;
  const cwd = String(r.cwd ?? '');
  const info: SessionInfo = {
    id: String(r.id),
    agent: String(r.agent ?? ''),
    model: String(r.model ?? ''),
    cwd,
    localCwd: realOrUndefined(cwd),
    project: String(r.project ?? ''),
    startedAt: String(r.started_at ?? ''),
  };
  const events = historyEvents(db, id);
  const prompts = new Map<number, string>();
  for (const e of events)
    if (e.kind === 'prompt' && !e.agentId)
      prompts.set(e.promptNo, preview(String(e.preview ?? ''), PROMPT_CHARS));
  return { info, events, prompts };
}

/**
 * The events history needs, in order, with their index numbering: checkpoints, prompts,
 * tool calls that changed files, and assistant events (for their model).
 */
function historyEvents(db: DatabaseSync, id: string): IndexedEvent[] {
  return readSessionEvents(db, id).filter(
    (e) =>
      e.kind === 'checkpoint' ||
      e.kind === 'prompt' ||
      e.kind === 'assistant' ||
      (e.kind === 'tool' && e.changes !== undefined),
  );
}

function realOrUndefined(p: string): string | undefined {
  if (!p || !existsSync(p)) return undefined;
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * The prompt a checkpoint belongs to. A prompt-start checkpoint is spooled just before its
 * prompt, so the index numbers it with the previous prompt: its prompt is the next one.
 */
export function checkpointPrompt(events: readonly IndexedEvent[], at: number): number {
  const e = events[at]!;
  if (e.subtype !== 'start') return e.promptNo;
  for (let i = at + 1; i < events.length; i++) {
    const next = events[i]!;
    if (next.kind === 'prompt' && !next.agentId) return next.promptNo;
    if (next.kind === 'checkpoint' && next.subtype === 'start') break;
  }
  return e.promptNo + 1;
}
