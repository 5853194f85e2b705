import { existsSync, mkdirSync } from 'node:fs';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { join } from 'node:path';

/** Encoded blobs smaller than this live in the pack; larger ones are files of their own. */
export const PACK_MAX_BYTES = 16 * 1024;

/**
 * The pack's table: rows appended in rowid order fill their pages (a table keyed by the
 * random hash itself split pages half-empty: 8.2 MB on disk for 4.2 MB of blobs), and the
 * hash is 32 bytes, not 64 hex characters. `blobs` is the first layout, migrated on open.
 */
const SCHEMA =
  'CREATE TABLE IF NOT EXISTS pack(id INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, data BLOB NOT NULL)';

const key = (hash: string): Uint8Array => Buffer.from(hash, 'hex');

/**
 * Small blobs packed into one SQLite file (`blobs/pack.sqlite`): a file per 300-byte blob
 * costs a whole 4 KiB disk block, ten times its size. `secure_delete` overwrites deleted rows
 * with zeros, so a purged secret does not linger in free pages.
 */
export class BlobPack {
  readonly #db: DatabaseSync | undefined;
  readonly #get: StatementSync | undefined;
  readonly #has: StatementSync | undefined;
  /** Whether the table is the first layout (a store not yet opened for writing since). */
  readonly #legacy: boolean = false;
  #put: StatementSync | undefined;
  #del: StatementSync | undefined;

  constructor(dir: string, readOnly = false) {
    const file = join(dir, 'pack.sqlite');
    if (readOnly && !existsSync(file)) return;
    if (!readOnly) mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#db = new DatabaseSync(file, readOnly ? { readOnly: true } : {});
    this.#db.exec('PRAGMA busy_timeout = 10000');
    const tables = new Set(
      (
        this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    if (!readOnly) {
      // 16 KiB pages: most packed blobs then fit a page instead of trailing a half-empty
      // overflow page (4.5 MB instead of 5.1 MB for the same 3.9 MB of blobs); only takes
      // effect on a new file, before WAL is on
      if (tables.size === 0) this.#db.exec('PRAGMA page_size = 16384');
      this.#db.exec(
        'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON; PRAGMA cache_size = -16384;',
      );
      this.#db.exec(SCHEMA);
      if (tables.has('blobs')) migrate(this.#db);
    } else if (!tables.has('pack') && tables.has('blobs')) {
      this.#legacy = true;
    }
    if (this.#legacy) {
      this.#get = this.#db.prepare('SELECT data FROM blobs WHERE hash = ?');
      this.#has = this.#db.prepare('SELECT 1 FROM blobs WHERE hash = ?');
    } else if (readOnly && !tables.has('pack')) {
      this.#db.close();
      this.#db = undefined;
    } else {
      this.#get = this.#db.prepare('SELECT data FROM pack WHERE hash = ?');
      this.#has = this.#db.prepare('SELECT 1 FROM pack WHERE hash = ?');
    }
  }

  #key(hash: string): string | Uint8Array {
    return this.#legacy ? hash : key(hash);
  }

  /** The encoded bytes of a blob, or undefined. */
  get(hash: string): Uint8Array | undefined {
    const row = this.#get?.get(this.#key(hash)) as { data: Uint8Array } | undefined;
    return row?.data;
  }

  has(hash: string): boolean {
    return this.#has?.get(this.#key(hash)) !== undefined;
  }

  /** Stores encoded bytes; false when the blob was already there. */
  put(hash: string, encoded: Uint8Array): boolean {
    if (!this.#db || this.#legacy) throw new Error('blob pack opened read-only');
    this.#put ??= this.#db.prepare('INSERT OR IGNORE INTO pack(hash, data) VALUES (?, ?)');
    return Number(this.#put.run(key(hash), encoded).changes) > 0;
  }

  delete(hash: string): boolean {
    if (!this.#db || this.#legacy) return false;
    this.#del ??= this.#db.prepare('DELETE FROM pack WHERE hash = ?');
    return Number(this.#del.run(key(hash)).changes) > 0;
  }

  list(): string[] {
    if (!this.#db) return [];
    if (this.#legacy) {
      return (this.#db.prepare('SELECT hash FROM blobs').all() as { hash: string }[]).map(
        (r) => r.hash,
      );
    }
    return (this.#db.prepare('SELECT hash FROM pack').all() as { hash: Uint8Array }[]).map((r) =>
      Buffer.from(r.hash).toString('hex'),
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

/**
 * Moves the rows of the first layout into `pack` in one transaction (a crash leaves either
 * layout whole), then compacts the file; secure_delete has zeroed the old pages first.
 */
function migrate(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('INSERT OR IGNORE INTO pack(hash, data) SELECT unhex(hash), data FROM blobs');
    db.exec('DROP TABLE blobs');
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  db.exec('VACUUM');
}
