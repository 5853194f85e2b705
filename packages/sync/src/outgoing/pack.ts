import type { Entry } from '../bundle/body.js';
import { entrySize } from '../bundle/codec.js';
import type { Outgoing } from './collect.js';

/** A bundle about to be sealed: its entries, and what to record once the relay has it. */
export interface PlannedBundle {
  readonly entries: Entry[];
  readonly completions: (() => void)[];
  readonly docs: Set<string>;
  readonly blobs: Set<string>;
  size: number;
}

function empty(): PlannedBundle {
  return { entries: [], completions: [], docs: new Set(), blobs: new Set(), size: 0 };
}

/**
 * Packs the entries of dirty items into bundles of at most `budget` body bytes, in order. An
 * item's completion rides with the bundle holding its last entry, so it is recorded only once
 * the relay has stored every part of it (bundles are uploaded in order).
 */
export class Packer {
  #current = empty();

  constructor(private readonly budget: number) {}

  /** Adds an item; returns the bundles that are now full. */
  add(item: Outgoing): PlannedBundle[] {
    const full: PlannedBundle[] = [];
    for (const entry of item.entries) {
      const size = entrySize(entry);
      if (this.#current.entries.length > 0 && this.#current.size + size > this.budget) {
        full.push(this.#current);
        this.#current = empty();
      }
      this.#current.entries.push(entry);
      this.#current.size += size;
      if (entry.kind === 'doc') this.#current.docs.add(entry.docId);
      if (entry.kind === 'blob') this.#current.blobs.add(entry.hash);
    }
    this.#current.completions.push(item.complete);
    return full;
  }

  /** The last, partly filled bundle (undefined when nothing is pending). */
  flush(): PlannedBundle | undefined {
    const last = this.#current;
    this.#current = empty();
    return last.entries.length > 0 || last.completions.length > 0 ? last : undefined;
  }
}
