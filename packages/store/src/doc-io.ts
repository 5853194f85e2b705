import { createHash } from 'node:crypto';
import type { DocumentId, StorageKey } from '@automerge/automerge-repo';
import { A } from './automerge.js';
import type { AtomicFsStorageAdapter } from './fs-storage.js';

/** A document loaded straight from storage, with the chunk keys it came from. */
export interface LoadedDoc<T> {
  doc: A.Doc<T>;
  keys: StorageKey[];
}

/** Chunks beyond which a write also compacts the document into one snapshot. */
const COMPACT_AFTER = 16;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Loads a document from its stored chunks (snapshots and incrementals, as automerge-repo
 * writes them), or undefined when storage has none.
 */
export async function loadStored<T>(
  storage: AtomicFsStorageAdapter,
  id: DocumentId,
): Promise<LoadedDoc<T> | undefined> {
  const chunks = [
    ...(await storage.loadRange([id, 'snapshot'])),
    ...(await storage.loadRange([id, 'incremental'])),
  ];
  if (chunks.length === 0) return undefined;
  let doc = A.init<T>();
  for (const c of chunks) if (c.data) doc = A.loadIncremental(doc, c.data);
  return { doc, keys: chunks.map((c) => c.key) };
}

/**
 * Persists what changed in `doc` since `since` as one incremental chunk named by its hash
 * (written atomically), compacting into a snapshot once a document has many chunks. This is
 * how trail writes session documents: straight into automerge-repo's storage layout, with no
 * live handle per document (one handle per document costs ~16× more in bulk and, when
 * evicted, can race its own throttled save).
 */
export async function persist<T>(
  storage: AtomicFsStorageAdapter,
  id: DocumentId,
  doc: A.Doc<T>,
  since: A.Heads,
  keys: StorageKey[],
): Promise<StorageKey[]> {
  return persistBackend(storage, id, A.getBackend(doc), since, keys);
}

/** {@link persist} for a document's WebAssembly handle (what `A.getBackend` returns). */
export async function persistBackend(
  storage: AtomicFsStorageAdapter,
  id: DocumentId,
  h: Pick<ReturnType<typeof A.getBackend>, 'getHeads' | 'save' | 'saveSince'>,
  since: A.Heads,
  keys: StorageKey[],
): Promise<StorageKey[]> {
  const heads = h.getHeads();
  if (heads.join() === since.join()) return keys;
  // a new document, or one with many chunks, is written as one snapshot: Automerge's
  // document format is ~2.7x smaller than the same changes as an incremental chunk
  if (keys.length === 0 || keys.length + 1 > COMPACT_AFTER) {
    const snap = h.save();
    const key: StorageKey = [
      id,
      'snapshot',
      sha(new TextEncoder().encode([...heads].sort().join(','))),
    ];
    await storage.save(key, snap);
    for (const k of keys) if (k.join('/') !== key.join('/')) await storage.remove(k);
    return [key];
  }
  const bytes = h.saveSince(since);
  const key: StorageKey = [id, 'incremental', sha(bytes)];
  await storage.save(key, bytes);
  return [...keys, key];
}
