import * as A from '@automerge/automerge';
import type { AtomicFsStorageAdapter } from '@trail/store';

/** One stored chunk of a document: its name (`incremental/<hash>` or `snapshot/<hash>`) and bytes. */
export interface StoredChunk {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A document's chunks as automerge-repo stored them, snapshots first. */
export async function readChunks(
  storage: AtomicFsStorageAdapter,
  docId: string,
): Promise<StoredChunk[]> {
  const out: StoredChunk[] = [];
  for (const kind of ['snapshot', 'incremental'] as const) {
    for (const chunk of await storage.loadRange([docId, kind])) {
      const name = chunk.key[2];
      if (chunk.data !== undefined && name !== undefined && chunk.key.length === 3)
        out.push({ name: `${kind}/${name}`, data: chunk.data });
    }
  }
  return out;
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Loads a document from its chunks (undefined when it has none). `Automerge.load` takes the
 * chunks in any order, keeps changes whose dependencies are missing until they arrive, and,
 * unlike `loadIncremental`, computes no patches: measured 2.5 times faster here.
 */
export function loadChunks<T>(chunks: readonly StoredChunk[]): A.Doc<T> | undefined {
  if (chunks.length === 0) return undefined;
  return A.load<T>(concat(chunks.map((c) => c.data)));
}
