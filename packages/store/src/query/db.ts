import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Bumped whenever the schema changes; an index of another version is rebuilt. */
export const INDEX_VERSION = 7;

/**
 * Sessions, their events and file changes, and a full-text index, sized to stay a fraction
 * of what it indexes: each session's events (as the documents hold them) are kept as one
 * compressed JSON array in session_events, and only checkpoints get rows of their own; the full-text index stores no text and no row map (a row id encodes the
 * event and the field, see events.ts).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions(
  id TEXT PRIMARY KEY, url TEXT NOT NULL, agent TEXT NOT NULL, project TEXT NOT NULL,
  project_name TEXT NOT NULL, title TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT NOT NULL,
  model TEXT NOT NULL, cwd TEXT NOT NULL, prompts INTEGER NOT NULL, tool_calls INTEGER NOT NULL,
  files_changed INTEGER NOT NULL, commands INTEGER NOT NULL, errors INTEGER NOT NULL,
  events INTEGER NOT NULL, tags TEXT NOT NULL, status TEXT NOT NULL, hidden INTEGER NOT NULL,
  usage TEXT NOT NULL, agent_version TEXT NOT NULL, git_branch TEXT NOT NULL,
  ev0 INTEGER NOT NULL, ev_end INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS sessions_ev0 ON sessions(ev0);
CREATE INDEX IF NOT EXISTS sessions_started ON sessions(started_at DESC);
CREATE TABLE IF NOT EXISTS checkpoints(
  session_id TEXT NOT NULL, seq INTEGER NOT NULL, checkpoint TEXT NOT NULL, root TEXT,
  PRIMARY KEY(session_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS checkpoints_id ON checkpoints(checkpoint);
CREATE TABLE IF NOT EXISTS session_events(session_id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS changes(
  session_id TEXT NOT NULL, seq INTEGER NOT NULL, prompt INTEGER NOT NULL, ts TEXT NOT NULL,
  path TEXT NOT NULL, op TEXT NOT NULL, added INTEGER NOT NULL, removed INTEGER NOT NULL,
  patch TEXT, agent_id TEXT
);
CREATE INDEX IF NOT EXISTS changes_path ON changes(path);
CREATE INDEX IF NOT EXISTS changes_session ON changes(session_id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
  text, content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS imports(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL, sessions TEXT NOT NULL);
`;

/** Opens (creating if needed) the query index; a stale schema is dropped and recreated. */
export function openIndex(
  path: string,
  opts: { readOnly?: boolean } = {},
): { db: DatabaseSync; fresh: boolean } {
  if (!opts.readOnly) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(path, opts.readOnly ? { readOnly: true } : {});
  db.exec('PRAGMA busy_timeout = 10000');
  if (opts.readOnly) return { db, fresh: false };
  // a 16 MiB page cache (SQLite's default is 2 MiB): each session's commit then finds the
  // full-text and index pages it touches in memory instead of reading them back
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;');
  let version = 0;
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as
      { value: string } | undefined;
    version = row ? Number(row.value) : 0;
  } catch {
    version = 0;
  }
  let fresh = false;
  if (version !== INDEX_VERSION) {
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec(
      'DROP TABLE IF EXISTS sessions; DROP TABLE IF EXISTS events; DROP TABLE IF EXISTS checkpoints; DROP TABLE IF EXISTS changes; DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS fts_rows; DROP TABLE IF EXISTS session_events; DROP TABLE IF EXISTS imports; DROP TABLE IF EXISTS meta;',
    );
    db.exec(SCHEMA);
    db.prepare("INSERT INTO meta(key, value) VALUES ('version', ?)").run(String(INDEX_VERSION));
    db.exec('VACUUM'); // applies auto_vacuum to a file that existed before
    fresh = true;
  }
  return { db, fresh };
}

/** Runs `fn` in one transaction (inside an open one, `fn` simply joins it). */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  if (db.isTransaction) return fn();
  db.exec('BEGIN IMMEDIATE');
  try {
    const r = fn();
    db.exec('COMMIT');
    return r;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
