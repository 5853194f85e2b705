import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS relays(relay TEXT PRIMARY KEY, url TEXT NOT NULL, scanned INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS cursors(relay TEXT, epoch INTEGER, cursor TEXT NOT NULL, PRIMARY KEY(relay, epoch)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dirty(relay TEXT, kind TEXT, id TEXT, PRIMARY KEY(relay, kind, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS known_chunks(relay TEXT, doc TEXT, chunk TEXT, PRIMARY KEY(relay, doc, chunk)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS known_heads(relay TEXT, doc TEXT, heads TEXT NOT NULL, PRIMARY KEY(relay, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS known_blobs(relay TEXT, hash TEXT, PRIMARY KEY(relay, hash)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS applied(relay TEXT, epoch INTEGER, bundle TEXT, PRIMARY KEY(relay, epoch, bundle)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox(relay TEXT, epoch INTEGER, bundle TEXT, kind TEXT NOT NULL, docs TEXT NOT NULL, blobs TEXT NOT NULL, bytes INTEGER NOT NULL, doomed INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(relay, epoch, bundle)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending_index(doc TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS devices(device TEXT PRIMARY KEY, cert BLOB NOT NULL, removed_epoch INTEGER);
CREATE TABLE IF NOT EXISTS seen(epoch INTEGER, device TEXT, PRIMARY KEY(epoch, device)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rekeys(epoch INTEGER PRIMARY KEY, bundle TEXT NOT NULL, bytes BLOB NOT NULL, devices TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rejections(at INTEGER NOT NULL, relay TEXT NOT NULL, epoch INTEGER NOT NULL, bundle TEXT NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL);
`;

/** Schema version of state.sqlite; a newer file is refused, never rewritten. */
export const STATE_VERSION = 1;

/** node:sqlite with cached prepared statements and a transaction helper. */
export class Database {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#db = new DatabaseSync(path);
    this.#db.exec(
      'PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;',
    );
    this.#db.exec(SCHEMA);
    this.run("INSERT OR IGNORE INTO meta(key, value) VALUES ('version', ?)", String(STATE_VERSION));
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs a statement that changes rows; returns how many. */
  run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.#prepare(sql).run(...params).changes);
  }

  /** The first row, or undefined. */
  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.#prepare(sql).get(...params) as T | undefined;
  }

  /** Every row. */
  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.#prepare(sql).all(...params) as T[];
  }

  /** Runs `fn` in one immediate transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T {
    if (this.#db.isTransaction) return fn();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Closes the file. */
  close(): void {
    this.#statements.clear();
    this.#db.close();
  }
}
