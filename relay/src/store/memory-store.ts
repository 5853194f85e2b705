import type { BundleId, RoutingId } from '@trail/protocol';
import { START_CURSOR } from '@trail/protocol';
import { MailboxError } from './mailbox-error.js';
import type {
  MailboxStore,
  NewBundle,
  PullPage,
  PullRequest,
  PutLimits,
  PutOutcome,
  RegisterOutcome,
  SpaceRecord,
  SpaceUsage,
} from './mailbox-store.js';
import { cursorSeq, formatCursor, newIncarnation } from './seq-cursor.js';
import { SpaceIndex } from './space-index.js';

interface MemorySpace {
  readonly record: SpaceRecord;
  readonly incarnation: string;
  readonly index: SpaceIndex;
  readonly blobs: Map<number, Uint8Array>;
}

/** A MailboxStore in memory: for tests, embedding, and relays that may lose their mailbox. */
export class MemoryMailboxStore implements MailboxStore {
  readonly #spaces = new Map<RoutingId, MemorySpace>();
  #closed = false;

  /** Every operation is synchronous inside, hence atomic; this only adapts it to a promise. */
  #do<T>(fn: () => T): Promise<T> {
    try {
      if (this.#closed) throw new MailboxError('store_closed', 'the store is closed');
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Returns the space record, if known. */
  getSpace(routingId: RoutingId): Promise<SpaceRecord | undefined> {
    return this.#do(() => this.#spaces.get(routingId)?.record);
  }

  /** Pins a new routing id to its key (first use wins). */
  registerSpace(record: SpaceRecord, maxSpaces: number): Promise<RegisterOutcome> {
    return this.#do((): RegisterOutcome => {
      const existing = this.#spaces.get(record.routingId);
      if (existing !== undefined) return { status: 'exists', record: existing.record };
      if (this.#spaces.size >= maxSpaces) return { status: 'full' };
      const copy = { ...record, authPublicKey: record.authPublicKey.slice() };
      const space = {
        record: copy,
        incarnation: newIncarnation(),
        index: new SpaceIndex(),
        blobs: new Map(),
      };
      this.#spaces.set(record.routingId, space);
      return { status: 'registered', record: copy };
    });
  }

  /** Storage use of a space. */
  usage(routingId: RoutingId): Promise<SpaceUsage> {
    return this.#do(() => {
      const index = this.#spaces.get(routingId)?.index;
      return { bytes: index?.bytes ?? 0, bundles: index?.count ?? 0 };
    });
  }

  /** Stores a copy of the bundle unless its id exists or it would break the quota. */
  put(
    routingId: RoutingId,
    bundle: NewBundle,
    now: number,
    limits: PutLimits,
  ): Promise<PutOutcome> {
    return this.#do((): PutOutcome => {
      const space = this.#spaces.get(routingId);
      if (space === undefined) return { status: 'no_space' };
      const { index } = space;
      const existing = index.get(bundle.bundleId);
      if (existing !== undefined)
        return { status: 'duplicate', cursor: formatCursor(space.incarnation, existing.seq) };
      if (
        index.bytes + bundle.bytes.length > limits.quotaBytes ||
        index.count + 1 > limits.quotaBundles
      ) {
        return { status: 'over_quota' };
      }
      const seq = index.nextSeq;
      index.add({
        seq,
        bundleId: bundle.bundleId,
        deviceTag: bundle.deviceTag,
        size: bundle.bytes.length,
        storedAt: now,
      });
      space.blobs.set(seq, bundle.bytes.slice());
      return { status: 'stored', cursor: formatCursor(space.incarnation, seq) };
    });
  }

  /** A page of bundles after a cursor. */
  pull(routingId: RoutingId, request: PullRequest): Promise<PullPage> {
    return this.#do((): PullPage => {
      const space = this.#spaces.get(routingId);
      if (space === undefined) return { bundles: [], cursor: START_CURSOR, more: false };
      const after = cursorSeq(request.after, space.incarnation);
      const page = space.index.page(after, request.limit, request.maxBytes, request.excludeDevice);
      const bundles = page.entries.map((e) => ({
        cursor: formatCursor(space.incarnation, e.seq),
        deviceTag: e.deviceTag,
        bundleId: e.bundleId,
        storedAt: e.storedAt,
        bytes: space.blobs.get(e.seq)!,
      }));
      return { bundles, cursor: formatCursor(space.incarnation, page.lastSeq), more: page.more };
    });
  }

  /** Deletes bundles by id. */
  delete(routingId: RoutingId, bundleIds: readonly BundleId[]): Promise<number> {
    return this.#do(() => this.#delete(routingId, bundleIds));
  }

  #delete(routingId: RoutingId, bundleIds: readonly BundleId[]): number {
    const space = this.#spaces.get(routingId);
    if (space === undefined) return 0;
    const removed = space.index.remove(bundleIds);
    for (const entry of removed) space.blobs.delete(entry.seq);
    return removed.length;
  }

  /** Forgets a space and its bundles. */
  deleteSpace(routingId: RoutingId): Promise<boolean> {
    return this.#do(() => this.#spaces.delete(routingId));
  }

  /** Deletes bundles stored before `cutoff`. */
  expire(cutoff: number): Promise<number> {
    return this.#do(() => {
      let count = 0;
      for (const [id, space] of this.#spaces)
        count += this.#delete(id, space.index.storedBefore(cutoff));
      return count;
    });
  }

  /** Number of spaces. */
  spaceCount(): Promise<number> {
    return this.#do(() => this.#spaces.size);
  }

  /** Drops everything. */
  close(): Promise<void> {
    this.#closed = true;
    this.#spaces.clear();
    return Promise.resolve();
  }
}
