import { Database } from './database.js';
import { Outbox } from './outbox.js';

/**
 * Kinds of queued item: an Automerge document or a blob to upload ('d', 'b'), or the deletion
 * of one to announce ('D', 'B': `trail purge`).
 */
export type ItemKind = 'd' | 'b' | 'D' | 'B';

/**
 * What this device knows about each relay it syncs with: how far it has read each epoch's
 * mailbox, which bundles it applied, which document chunks, heads and blobs the relay already
 * holds (uploaded or received), and what still has to go up. Not secret: ids only.
 */
export class SyncState {
  readonly db: Database;
  /** This device's uploaded bundles per relay. */
  readonly outbox: Outbox;

  constructor(path: string) {
    this.db = new Database(path);
    this.outbox = new Outbox(this.db);
  }

  /** A value from the meta table. */
  meta(key: string): string | undefined {
    return this.db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value;
  }

  /** Sets a value in the meta table. */
  setMeta(key: string, value: string): void {
    this.db.run('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)', key, value);
  }

  /** Remembers a relay; returns whether it was new. */
  addRelay(relay: string, url: string): boolean {
    const added = this.db.run('INSERT OR IGNORE INTO relays(relay, url) VALUES (?, ?)', relay, url);
    if (added === 0) this.db.run('UPDATE relays SET url = ? WHERE relay = ?', url, relay);
    return added > 0;
  }

  /** Every relay this device has synced with. */
  relays(): string[] {
    return this.db.all<{ relay: string }>('SELECT relay FROM relays').map((r) => r.relay);
  }

  /** Whether everything local has been queued for a relay once. */
  isScanned(relay: string): boolean {
    return (
      this.db.get<{ scanned: number }>('SELECT scanned FROM relays WHERE relay = ?', relay)
        ?.scanned === 1
    );
  }

  /** Records that everything local has been queued for a relay. */
  markScanned(relay: string): void {
    this.db.run('UPDATE relays SET scanned = 1 WHERE relay = ?', relay);
  }

  /** Queues items for upload to the given relays. */
  addDirty(relays: readonly string[], kind: ItemKind, ids: Iterable<string>): void {
    this.db.tx(() => {
      for (const id of ids) {
        for (const relay of relays) {
          this.db.run(
            'INSERT OR IGNORE INTO dirty(relay, kind, id) VALUES (?, ?, ?)',
            relay,
            kind,
            id,
          );
        }
      }
    });
  }

  /** Items queued for a relay. */
  dirty(relay: string, kind: ItemKind): string[] {
    return this.db
      .all<{ id: string }>(
        'SELECT id FROM dirty WHERE relay = ? AND kind = ? ORDER BY id',
        relay,
        kind,
      )
      .map((r) => r.id);
  }

  /** Counts of queued items per kind for a relay. */
  dirtyCounts(relay: string): { documents: number; blobs: number } {
    const count = (kind: ItemKind) =>
      this.db.get<{ n: number }>(
        'SELECT count(*) AS n FROM dirty WHERE relay = ? AND kind = ?',
        relay,
        kind,
      )?.n ?? 0;
    return { documents: count('d'), blobs: count('b') };
  }

  /** Removes an item from a relay's queue. */
  clearDirty(relay: string, kind: ItemKind, id: string): void {
    this.db.run('DELETE FROM dirty WHERE relay = ? AND kind = ? AND id = ?', relay, kind, id);
  }

  /** Chunk names of a document the relay already holds. */
  knownChunks(relay: string, doc: string): Set<string> {
    const rows = this.db.all<{ chunk: string }>(
      'SELECT chunk FROM known_chunks WHERE relay = ? AND doc = ?',
      relay,
      doc,
    );
    return new Set(rows.map((r) => r.chunk));
  }

  /** Records chunk names of a document as held by the relay. */
  addKnownChunks(relay: string, doc: string, chunks: Iterable<string>): void {
    for (const chunk of chunks) {
      this.db.run(
        'INSERT OR IGNORE INTO known_chunks(relay, doc, chunk) VALUES (?, ?, ?)',
        relay,
        doc,
        chunk,
      );
    }
  }

  /** Change hashes whose whole history the relay holds, if recorded. */
  knownHeads(relay: string, doc: string): string[] | undefined {
    const row = this.db.get<{ heads: string }>(
      'SELECT heads FROM known_heads WHERE relay = ? AND doc = ?',
      relay,
      doc,
    );
    return row === undefined ? undefined : (JSON.parse(row.heads) as string[]);
  }

  /** Adds to the heads the relay holds (a bounded set; older ones are dropped). */
  addKnownHeads(relay: string, doc: string, heads: readonly string[], replace = false): void {
    const merged = replace
      ? [...heads]
      : [...new Set([...heads, ...(this.knownHeads(relay, doc) ?? [])])];
    this.db.run(
      'INSERT OR REPLACE INTO known_heads(relay, doc, heads) VALUES (?, ?, ?)',
      relay,
      doc,
      JSON.stringify(merged.slice(0, 32)),
    );
  }

  /** Whether the relay holds a blob. */
  knownBlob(relay: string, hash: string): boolean {
    return (
      this.db.get('SELECT 1 AS x FROM known_blobs WHERE relay = ? AND hash = ?', relay, hash) !==
      undefined
    );
  }

  /** Records that the relay holds a blob. */
  addKnownBlob(relay: string, hash: string): void {
    this.db.run('INSERT OR IGNORE INTO known_blobs(relay, hash) VALUES (?, ?)', relay, hash);
  }

  /** Where reading an epoch's mailbox resumes ('' = from the start). */
  cursor(relay: string, epoch: number): string {
    return (
      this.db.get<{ cursor: string }>(
        'SELECT cursor FROM cursors WHERE relay = ? AND epoch = ?',
        relay,
        epoch,
      )?.cursor ?? ''
    );
  }

  /** Saves the read position of an epoch's mailbox. */
  setCursor(relay: string, epoch: number, cursor: string): void {
    this.db.run(
      'INSERT OR REPLACE INTO cursors(relay, epoch, cursor) VALUES (?, ?, ?)',
      relay,
      epoch,
      cursor,
    );
  }

  /** Whether a bundle was applied already. */
  isApplied(relay: string, epoch: number, bundle: string): boolean {
    return (
      this.db.get(
        'SELECT 1 AS x FROM applied WHERE relay = ? AND epoch = ? AND bundle = ?',
        relay,
        epoch,
        bundle,
      ) !== undefined
    );
  }

  /** Records a bundle as applied (or deliberately skipped). */
  markApplied(relay: string, epoch: number, bundle: string): void {
    this.db.run(
      'INSERT OR IGNORE INTO applied(relay, epoch, bundle) VALUES (?, ?, ?)',
      relay,
      epoch,
      bundle,
    );
  }

  /** Marks documents whose query-index rows must be refreshed. */
  addPendingIndex(docs: Iterable<string>): void {
    for (const doc of docs) this.db.run('INSERT OR IGNORE INTO pending_index(doc) VALUES (?)', doc);
  }

  /** Documents whose index rows are stale. */
  pendingIndex(): string[] {
    return this.db.all<{ doc: string }>('SELECT doc FROM pending_index').map((r) => r.doc);
  }

  /** Documents whose index rows are now fresh. */
  clearPendingIndex(docs: Iterable<string>): void {
    for (const doc of docs) this.db.run('DELETE FROM pending_index WHERE doc = ?', doc);
  }

  /**
   * Forgets what every relay holds and queues everything again (after this device rotated the
   * key: the new epoch's mailbox must carry the whole history for devices that join later).
   */
  forgetRelayContents(): void {
    this.db.tx(() => {
      this.db.run('DELETE FROM known_chunks');
      this.db.run('DELETE FROM known_heads');
      this.db.run('DELETE FROM known_blobs');
      this.db.run('UPDATE relays SET scanned = 0');
    });
  }

  /** Forgets that the relay holds a document or blob (it must go up again, or is gone). */
  forgetKnown(relay: string, kind: 'd' | 'b', id: string): void {
    if (kind === 'b')
      this.db.run('DELETE FROM known_blobs WHERE relay = ? AND hash = ?', relay, id);
    else {
      this.db.run('DELETE FROM known_chunks WHERE relay = ? AND doc = ?', relay, id);
      this.db.run('DELETE FROM known_heads WHERE relay = ? AND doc = ?', relay, id);
    }
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}
