import type { BundleId, DeviceTag } from '@trail/protocol';

/** Metadata of one stored bundle. */
export interface IndexEntry {
  readonly seq: number;
  readonly bundleId: BundleId;
  readonly deviceTag: DeviceTag;
  readonly size: number;
  readonly storedAt: number;
}

/** Entries chosen for one pull page. */
export interface IndexPage {
  readonly entries: readonly IndexEntry[];
  /** Highest sequence number examined (including skipped entries), or `afterSeq`. */
  readonly lastSeq: number;
  readonly more: boolean;
}

/**
 * The in-memory index of one space's mailbox, shared by the memory and filesystem stores:
 * entries in sequence order, lookup by bundle id, running totals for quotas.
 */
export class SpaceIndex {
  readonly #byId = new Map<BundleId, IndexEntry>();
  #ordered: IndexEntry[] = [];
  #bytes = 0;
  #nextSeq: number;

  constructor(nextSeq = 1) {
    this.#nextSeq = nextSeq;
  }

  /** Total payload bytes. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Number of bundles. */
  get count(): number {
    return this.#ordered.length;
  }

  /** The sequence number the next bundle gets. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** The entry for a bundle id. */
  get(bundleId: BundleId): IndexEntry | undefined {
    return this.#byId.get(bundleId);
  }

  /** All entries in sequence order. */
  entries(): readonly IndexEntry[] {
    return this.#ordered;
  }

  /** Adds an entry; its sequence number must be above every earlier one. */
  add(entry: IndexEntry): void {
    if (entry.seq < this.#nextSeq) throw new Error(`sequence ${entry.seq} is not increasing`);
    if (this.#byId.has(entry.bundleId)) throw new Error('duplicate bundle id in index');
    this.#ordered.push(entry);
    this.#byId.set(entry.bundleId, entry);
    this.#bytes += entry.size;
    this.#nextSeq = entry.seq + 1;
  }

  /** Removes entries by bundle id; returns those that existed. */
  remove(bundleIds: readonly BundleId[]): IndexEntry[] {
    const removed: IndexEntry[] = [];
    for (const id of bundleIds) {
      const entry = this.#byId.get(id);
      if (entry === undefined) continue;
      this.#byId.delete(id);
      this.#bytes -= entry.size;
      removed.push(entry);
    }
    if (removed.length > 0)
      this.#ordered = this.#ordered.filter((e) => this.#byId.get(e.bundleId) === e);
    return removed;
  }

  /** Removes entries by sequence number (log replay); returns those that existed. */
  removeSeqs(seqs: readonly number[]): IndexEntry[] {
    const wanted = new Set(seqs);
    const ids = this.#ordered.filter((e) => wanted.has(e.seq)).map((e) => e.bundleId);
    return this.remove(ids);
  }

  /** Bundle ids stored before `cutoff`. */
  storedBefore(cutoff: number): BundleId[] {
    return this.#ordered.filter((e) => e.storedAt < cutoff).map((e) => e.bundleId);
  }

  /** Chooses the entries of a pull page after sequence number `afterSeq`. */
  page(afterSeq: number, limit: number, maxBytes: number, excludeDevice?: DeviceTag): IndexPage {
    let i = this.#firstAfter(afterSeq);
    const entries: IndexEntry[] = [];
    let lastSeq = afterSeq;
    let bytes = 0;
    for (; i < this.#ordered.length; i++) {
      const entry = this.#ordered[i]!;
      if (entries.length >= limit) break;
      if (entry.deviceTag === excludeDevice) {
        lastSeq = entry.seq;
        continue;
      }
      if (entries.length > 0 && bytes + entry.size > maxBytes) break;
      entries.push(entry);
      bytes += entry.size;
      lastSeq = entry.seq;
    }
    return { entries, lastSeq, more: i < this.#ordered.length };
  }

  #firstAfter(seq: number): number {
    let lo = 0;
    let hi = this.#ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#ordered[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
