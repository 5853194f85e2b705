import { readFileSync } from 'node:fs';
import type { DocumentId } from '@automerge/automerge-repo';
import type { LibraryEntry } from '@trail/model';
import { documentIdFrom } from './automerge.js';
import type { StorePaths } from './home.js';
import { docIdBytes, type StoreKeys } from './keys.js';

/**
 * The generation of a session's document: 0 until `trail purge` rebuilds it without its
 * history, then the highest key of its library entry's `generations` map (a map, so that two
 * devices that purge concurrently merge to the same answer).
 */
export function sessionGeneration(entry: Pick<LibraryEntry, 'generations'> | undefined): number {
  let g = 0;
  for (const k of Object.keys(entry?.generations ?? {})) {
    const n = Number(k);
    if (Number.isSafeInteger(n) && n > g) g = n;
  }
  return g;
}

/**
 * The document id of generation `generation` of a session: keyed by the space key, so every
 * device derives the same id, and a rebuilt document never shares an id (and therefore a
 * history) with the one it replaces. Generation 0 keeps the original derivation.
 */
export function sessionDocId(keys: StoreKeys, sessionId: string, generation = 0): DocumentId {
  const material = generation === 0 ? sessionId : `${sessionId}\u0000generation\u0000${generation}`;
  return documentIdFrom(docIdBytes(keys, 'session', material));
}

/**
 * The library document's id in `generation` (0: the original one). A purge whose secret is in
 * the library's history (a session title, a project path) rebuilds the library as the next
 * generation; `store.json` records which one this store uses.
 */
export function libraryDocId(keys: StoreKeys, generation = 0): DocumentId {
  // remembered per key: sync asks for the next generations' ids for every document it receives
  let known = libraryIds.get(keys);
  if (!known) libraryIds.set(keys, (known = new Map<number, DocumentId>()));
  let id = known.get(generation);
  if (id === undefined) {
    const material = generation === 0 ? 'personal' : `personal\u0000generation\u0000${generation}`;
    id = documentIdFrom(docIdBytes(keys, 'library', material));
    known.set(generation, id);
  }
  return id;
}

const libraryIds = new WeakMap<StoreKeys, Map<number, DocumentId>>();

/** The library generation `store.json` records (0 when absent or unreadable). */
export function libraryGeneration(paths: Pick<StorePaths, 'meta'>): number {
  try {
    const g = (JSON.parse(readFileSync(paths.meta, 'utf8')) as { libraryGeneration?: unknown })
      .libraryGeneration;
    return typeof g === 'number' && Number.isSafeInteger(g) && g > 0 ? g : 0;
  } catch {
    return 0;
  }
}
