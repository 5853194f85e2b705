import { encodeBody } from '../bundle/codec.js';
import { SEAL_OVERHEAD } from '../bundle/seal.js';
import { collectBlob, collectDocument } from '../outgoing/collect.js';
import { Packer } from '../outgoing/pack.js';
import { Uploader, type PushStats } from '../outgoing/uploader.js';
import type { RelayLink } from '../transport/relay-link.js';
import type { Device } from './device.js';

export type { PushStats };

/** A fresh set of counters. */
export function emptyPushStats(): PushStats {
  return { bundles: 0, bytes: 0, documents: 0, blobs: 0, deleted: 0 };
}

/** Largest bundle body for a link, leaving room for sealing and the frame. */
export function bodyBudget(link: RelayLink, device: Device): number {
  const maxPayload = Math.min(link.limits?.maxPayloadBytes ?? 1 << 20, 4 << 20);
  const header = encodeBody({
    bundleId: 'x'.repeat(32),
    epoch: link.keys.epoch,
    sender: device.identity.deviceId,
    createdAt: Date.now(),
    certs: activeCerts(device),
    entries: [],
  }).length;
  return maxPayload - SEAL_OVERHEAD - header - 256;
}

function activeCerts(device: Device) {
  return device.roster
    .members()
    .filter((m) => m.removedEpoch === undefined)
    .map((m) => m.cert);
}

/** Most ids one forget entry names. */
const FORGET_BATCH = 4096;

/** Uploads the deletions this device made (`trail purge`), after everything else. */
async function pushForgets(device: Device, uploader: Uploader, relay: string): Promise<void> {
  const { state } = device;
  const gone = [
    ...state.dirty(relay, 'D').map((id) => ['D', id] as const),
    ...state.dirty(relay, 'B').map((id) => ['B', id] as const),
  ];
  for (let at = 0; at < gone.length; at += FORGET_BATCH) {
    const batch = gone.slice(at, at + FORGET_BATCH);
    const docs = batch.filter(([k]) => k === 'D').map(([, id]) => id);
    const blobs = batch.filter(([k]) => k === 'B').map(([, id]) => id);
    const complete = () => batch.forEach(([k, id]) => state.clearDirty(relay, k, id));
    const entry = { kind: 'forget' as const, docs, blobs };
    await uploader.send('forget', {
      entries: [entry],
      completions: [complete],
      docs: new Set(),
      blobs: new Set(),
      size: 0,
    });
  }
}

/**
 * Uploads everything queued for a relay into the current epoch's mailbox: documents first
 * (their unseen chunks or a delta), then blobs, each kind packed into its own bundles so
 * compaction can rewrite document bundles alone, then deletions this device made (so the
 * content that replaces purged content arrives first). Bundles of this device that carry
 * purged content are marked first, so what else they carried goes up again in this push; a
 * device that has not yet written in this epoch sends a small hello bundle, so the device that
 * rotated the key sees it has moved.
 */
export async function pushAll(
  device: Device,
  link: RelayLink,
  relay: string,
  stats: PushStats,
): Promise<void> {
  const budget = bodyBudget(link, device);
  const partSize = budget - 512;
  const { state } = device;
  const uploader = new Uploader(device, link, relay, stats);
  const [goneDocs, goneBlobs] = [
    new Set(state.dirty(relay, 'D')),
    new Set(state.dirty(relay, 'B')),
  ];
  if (goneDocs.size + goneBlobs.size > 0)
    state.db.tx(() => state.outbox.doom(state, relay, goneDocs, goneBlobs));
  for (const kind of ['d', 'b'] as const) {
    const packer = new Packer(budget);
    const label = kind === 'd' ? 'docs' : 'blobs';
    for (const id of state.dirty(relay, kind)) {
      const item =
        kind === 'd'
          ? await collectDocument(device.store, state, relay, id, partSize)
          : collectBlob(device.store, state, relay, id, partSize);
      if (item === undefined) continue;
      if (item.entries.length === 0) {
        state.db.tx(item.complete);
        continue;
      }
      if (kind === 'd') stats.documents++;
      else stats.blobs++;
      for (const planned of packer.add(item)) await uploader.send(label, planned);
    }
    const last = packer.flush();
    if (last !== undefined) await uploader.send(label, last);
  }
  await pushForgets(device, uploader, relay);
  await uploader.finish();
  if (!device.roster.seenIn(link.keys.epoch).has(device.identity.deviceId)) {
    await uploader.send('hello', {
      entries: [],
      completions: [],
      docs: new Set(),
      blobs: new Set(),
      size: 0,
    });
    await uploader.finish();
  }
}
