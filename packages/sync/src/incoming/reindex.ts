import type { LibraryDoc, SessionDoc } from '@trail/model';
import { documentIdFrom, docIdBytes, indexSession, toPlain, urlOf, type Store } from '@trail/store';
import type { SyncState } from '../state/sync-state.js';
import { loadChunks, readChunks } from '../storage-chunks.js';

/** The library document's id in a store. */
export function libraryDocId(store: Store): string {
  return documentIdFrom(docIdBytes(store.keys, 'library', 'personal'));
}

/**
 * Refreshes the query-index rows of every session document that received changes, reading
 * each document from storage once. The queue is persisted, so a crash between applying and
 * indexing is repaired by the next sync. Returns the number of sessions indexed.
 */
export async function reindexPending(store: Store, state: SyncState): Promise<number> {
  const pending = state.pendingIndex();
  if (pending.length === 0) return 0;
  const libId = libraryDocId(store);
  const library = loadChunks<LibraryDoc>(await readChunks(store.storage, libId));
  const projects = library === undefined ? {} : toPlain<LibraryDoc>(library).projects;
  const text = (ref: { hash: string }) => {
    try {
      return store.blobs.getText(ref.hash as never);
    } catch {
      return undefined;
    }
  };
  let indexed = 0;
  const done: string[] = [];
  for (const docId of pending) {
    done.push(docId);
    if (docId === libId) continue;
    const loaded = loadChunks<SessionDoc>(await readChunks(store.storage, docId));
    if (loaded === undefined) continue;
    const doc = toPlain<SessionDoc>(loaded);
    if (doc.kind !== 'trail/session') continue;
    const projectName = projects[doc.project]?.name ?? doc.project.split('/').pop() ?? doc.project;
    indexSession(store.db, { doc, url: urlOf(docId as never), projectName }, text);
    indexed++;
    if (done.length >= 200) state.db.tx(() => state.clearPendingIndex(done.splice(0)));
  }
  state.db.tx(() => state.clearPendingIndex(done));
  return indexed;
}
