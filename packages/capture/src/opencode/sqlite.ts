import { DatabaseSync } from 'node:sqlite';
import { TrailError } from '@trail/model';
import { CAPTURE_CODES } from '../codex/codes.js';
import { obj, str, tryJson } from '../codex/json-value.js';
import { ProblemLog } from '../codex/problem.js';
import {
  byId,
  emptyOpencodeStats,
  type OpencodeMessage,
  type OpencodeParseResult,
  type OpencodeSessionRecord,
} from './records.js';
import { assembleSessions } from './subagents.js';

/** Options of {@link parseOpencodeDb}. */
export interface OpencodeDbOptions {
  /** Only these sessions (default: all). */
  sessionIds?: readonly string[];
  /** How long to wait for a lock held by OpenCode before giving up, in ms (default 250). */
  busyTimeoutMs?: number;
}

type Row = Record<string, unknown>;

/**
 * Imports OpenCode's SQLite store (`opencode.db`, OpenCode ≥ 1.2: tables `session`,
 * `message`, `part`, `project`, each record's body in a JSON `data` column). The database is
 * opened read-only and read in one transaction, so the snapshot is consistent while OpenCode
 * writes. A database locked past the short busy timeout throws `OPENCODE_DB_LOCKED` (never
 * hangs); other open or query failures throw `OPENCODE_DB_ERROR`. A row whose `data` is not
 * JSON is reported as a problem and skipped.
 */
export function parseOpencodeDb(dbFile: string, opts: OpencodeDbOptions = {}): OpencodeParseResult {
  const log = new ProblemLog(dbFile);
  const stats = emptyOpencodeStats();
  let db: DatabaseSync | undefined;
  let records: OpencodeSessionRecord[];
  try {
    db = new DatabaseSync(dbFile, { readOnly: true, timeout: opts.busyTimeoutMs ?? 250 });
    db.exec('BEGIN');
    records = readSessions(db, log, opts.sessionIds);
    db.exec('COMMIT');
  } catch (e) {
    throw dbError(e, dbFile);
  } finally {
    db?.close();
  }
  return { sessions: assembleSessions(records, stats), problems: log.problems, stats };
}

function readSessions(
  db: DatabaseSync,
  log: ProblemLog,
  only: readonly string[] | undefined,
): OpencodeSessionRecord[] {
  const worktrees = new Map<string, string>();
  if (hasTable(db, 'project'))
    for (const r of db.prepare('SELECT * FROM project').all() as Row[]) {
      const data = r.data === undefined || r.data === null ? undefined : rowData(r, log, 'project');
      const worktree = str(r.worktree) ?? str(data?.worktree);
      if (typeof r.id === 'string' && worktree) worktrees.set(r.id, worktree);
    }
  const sessions = (db.prepare('SELECT * FROM session ORDER BY id').all() as Row[]).filter(
    (r) => !only || only.includes(String(r.id)),
  );
  const messagesOf = db.prepare('SELECT * FROM message WHERE session_id = ? ORDER BY id');
  const partsOf = db.prepare('SELECT * FROM part WHERE message_id = ? ORDER BY id');
  return sessions.map((row) => {
    const info = sessionInfo(row, log);
    const messages: OpencodeMessage[] = [];
    for (const m of messagesOf.all(String(row.id)) as Row[]) {
      const data = rowData(m, log, 'message');
      if (!data) continue;
      const minfo = { ...data, id: m.id, sessionID: m.session_id };
      const parts = (partsOf.all(String(m.id)) as Row[]).flatMap((p) => {
        const pd = rowData(p, log, 'part');
        return pd ? [{ ...pd, id: p.id, messageID: p.message_id, sessionID: p.session_id }] : [];
      });
      messages.push({ info: minfo, parts: parts.sort(byId) });
    }
    const rec: OpencodeSessionRecord = { info, messages };
    const worktree = worktrees.get(str(info.projectID) ?? '');
    if (worktree) rec.worktree = worktree;
    return rec;
  });
}

/** The session row as an info record: its columns, and its JSON `data` when a version has one. */
function sessionInfo(row: Row, log: ProblemLog): Record<string, unknown> {
  const data =
    row.data === undefined || row.data === null ? undefined : rowData(row, log, 'session');
  const info: Record<string, unknown> = { ...data };
  const col = (c: string) => (row[c] === null ? undefined : row[c]);
  info.id = row.id;
  for (const [key, column] of [
    ['projectID', 'project_id'],
    ['parentID', 'parent_id'],
    ['directory', 'directory'],
    ['title', 'title'],
    ['version', 'version'],
  ] as const)
    if (col(column) !== undefined) info[key] = col(column);
  const created = col('time_created');
  const updated = col('time_updated');
  if (created !== undefined || updated !== undefined)
    info.time = { ...obj(info.time), created, updated };
  return info;
}

function rowData(row: Row, log: ProblemLog, table: string): Record<string, unknown> | undefined {
  const data = obj(typeof row.data === 'string' ? tryJson(row.data) : row.data);
  if (!data) log.add(0, `${table} ${String(row.id)}: data is not a JSON object, row skipped`);
  return data;
}

function hasTable(db: DatabaseSync, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

function dbError(e: unknown, dbFile: string): TrailError {
  const err = e as { errcode?: unknown; errstr?: unknown; message?: unknown };
  const primary = typeof err.errcode === 'number' ? err.errcode & 0xff : undefined;
  // SQLITE_BUSY (5) and SQLITE_LOCKED (6), including their extended codes
  if (primary === 5 || primary === 6)
    return new TrailError(
      CAPTURE_CODES.opencodeLocked,
      `OpenCode's database is locked (OpenCode may be writing to it); try again in a moment: ${dbFile}`,
      { file: dbFile },
      { cause: e },
    );
  const why = typeof err.message === 'string' ? err.message : String(e);
  return new TrailError(
    CAPTURE_CODES.opencodeDb,
    `cannot read OpenCode's database ${dbFile}: ${why}`,
    { file: dbFile },
    { cause: e },
  );
}
