import { statSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';

/** Size and modification time of a set of files, to skip re-reading unchanged ones. */
export interface FileMark {
  size: number;
  mtimeMs: number;
}

/** The combined mark of several files (undefined when one is unreadable). */
export function markOf(files: readonly string[]): FileMark | undefined {
  let size = 0;
  let mtimeMs = 0;
  try {
    for (const f of files) {
      const st = statSync(f);
      size += st.size;
      mtimeMs = Math.max(mtimeMs, Math.floor(st.mtimeMs));
    }
  } catch {
    return undefined;
  }
  return { size, mtimeMs };
}

/**
 * True when `key` was imported with exactly this mark and every session it produced is in
 * the store's library. A crash or a full disk can leave a mark whose sessions' library
 * entries never landed (they are written in batches); such a source is imported again, which
 * enters them (the documents are already there, so nothing else changes).
 */
export function isUnchanged(
  db: DatabaseSync,
  key: string,
  mark: FileMark,
  known: (sessionId: string) => boolean,
): boolean {
  const row = db.prepare('SELECT size, mtime_ms, sessions FROM imports WHERE path = ?').get(key) as
    { size: number; mtime_ms: number; sessions: string } | undefined;
  if (!row || Number(row.size) !== mark.size || Number(row.mtime_ms) !== mark.mtimeMs) return false;
  let sessions: unknown;
  try {
    sessions = JSON.parse(row.sessions);
  } catch {
    return false;
  }
  return Array.isArray(sessions) && sessions.every((id) => typeof id === 'string' && known(id));
}

/** Records that `key` was imported with this mark, producing these sessions. */
export function saveMark(
  db: DatabaseSync,
  key: string,
  mark: FileMark,
  sessions: readonly string[],
): void {
  db.prepare('INSERT OR REPLACE INTO imports(path, size, mtime_ms, sessions) VALUES (?,?,?,?)').run(
    key,
    mark.size,
    mark.mtimeMs,
    JSON.stringify(sessions),
  );
}
