import { asBlobHash } from '@trail/model';
import { removeSession, urlOf } from '@trail/store';
import type { ForgetEntry } from '../bundle/body.js';
import type { ApplyTarget } from './apply.js';

/**
 * Carries out a purge another device made (its bundle already vetted): deletes the documents
 * and blobs it names, and their rows in the query index, and marks this device's own bundles
 * on the relay that still carry them for deletion (what else they carried is queued to go up
 * again first). The library document in use is never deleted this way (an older generation
 * is, once a later one has been adopted). The store's journal records
 * the deletions, so they reach the relays this device also syncs with.
 */
export async function applyForget(t: ApplyTarget, entry: ForgetEntry): Promise<void> {
  const { store, state, relay } = t;
  const docs = entry.docs.filter((d) => d !== t.library.id);
  const sessionOf = store.db.prepare('SELECT id FROM sessions WHERE url = ?');
  for (const docId of docs) {
    await store.storage.removeRange([docId]);
    for (const row of sessionOf.all(urlOf(docId as never)) as { id: string }[])
      removeSession(store.db, row.id);
  }
  for (const hash of entry.blobs) store.blobs.delete(asBlobHash(hash));
  state.db.tx(() => {
    for (const d of docs) state.forgetKnown(relay, 'd', d);
    for (const b of entry.blobs) state.forgetKnown(relay, 'b', b);
    state.outbox.doom(state, relay, new Set(docs), new Set(entry.blobs));
  });
}
