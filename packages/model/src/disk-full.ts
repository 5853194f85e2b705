import { TrailError } from './errors.js';

/** SQLite's result code for "database or disk is full". */
const SQLITE_FULL = 13;

/** True for an error that says the disk (or the user's quota) is full. */
export function isDiskFull(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; errcode?: unknown; message?: unknown };
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT') return true;
  if (err.errcode === SQLITE_FULL) return true;
  return typeof err.message === 'string' && err.message.includes('database or disk is full');
}

/**
 * The error a full disk becomes: what was being written and where, and what to do. Writes
 * are ordered (blobs, then the document that names them, then the indexes), so what was
 * recorded before stays whole and running the command again resumes.
 */
export function diskFullError(e: unknown, root: string | undefined, what: string): TrailError {
  const where = root ? `the device holding ${root}` : 'the device';
  return new TrailError(
    'DISK_FULL',
    `no space left on ${where} while ${what}; nothing recorded before was lost: free some ` +
      `space and run the command again, it carries on where it stopped`,
    { ...(root ? { path: root } : {}), cause: e instanceof Error ? e.message : String(e) },
  );
}
