import type { Database } from './database.js';
import type { SyncState } from './sync-state.js';

/** A bundle this device uploaded, and what it carries. */
export interface OutboxBundle {
  readonly epoch: number;
  readonly bundle: string;
  readonly kind: string;
  readonly docs: string[];
  readonly blobs: string[];
  readonly bytes: number;
}

interface Row {
  epoch: number;
  bundle: string;
  kind: string;
  docs: string;
  blobs: string;
  bytes: number;
}

const parse = (r: Row): OutboxBundle => ({
  epoch: r.epoch,
  bundle: r.bundle,
  kind: r.kind,
  docs: JSON.parse(r.docs) as string[],
  blobs: JSON.parse(r.blobs) as string[],
  bytes: r.bytes,
});

/**
 * The bundles this device uploaded to each relay, with the documents and blobs they carry:
 * what compaction may replace, and what must be deleted from the relay when content is purged.
 */
export class Outbox {
  constructor(private readonly db: Database) {}

  /** Records an uploaded bundle. */
  record(relay: string, b: OutboxBundle): void {
    this.db.run(
      'INSERT OR REPLACE INTO outbox(relay, epoch, bundle, kind, docs, blobs, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)',
      relay,
      b.epoch,
      b.bundle,
      b.kind,
      JSON.stringify(b.docs),
      JSON.stringify(b.blobs),
      b.bytes,
    );
  }

  /** This device's live bundles of a kind in an epoch's mailbox. */
  list(relay: string, epoch: number, kind: string): OutboxBundle[] {
    return this.db
      .all<Row>(
        'SELECT epoch, bundle, kind, docs, blobs, bytes FROM outbox WHERE relay = ? AND epoch = ? AND kind = ? AND doomed = 0',
        relay,
        epoch,
        kind,
      )
      .map(parse);
  }

  /** Forgets bundles (deleted from the relay). */
  drop(relay: string, epoch: number, bundles: readonly string[]): void {
    for (const bundle of bundles)
      this.db.run(
        'DELETE FROM outbox WHERE relay = ? AND epoch = ? AND bundle = ?',
        relay,
        epoch,
        bundle,
      );
  }

  /**
   * Marks for deletion from the relay every bundle of this device that carries one of the
   * purged documents or blobs, and queues what else those bundles carried for upload again, so
   * deleting them loses nothing but the purged content. Call inside a state transaction.
   */
  doom(
    state: SyncState,
    relay: string,
    docs: ReadonlySet<string>,
    blobs: ReadonlySet<string>,
  ): number {
    let doomed = 0;
    for (const b of this.db
      .all<Row>(
        'SELECT epoch, bundle, kind, docs, blobs, bytes FROM outbox WHERE relay = ? AND doomed = 0',
        relay,
      )
      .map(parse)) {
      if (!b.docs.some((d) => docs.has(d)) && !b.blobs.some((h) => blobs.has(h))) continue;
      for (const d of b.docs.filter((d) => !docs.has(d))) {
        state.forgetKnown(relay, 'd', d);
        state.addDirty([relay], 'd', [d]);
      }
      for (const h of b.blobs.filter((h) => !blobs.has(h))) {
        state.forgetKnown(relay, 'b', h);
        state.addDirty([relay], 'b', [h]);
      }
      this.db.run(
        'UPDATE outbox SET doomed = 1 WHERE relay = ? AND epoch = ? AND bundle = ?',
        relay,
        b.epoch,
        b.bundle,
      );
      doomed++;
    }
    return doomed;
  }

  /** Bundles marked for deletion, by epoch. */
  doomed(relay: string): Map<number, string[]> {
    const out = new Map<number, string[]>();
    for (const r of this.db.all<{ epoch: number; bundle: string }>(
      'SELECT epoch, bundle FROM outbox WHERE relay = ? AND doomed = 1',
      relay,
    )) {
      out.set(r.epoch, [...(out.get(r.epoch) ?? []), r.bundle]);
    }
    return out;
  }
}
