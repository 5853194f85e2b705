import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { resolveHome, storePaths, type StorePaths } from '@trail/store/home';
import { openIndex } from '@trail/store/query';
import { FsBlobStore } from '@trail/store/blobs';
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
 * was just recorded shows) and building the index if it was deleted.
 */
export async function readIndex(
  opts: GlobalOptions,
): Promise<{ db: DatabaseSync; paths: StorePaths; text: (r: BlobRef) => string | undefined }> {
  const paths = homeOf(opts);
  if (hasPendingSpool(paths) || (existsSync(paths.meta) && !existsSync(paths.index))) {
    const { withStore } = await import('./store-session.js');
    await withStore(opts, async (store) => {
      const { ingestSpools } = await import('@trail/capture');
      if (store.indexFresh) await store.reindex();
      await ingestSpools(store);
    });
  }
  const { db } = openIndex(paths.index);
  const blobs = new FsBlobStore(
    paths.blobs,
    () => {
      throw new Error('read-only blob store');
    },
    undefined,
    { readOnly: true },
  );
  const text = (r: BlobRef) => {
    try {
      return blobs.getText(r.hash);
    } catch {
      return undefined;
    }
  };
  return { db, paths, text };
}
