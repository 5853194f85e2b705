import { mkdirSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { ready } from '@trail/crypto';
import { urlOf } from './automerge.js';
import { FsBlobStore } from './fs-blobs.js';
import { AtomicFsStorageAdapter } from './fs-storage.js';
import { resolveHome, storePaths, type StorePaths } from './home.js';
import { openJournal } from './journal.js';
import { blobHasher, loadOrCreateKeys, type StoreKeys } from './keys.js';
import { acquireWriteLock } from './lock.js';
import { openIndex } from './query/db.js';
import { checkFormat, writeMeta } from './store.js';
import { libraryDocId, libraryGeneration } from './generation.js';

/**
 * A store's files opened for writing (its write lock held) without automerge-repo: for tools
 * that move whole chunks, such as sync, which must not pay for loading the library document
 * (about a second at 10,000 sessions) to apply one bundle. Same layout, same journal.
 */
export interface StoreFiles {
  readonly paths: StorePaths;
  readonly keys: StoreKeys;
  readonly blobs: FsBlobStore;
  readonly storage: AtomicFsStorageAdapter;
  readonly db: DatabaseSync;
  /** The library document's id. */
  readonly libraryId: string;
  /** The query index was (re)created empty and must be rebuilt. */
  readonly indexFresh: boolean;
  /** Closes the blob pack and the index, and releases the lock. */
  close(): Promise<void>;
}

/** Opens a store's files (creating the store on first use), taking its write lock. */
export async function openStoreFiles(
  opts: { home?: string; lockTimeoutMs?: number } = {},
): Promise<StoreFiles> {
  const paths = storePaths(opts.home ?? resolveHome());
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  const lock = await acquireWriteLock(paths.lock, opts.lockTimeoutMs);
  try {
    for (const d of [paths.automerge, paths.blobs, paths.spool, paths.logs, paths.keys])
      mkdirSync(d, { recursive: true, mode: 0o700 });
    checkFormat(paths);
    await ready();
    const keys = await loadOrCreateKeys(paths.keys);
    const journal = openJournal(paths.journal);
    const generation = libraryGeneration(paths);
    const libraryId = libraryDocId(keys, generation);
    const { db, fresh } = openIndex(paths.index);
    const blobs = new FsBlobStore(paths.blobs, blobHasher(keys), journal);
    writeMeta(paths, urlOf(libraryId), generation);
    return {
      paths,
      keys,
      blobs,
      storage: new AtomicFsStorageAdapter(paths.automerge, journal),
      db,
      libraryId,
      indexFresh: fresh,
      close: () => {
        try {
          blobs.close();
          db.close();
        } finally {
          lock.release();
        }
        return Promise.resolve();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
