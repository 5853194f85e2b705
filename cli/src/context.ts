import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { resolveHome, storePaths, type StorePaths } from '@trail/store/home';
import { openIndex, openIndexForReading } from '@trail/store/query';
import type { BlobRef } from '@trail/model';
import type { GlobalOptions } from './output.js';

/** The store home a command works on. */
export function homeOf(opts: GlobalOptions): StorePaths {
  return storePaths(opts.home ?? resolveHome());
}

/** True when some spool holds hook events not yet folded into the store. */
export function hasPendingSpool(paths: StorePaths): boolean {
  if (!existsSync(paths.spool)) return false;
  for (const agent of readdirSync(paths.spool)) {
    if (agent.startsWith('_')) continue;
    const dir = join(paths.spool, agent);
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    for (const f of files) {
      if (!f.endsWith('.jsonl')) continue;
      let offset = 0;
      try {
        offset =
          (
            JSON.parse(readFileSync(join(dir, f.replace(/\.jsonl$/, '.state.json')), 'utf8')) as {
              offset?: number;
            }
          ).offset ?? 0;
      } catch {
        offset = 0;
      }
      if (statSync(join(dir, f)).size > offset) return true;
    }
  }
  return false;
}

/**
 * Opens the query index for reading, first folding in any pending hook events (so what
 * was just recorded shows) and building the index if it was deleted or is of another
 * version. The usual case opens one SQLite file read-only and nothing else; the blob store
 * is opened on the first `text` call, and not at all with `blobs: false`.
 */
export async function readIndex(
  opts: GlobalOptions,
  want: { blobs?: boolean } = {},
): Promise<{ db: DatabaseSync; paths: StorePaths; text: (r: BlobRef) => string | undefined }> {
  const paths = homeOf(opts);
  const pending = hasPendingSpool(paths);
  let db = pending ? undefined : openIndexForReading(paths.index);
  if (!db) {
    if (pending || existsSync(paths.meta)) {
      const { withStore } = await import('./store-session.js');
      await withStore(opts, async (store) => {
        const { ingestSpools } = await import('@trail/capture');
        if (store.indexFresh) await store.reindex();
        await ingestSpools(store);
      });
    }
    db = openIndexForReading(paths.index) ?? openIndex(paths.index).db;
  }
  const text = want.blobs === false ? () => undefined : await blobText(paths);
  return { db, paths, text };
}

/** Reads blobs as text (undefined when missing or unreadable); the pack opens on first use. */
async function blobText(paths: StorePaths): Promise<(r: BlobRef) => string | undefined> {
  const { FsBlobStore } = await import('@trail/store/blobs');
  let blobs: InstanceType<typeof FsBlobStore> | undefined;
  return (r) => {
    try {
      blobs ??= new FsBlobStore(
        paths.blobs,
        () => {
          throw new Error('read-only blob store');
        },
        undefined,
        { readOnly: true },
      );
      return blobs.getText(r.hash);
    } catch {
      return undefined;
    }
  };
}
