import { libraryDocId, urlOf, writeMeta, type StoreFiles } from '@trail/store';

/** The library document a device uses now; replaced when another device's purge moves it on. */
export interface LibraryInUse {
  id: string;
  generation: number;
}

/** How far ahead of this store a received library generation may be and still be adopted. */
const LOOKAHEAD = 16;

/**
 * A purge that finds its secret in the library's history rebuilds the library as the next
 * generation, under a new document id, and records the generation in `store.json`. When a
 * device receives the document of a later generation than the one it uses, it switches to it
 * the same way, so the old generation can then be deleted like any purged document.
 */
export function adoptLibraryGeneration(
  store: StoreFiles,
  library: LibraryInUse,
  docId: string,
): boolean {
  for (let g = library.generation + 1; g <= library.generation + LOOKAHEAD; g++) {
    if (libraryDocId(store.keys, g) !== docId) continue;
    writeMeta(store.paths, urlOf(docId as never), g);
    library.id = docId;
    library.generation = g;
    return true;
  }
  return false;
}
