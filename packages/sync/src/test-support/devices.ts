import * as A from '@automerge/automerge';
import { Store, toPlain } from '@trail/store';
import type { LibraryDoc } from '@trail/model';
import { closeDevice, openDevice } from '../engine/device.js';
import { syncOnce, type SyncOptions, type SyncReport } from '../engine/sync-once.js';
import { awaitJoiner, createInvite } from '../pairing/invite.js';
import { inviterState, recordInvited } from '../pairing/inviter.js';
import { joinSpace } from '../pairing/join.js';
import { loadChunks, readChunks } from '../storage-chunks.js';

/** Pairs `joiner` into `inviter`'s space through the relay at `url`, in process. */
export async function pair(
  url: string,
  inviter: string,
  joiner: string,
  name = 'second',
): Promise<{ fingerprint: string; joinedPrint: string }> {
  const state = await inviterState(inviter, url);
  const pending = createInvite(state);
  const [invited, joined] = await Promise.all([
    awaitJoiner(state, pending, { confirm: () => Promise.resolve(true) }),
    joinSpace(joiner, pending.code, { name }),
  ]);
  recordInvited(inviter, invited.cert);
  return { fingerprint: invited.fingerprint, joinedPrint: joined.fingerprint };
}

/** Opens a device, syncs once, closes it. */
export async function syncHome(
  home: string,
  url: string,
  options: Partial<SyncOptions> = {},
): Promise<SyncReport> {
  const device = await openDevice(home, { create: true });
  try {
    return await syncOnce(device, { url, timeoutMs: 30_000, ...options });
  } finally {
    await closeDevice(device);
  }
}

/** Every document (library and sessions) of a store, as plain JSON with its heads, and every blob. */
export async function snapshotStore(home: string): Promise<{
  docs: Record<string, { heads: string[]; value: unknown }>;
  blobs: Record<string, string>;
}> {
  const store = await Store.open({ home });
  try {
    const docs: Record<string, { heads: string[]; value: unknown }> = {};
    const libId: string = store.library.documentId;
    const lib = loadChunks<LibraryDoc>(await readChunks(store.storage, libId))!;
    const ids = [libId];
    for (const shard of Object.values(lib.shards))
      for (const e of Object.values(shard)) ids.push(String(e.url).replace('automerge:', ''));
    for (const id of ids) {
      const doc = loadChunks(await readChunks(store.storage, id));
      if (doc === undefined) continue;
      docs[id] = { heads: [...A.getHeads(doc)].sort(), value: toPlain(doc) };
    }
    const blobs: Record<string, string> = {};
    for (const hash of store.blobs.list().sort())
      blobs[hash] = Buffer.from(store.blobs.get(hash)).toString('base64');
    return { docs, blobs };
  } finally {
    await store.close();
  }
}
