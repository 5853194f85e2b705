import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { EntryRejection, SignedEntry } from './entries.js';

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
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_t_at ON entries (t, at);
CREATE INDEX IF NOT EXISTS entries_on ON entries (on_author, on_session);
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

/**
 * A team's derived index (SQLite): every entry whose signature verified, with the columns the
 * readers filter on, and the entries refused outright. A cache of the team document: deleting
 * it loses nothing, the next sync or read rebuilds it.
 */
export class TeamIndex {
  readonly db: DatabaseSync;
  /** The file did not exist: rebuild from the document. */
  readonly fresh: boolean;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.fresh = !existsSync(path);
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec(SCHEMA);
  }

  /** Records verified entries and refusals in one transaction. */
  add(
    signed: readonly SignedEntry[],
    refused: readonly { id: string; reason: EntryRejection }[],
  ): void {
    if (signed.length + refused.length === 0) return;
    const put = this.db.prepare(
      `INSERT OR IGNORE INTO entries (id, t, at, signer, author, session, on_author, on_session, epoch, project, brief, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const bad = this.db.prepare('INSERT OR IGNORE INTO refused (id, reason) VALUES (?, ?)');
    this.db.exec('BEGIN');
    try {
      for (const s of signed) {
        const e = s.entry;
        const author =
          'author' in e
            ? e.author
            : 'member' in e && typeof e.member === 'string'
              ? e.member
              : null;
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
        put.run(
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
          JSON.stringify(e),
        );
      }
      for (const r of refused) bad.run(r.id, r.reason);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
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
        `SELECT id, signer, body FROM entries WHERE t IN (${types.map(() => '?').join(',')}) ORDER BY at, id`,
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
    const row = this.db.prepare('SELECT body FROM entries WHERE id = ?').get(id) as
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
