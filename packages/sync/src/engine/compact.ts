import * as A from '@automerge/automerge';
import { docEntries } from '../outgoing/collect.js';
import { Packer } from '../outgoing/pack.js';
import { loadChunks, readChunks } from '../storage-chunks.js';
import type { RelayLink } from '../transport/relay-link.js';
import type { Device } from './device.js';
import { Uploader } from '../outgoing/uploader.js';
import type { PlannedBundle } from '../outgoing/pack.js';
import { bodyBudget, type PushStats } from './push.js';

/** Own document bundles in an epoch's mailbox before compaction rewrites them. */
export const COMPACT_THRESHOLD = 64;

/**
 * Compacts this device's outbox in the current epoch: once it holds `threshold` document
 * bundles or more, every document they touched is uploaded again as one sealed snapshot
 * (`Automerge.save` of this device's copy, which contains everything those bundles carried),
 * and only after the relay has stored all snapshots are the superseded bundles deleted. A crash
 * in between leaves both, which is harmless: applying is idempotent. Blob bundles are left
 * alone (a blob is stored once already). Returns the number of bundles deleted.
 */
export async function compactOutbox(
  device: Device,
  link: RelayLink,
  relay: string,
  stats: PushStats,
  threshold = COMPACT_THRESHOLD,
): Promise<number> {
  const epoch = link.keys.epoch;
  const own = device.state.outbox.list(relay, epoch, 'docs');
  if (own.length < threshold) return 0;
  const docs = new Set(own.flatMap((b) => b.docs));
  const budget = bodyBudget(link, device);
  const packer = new Packer(budget);
  const before = new Set(own.map((b) => b.bundle));
  const sent: string[] = [];
  const uploader = new Uploader(device, link, relay, stats);
  const track = async (planned: PlannedBundle) => {
    sent.push(await uploader.send('docs', planned));
  };
  for (const docId of docs) {
    const doc = loadChunks(await readChunks(device.store.storage, docId));
    if (doc === undefined) continue;
    const heads = A.getHeads(doc);
    const entries = docEntries(docId, A.save(doc), heads, budget - 512);
    const complete = () => device.state.addKnownHeads(relay, docId, heads, true);
    for (const planned of packer.add({ kind: 'd', id: docId, entries, complete }))
      await track(planned);
  }
  const last = packer.flush();
  if (last !== undefined) await track(last);
  await uploader.finish();
  const kept = new Set(sent);
  const superseded = [...before].filter((b) => !kept.has(b));
  for (let i = 0; i < superseded.length; i += 1000) {
    const batch = superseded.slice(i, i + 1000);
    await link.delete(batch);
    device.state.db.tx(() => device.state.outbox.drop(relay, epoch, batch));
  }
  return superseded.length;
}
