import { createHash } from 'node:crypto';
import * as A from '@automerge/automerge';
import type { LibraryDoc } from '@trail/model';
import {
  genesis,
  immutableDeep,
  libraryDocId,
  libraryGenesis,
  libraryGeneration,
  persist,
  toPlain,
  urlOf,
  writeMeta,
  type Store,
} from '@trail/store';
import { historyHolds } from './history.js';
import { cleanContent } from './clean.js';
import type { Matcher } from './matcher.js';

/** What purging the library document did. */
export interface LibraryPurge {
  readonly oldDocumentId: string;
  readonly newDocumentId: string;
  /** The library generation in use afterwards. */
  readonly generation: number;
}

/** The library rebuilt as `generation`: its shared genesis and one change holding `content`. */
export function rebuildLibraryDoc(content: LibraryDoc, generation: number): A.Doc<LibraryDoc> {
  const actor = createHash('sha256')
    .update(`trail-purge-library\u0000${generation}\u0000${JSON.stringify(content)}`)
    .digest('hex')
    .slice(0, 32);
  const base = A.load<LibraryDoc>(genesis({ ...libraryGenesis(), generation }), { actor });
  return A.change(base, { message: 'purge', time: 0 }, (d) => {
    for (const [id, p] of Object.entries(content.projects ?? {})) {
      d.projects[id] = immutableDeep(p) as LibraryDoc['projects'][string];
    }
    for (const [shard, entries] of Object.entries(content.shards ?? {})) {
      const target = (d.shards[shard] ??= {});
      for (const [id, e] of Object.entries(entries)) {
        target[id] = immutableDeep(e) as LibraryDoc['shards'][string][string];
      }
    }
  });
}

/**
 * Rebuilds the library document as the next generation when its history holds what `matcher`
 * matches (a session title, a project name or path), records the generation in `store.json`
 * and deletes the chunks of every older generation. Call last: the store's live handle on the
 * old library is flushed first and must not change afterwards (close the store next).
 */
export async function purgeLibrary(
  store: Store,
  matcher: Matcher,
  dryRun: boolean,
): Promise<LibraryPurge | undefined> {
  const generation = libraryGeneration(store.paths);
  const oldId = libraryDocId(store.keys, generation);
  // an interrupted purge may have left an older generation behind
  const older: string[] = [];
  for (let g = 0; g < generation; g++) {
    const id = libraryDocId(store.keys, g);
    if ((await store.storage.loadRange([id])).length > 0) older.push(id);
  }
  const holds = historyHolds(store.library.doc(), matcher);
  if (!dryRun) for (const id of older) await store.storage.removeRange([id]);
  if (!holds) return undefined;
  const next = generation + 1;
  const newId = libraryDocId(store.keys, next);
  if (dryRun) return { oldDocumentId: oldId, newDocumentId: newId, generation: next };
  await store.repo.flush();
  const content = cleanContent(toPlain<LibraryDoc>(store.library.doc()), matcher) as LibraryDoc;
  const doc = rebuildLibraryDoc(content, next);
  await persist(store.storage, newId, doc, [], []);
  writeMeta(store.paths, urlOf(newId), next);
  await store.storage.removeRange([oldId]);
  return { oldDocumentId: oldId, newDocumentId: newId, generation: next };
}
