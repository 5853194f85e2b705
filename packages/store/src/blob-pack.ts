import { existsSync, mkdirSync } from 'node:fs';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { join } from 'node:path';

/** Encoded blobs smaller than this live in the pack; larger ones are files of their own. */
export const PACK_MAX_BYTES = 16 * 1024;

/**
 * Small blobs packed into one SQLite file (`blobs/pack.sqlite`): a file per 300-byte blob
 * costs a whole 4 KiB disk block, ten times its size. `secure_delete` overwrites deleted rows
 * with zeros, so a purged secret does not linger in free pages.
 */
export class BlobPack {
  readonly #db: DatabaseSync | undefined;
  readonly #get: StatementSync | undefined;
  readonly #has: StatementSync | undefined;
  #put: StatementSync | undefined;
  #del: StatementSync | undefined;

  constructor(dir: string, readOnly = false) {
    const file = join(dir, 'pack.sqlite');
    if (readOnly && !existsSync(file)) return;
    if (!readOnly) mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#db = new DatabaseSync(file, readOnly ? { readOnly: true } : {});
    this.#db.exec('PRAGMA busy_timeout = 10000');
    if (!readOnly) {
      this.#db.exec(
        'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;',
      );
      this.#db.exec(
        'CREATE TABLE IF NOT EXISTS blobs(hash TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID',
      );
    }
    this.#get = this.#db.prepare('SELECT data FROM blobs WHERE hash = ?');
    this.#has = this.#db.prepare('SELECT 1 FROM blobs WHERE hash = ?');
  }

  /** The encoded bytes of a blob, or undefined. */
  get(hash: string): Uint8Array | undefined {
    const row = this.#get?.get(hash) as { data: Uint8Array } | undefined;
    return row?.data;
  }

  has(hash: string): boolean {
    return this.#has?.get(hash) !== undefined;
  }

  /** Stores encoded bytes; false when the blob was already there. */
  put(hash: string, encoded: Uint8Array): boolean {
    if (!this.#db) throw new Error('blob pack opened read-only');
    this.#put ??= this.#db.prepare('INSERT OR IGNORE INTO blobs(hash, data) VALUES (?, ?)');
    return Number(this.#put.run(hash, encoded).changes) > 0;
  }

  delete(hash: string): boolean {
    if (!this.#db) return false;
    this.#del ??= this.#db.prepare('DELETE FROM blobs WHERE hash = ?');
    return Number(this.#del.run(hash).changes) > 0;
  }

  list(): string[] {
    if (!this.#db) return [];
    return (this.#db.prepare('SELECT hash FROM blobs').all() as { hash: string }[]).map(
      (r) => r.hash,
    );
  }

  /** Starts a batch: puts until commit() land in one transaction (one fsync, not hundreds). */
  begin(): void {
    if (this.#db && !this.#db.isTransaction) this.#db.exec('BEGIN');
  }

  commit(): void {
    if (this.#db?.isTransaction) this.#db.exec('COMMIT');
  }

  rollback(): void {
    if (this.#db?.isTransaction) this.#db.exec('ROLLBACK');
  }

  close(): void {
    this.commit();
    this.#db?.close();
  }
}
