import type { DatabaseSync } from 'node:sqlite';
import type { StorePaths } from '@trail/store/home';
import type { BlobRef } from '@trail/model';
import { hasPendingSpool, readIndex } from '../context.js';
import type { GlobalOptions } from '../output.js';

/** How often, at most, the server looks for hook events recorded since it last read. */
const FRESH_MS = 1500;

/**
 * What the server reads: the query index (kept open; SQLite's WAL lets hooks and `trail`
 * commands write meanwhile) and the blobs. Before answering, pending hook events are folded
 * in, as every read command does, so a session being recorded shows up live.
 */
export class UiData {
  private checked = 0;
  private folding: Promise<void> | undefined;

  private constructor(
    readonly opts: GlobalOptions,
    public db: DatabaseSync,
    readonly paths: StorePaths,
    readonly text: (r: BlobRef) => string | undefined,
  ) {}

  /** Opens the index, first folding pending hook events in. */
  static async open(opts: GlobalOptions): Promise<UiData> {
    const { db, paths, text } = await readIndex(opts);
    const data = new UiData(opts, db, paths, text);
    data.checked = Date.now();
    return data;
  }

  /** Folds hook events recorded since the last look (at most every {@link FRESH_MS}). */
  async fresh(): Promise<void> {
    if (this.folding) return this.folding;
    if (Date.now() - this.checked < FRESH_MS) return;
    this.checked = Date.now();
    if (!hasPendingSpool(this.paths)) return;
    this.folding = (async () => {
      try {
        const next = await readIndex(this.opts);
        const old = this.db;
        this.db = next.db;
        old.close();
      } finally {
        this.folding = undefined;
      }
    })();
    return this.folding;
  }

  close(): void {
    this.db.close();
  }
}
