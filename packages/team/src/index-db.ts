import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { EntryRejection, SignedEntry } from './entries.js';

/**
 * The layout of the index. 2: bodies in a table of their own (the entries table stays small
 * enough to scan), the review status as a column, indexes for judging rows in SQL and for the
 * latest entry of an (author, session). An index of another version is rebuilt from the bodies
 * it holds when it is next opened for writing (the read path does that once).
 */
export const TEAM_INDEX_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
  id TEXT PRIMARY KEY,
  t TEXT NOT NULL,
  at INTEGER NOT NULL,
  signer TEXT NOT NULL,
  author TEXT,
  session TEXT,
  on_author TEXT,
  on_session TEXT,
  epoch INTEGER,
  project TEXT,
  brief TEXT,
  status TEXT
);
CREATE INDEX IF NOT EXISTS entries_t_at ON entries (t, at, id);
CREATE INDEX IF NOT EXISTS entries_key ON entries (t, author, session, at);
CREATE INDEX IF NOT EXISTS entries_on ON entries (on_author, on_session, t);
CREATE INDEX IF NOT EXISTS entries_judge ON entries (t, signer, author, at, epoch);
CREATE TABLE IF NOT EXISTS bodies (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refused (id TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, bytes BLOB NOT NULL, pushed INTEGER);
`;

/** One row of the entries table, as the readers use it. */
export interface EntryRow {
  readonly id: string;
  readonly t: string;
  readonly at: number;
  readonly signer: string;
  readonly author: string | null;
  readonly session: string | null;
  readonly on_author: string | null;
  readonly on_session: string | null;
  readonly epoch: number | null;
  readonly project: string | null;
  readonly brief: string | null;
}

/** The short form of a summary that `team log` lists, kept beside the full entry. */
export interface SummaryBrief {
  readonly title: string;
  readonly project: string;
  readonly agent: string;
  readonly model: string;
  readonly startedAt: string;
  readonly policy: string;
  readonly counts: Record<string, unknown>;
  readonly files: number;
  readonly commands: number;
}

function userVersion(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

/**
 * A team's derived index (SQLite): every entry whose signature verified, with the columns the
 * readers filter on, and the entries refused outright. A cache of the team document: deleting
 * it loses nothing, the next sync or read rebuilds it.
 */
export class TeamIndex {
  readonly db: DatabaseSync;
  /** The file did not exist (or held nothing usable): rebuild from the document. */
  readonly fresh: boolean;

  constructor(path: string, readOnly?: DatabaseSync) {
    if (readOnly !== undefined) {
      this.db = readOnly;
      this.fresh = false;
      return;
    }
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    let fresh = !existsSync(path);
    this.db = new DatabaseSync(path);
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;',
    );
    if (userVersion(this.db) !== TEAM_INDEX_VERSION) fresh = this.#upgrade() || fresh;
    this.fresh = fresh;
  }

  /**
   * Opens an index read-only when it exists and is of this version (no schema work, no WAL
   * setup); undefined otherwise, and the caller opens it for writing, which rebuilds it.
   */
  static openForReading(path: string): TeamIndex | undefined {
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path, { readOnly: true });
    } catch {
      return undefined; // missing (SQLite cannot create it read-only) or unreadable
    }
    try {
      db.exec('PRAGMA busy_timeout = 10000');
      if (userVersion(db) === TEAM_INDEX_VERSION) return new TeamIndex(path, db);
    } catch {
      // unreadable: rebuilt by the writer
    }
    db.close();
    return undefined;
  }

  /**
   * Brings an index of another layout (or a new file) to this one. The entries it holds are
   * re-derived from their stored bodies (verified when they were first indexed) and the outbox
   * and meta values are kept; true when there were no bodies to re-derive from, so the
   * document must be indexed again.
   */
  #upgrade(): boolean {
    const db = this.db;
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    const columns = (table: string) =>
      tables.has(table)
        ? new Set(
            (
              db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as {
                name: string;
              }[]
            ).map((r) => r.name),
          )
        : new Set<string>();
    const entryColumns = columns('entries');
    const bodySource = columns('bodies').has('body')
      ? 'SELECT e.id, e.signer, b.body FROM entries e JOIN bodies b ON b.id = e.id'
      : entryColumns.has('body')
        ? 'SELECT id, signer, body FROM entries'
        : undefined;
    const canRederive = bodySource !== undefined && entryColumns.has('signer');
    const empty = tables.size === 0;
    db.exec('BEGIN IMMEDIATE');
    try {
      const signed: SignedEntry[] = canRederive
        ? (db.prepare(bodySource).all() as { id: string; signer: string; body: string }[]).map(
            (r) => ({
              id: r.id,
              signer: r.signer,
              entry: JSON.parse(r.body) as SignedEntry['entry'],
            }),
          )
        : [];
      const refused = columns('refused').has('reason')
        ? (db.prepare('SELECT id, reason FROM refused').all() as {
            id: string;
            reason: EntryRejection;
          }[])
        : [];
      db.exec(
        'DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS bodies; DROP TABLE IF EXISTS refused;',
      );
      if (tables.has('outbox') && !columns('outbox').has('pushed')) db.exec('DROP TABLE outbox');
      db.exec(SCHEMA);
      if (!canRederive && !empty) db.exec("DELETE FROM meta WHERE key = 'heads'");
      this.#insert(signed, refused);
      db.exec(`PRAGMA user_version = ${TEAM_INDEX_VERSION}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    // The old tables' pages go back to the file system (once per upgrade).
    if (!empty) db.exec('VACUUM');
    return !canRederive && !empty;
  }

  /** Records verified entries and refusals in one transaction. */
  add(
    signed: readonly SignedEntry[],
    refused: readonly { id: string; reason: EntryRejection }[],
  ): void {
    if (signed.length + refused.length === 0) return;
    this.db.exec('BEGIN');
    try {
      this.#insert(signed, refused);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  #insert(
    signed: readonly SignedEntry[],
    refused: readonly { id: string; reason: EntryRejection }[],
  ): void {
    const put = this.db.prepare(
      `INSERT OR IGNORE INTO entries (id, t, at, signer, author, session, on_author, on_session, epoch, project, brief, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const putBody = this.db.prepare('INSERT OR IGNORE INTO bodies (id, body) VALUES (?, ?)');
    const bad = this.db.prepare('INSERT OR IGNORE INTO refused (id, reason) VALUES (?, ?)');
    for (const s of signed) {
      const e = s.entry;
      const author =
        'author' in e ? e.author : 'member' in e && typeof e.member === 'string' ? e.member : null;
      const on = 'on' in e ? e.on : undefined;
      let brief: string | null = null;
      let project: string | null = null;
      let session: string | null = 'session' in e ? e.session : null;
      if (e.t === 'summary') {
        const x = e.summary;
        project = x.session.project ?? '';
        session = e.session;
        const b: SummaryBrief = {
          title: x.session.title ?? '',
          project,
          agent: x.session.agent,
          model: x.session.model,
          startedAt: x.session.startedAt,
          policy: x.policy,
          counts: x.counts as unknown as Record<string, unknown>,
          files: Array.isArray(x.files) ? x.files.length : 0,
          commands: Array.isArray(x.commands) ? x.commands.length : 0,
        };
        brief = JSON.stringify(b);
      }
      const inserted = put.run(
        s.id,
        e.t,
        Math.trunc(e.at),
        s.signer,
        author,
        session,
        on?.author ?? null,
        on?.session ?? null,
        e.t === 'summary' ? e.epoch : null,
        project,
        brief,
        e.t === 'review' ? e.status : null,
      );
      if (inserted.changes > 0) putBody.run(s.id, JSON.stringify(e));
    }
    for (const r of refused) bad.run(r.id, r.reason);
  }

  /** Whether an entry id is known (verified or refused). */
  has(id: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM entries WHERE id = ? UNION ALL SELECT 1 FROM refused WHERE id = ?')
        .get(id, id) !== undefined
    );
  }

  /** Entries of the given types, oldest first, with their full bodies. */
  signed(types: readonly string[]): SignedEntry[] {
    const rows = this.db
      .prepare(
        `SELECT e.id, e.signer, b.body FROM entries e JOIN bodies b ON b.id = e.id
         WHERE e.t IN (${types.map(() => '?').join(',')}) ORDER BY e.at, e.id`,
      )
      .all(...types) as { id: string; signer: string; body: string }[];
    return rows.map((r) => ({
      id: r.id,
      signer: r.signer,
      entry: JSON.parse(r.body) as SignedEntry['entry'],
    }));
  }

  /** Rows of one type, oldest first (no bodies). */
  rows(t: string, where = '', ...params: (string | number)[]): EntryRow[] {
    return this.db
      .prepare(
        `SELECT id, t, at, signer, author, session, on_author, on_session, epoch, project, brief
         FROM entries WHERE t = ? ${where} ORDER BY at, id`,
      )
      .all(t, ...params) as unknown as EntryRow[];
  }

  /** The full entry of an id. */
  body(id: string): SignedEntry['entry'] | undefined {
    const row = this.db.prepare('SELECT body FROM bodies WHERE id = ?').get(id) as
      { body: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.body) as SignedEntry['entry']);
  }

  /** Entries refused outright (no signature, a bad one, a wrong id, malformed). */
  refused(): { id: string; reason: EntryRejection }[] {
    return this.db.prepare('SELECT id, reason FROM refused ORDER BY id').all() as {
      id: string;
      reason: EntryRejection;
    }[];
  }

  /** How many entries were refused outright, by reason. */
  refusedCounts(): { reason: EntryRejection; n: number }[] {
    return this.db
      .prepare('SELECT reason, count(*) AS n FROM refused GROUP BY reason')
      .all() as unknown as { reason: EntryRejection; n: number }[];
  }

  /** Queues a change this device made, to be uploaded. */
  queue(change: Uint8Array): void {
    this.db.prepare('INSERT INTO outbox (bytes, pushed) VALUES (?, NULL)').run(change);
  }

  /** Changes this device made that no relay holds yet, oldest first. */
  unpushed(): { seq: number; bytes: Uint8Array }[] {
    return (
      this.db.prepare('SELECT seq, bytes FROM outbox WHERE pushed IS NULL ORDER BY seq').all() as {
        seq: number;
        bytes: Uint8Array;
      }[]
    ).map((r) => ({ seq: r.seq, bytes: new Uint8Array(r.bytes) }));
  }

  /** Records changes as uploaded into an epoch's mailbox. */
  markPushed(seqs: readonly number[], epoch: number): void {
    const mark = this.db.prepare('UPDATE outbox SET pushed = ? WHERE seq = ?');
    this.db.exec('BEGIN');
    for (const s of seqs) mark.run(epoch, s);
    this.db.exec('COMMIT');
  }

  /** A value of the meta table. */
  meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  /** Sets a value of the meta table. */
  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}
