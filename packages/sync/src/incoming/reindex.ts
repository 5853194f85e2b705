import type { LibraryDoc, SessionDoc } from '@trail/model';
import { indexSession, inTransaction, toPlain, urlOf, type StoreFiles } from '@trail/store';

const INDEX_BATCH = 250;
import type { SyncState } from '../state/sync-state.js';
import { parallel } from '../parallel.js';
import { loadChunks, readChunks } from '../storage-chunks.js';

/**
 * Resolves project names: from the index when another session of the project is there (the
 * usual case, and free), else from the library document, loaded at most once (it grows with
 * the number of sessions, so an incremental sync should not pay for it).
 */
function projectNames(store: StoreFiles, libId: string): (project: string) => Promise<string> {
  let projects: LibraryDoc['projects'] | undefined;
  const known = store.db.prepare(
    'SELECT project_name AS name FROM sessions WHERE project = ? LIMIT 1',
  );
  return async (project) => {
    const row = known.get(project) as { name: string } | undefined;
    if (row !== undefined) return row.name;
    if (projects === undefined) {
      const library = loadChunks<LibraryDoc>(await readChunks(store.storage, libId));
      projects = library === undefined ? {} : toPlain<LibraryDoc>(library).projects;
    }
    return projects[project]?.name ?? project.split('/').pop() ?? project;
  };
}

/**
 * Refreshes the query-index rows of every session document that received changes, reading
 * each document from storage once. The queue is persisted, so a crash between applying and
 * indexing is repaired by the next sync. Returns the number of sessions indexed.
 */
export async function reindexPending(
  store: StoreFiles,
  state: SyncState,
  libId: string,
): Promise<number> {
  const pending = state.pendingIndex();
  if (pending.length === 0) return 0;
  const projectName = projectNames(store, libId);
  const text = (ref: { hash: string }) => {
    try {
      return store.blobs.getText(ref.hash as never);
    } catch {
      return undefined;
    }
  };
  let indexed = 0;
  // Sessions are read first, then written to the index in one transaction per batch: a commit
  // per session is what made indexing, not applying, the slow part of a first sync.
  for (let at = 0; at < pending.length; at += INDEX_BATCH) {
    const batch = pending.slice(at, at + INDEX_BATCH);
    const read: ({ doc: SessionDoc; url: string } | undefined)[] = [];
    await parallel(batch, 16, async (docId, k) => {
      if (docId === libId) return;
      const loaded = loadChunks<SessionDoc>(await readChunks(store.storage, docId));
      const doc = loaded === undefined ? undefined : toPlain<SessionDoc>(loaded);
      if (doc?.kind === 'trail/session') read[k] = { doc, url: urlOf(docId as never) };
    });
    const docs = read.filter((d) => d !== undefined);
    const names = new Map<string, string>();
    for (const { doc } of docs)
      if (!names.has(doc.project)) names.set(doc.project, await projectName(doc.project));
    inTransaction(store.db, () => {
      for (const { doc, url } of docs) {
        indexSession(
          store.db,
          { doc, url, projectName: names.get(doc.project) ?? doc.project },
          text,
        );
      }
    });
    indexed += docs.length;
    state.db.tx(() => state.clearPendingIndex(batch));
  }
  return indexed;
}
