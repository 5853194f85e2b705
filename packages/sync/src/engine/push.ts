import type { Entry } from '../bundle/body.js';
import { entryName } from '../bundle/body.js';
import { encodeBody } from '../bundle/codec.js';
import { SEAL_OVERHEAD, sealBundle } from '../bundle/seal.js';
import { bundleIdFor } from '../keys/epoch-keys.js';
import { collectBlob, collectDocument } from '../outgoing/collect.js';
import { Packer, type PlannedBundle } from '../outgoing/pack.js';
import type { RelayLink } from '../transport/relay-link.js';
import type { Device } from './device.js';

/** Counters of one push. */
export interface PushStats {
  bundles: number;
  bytes: number;
  documents: number;
  blobs: number;
}

/** A fresh set of counters. */
export function emptyPushStats(): PushStats {
  return { bundles: 0, bytes: 0, documents: 0, blobs: 0 };
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

/**
 * Seals and uploads one bundle, then records (in one transaction) what the relay now holds.
 * The id derives from the content names, so re-sending the same content after a crash reuses
 * it and the relay keeps one copy.
 */
export async function sendBundle(
  device: Device,
  link: RelayLink,
  relay: string,
  kind: string,
  planned: PlannedBundle,
  stats: PushStats,
): Promise<string> {
  const { keys } = link;
  const self = device.identity.deviceId;
  const names = planned.entries.map((e: Entry) =>
    e.kind === 'rotate' ? entryName(e) : `${entryName(e)}#${e.part}`,
  );
  const bundleId = bundleIdFor(keys, self, [kind, String(keys.epoch), ...names]);
  const bytes = sealBundle(keys, device.identity, {
    bundleId,
    epoch: keys.epoch,
    sender: self,
    createdAt: Date.now(),
    certs: activeCerts(device),
    entries: planned.entries,
  });
  if (planned.entries.length > 0 || kind === 'hello') {
    await link.put(bundleId, bytes);
    stats.bundles++;
    stats.bytes += bytes.length;
  }
  device.state.db.tx(() => {
    for (const complete of planned.completions) complete();
    if (planned.entries.length > 0)
      device.state.recordOutbox(relay, keys.epoch, bundleId, kind, [...planned.docs], bytes.length);
    device.roster.markSeen(keys.epoch, self);
  });
  return bundleId;
}

/**
 * Uploads everything queued for a relay into the current epoch's mailbox: documents first
 * (their unseen chunks or a delta), then blobs, each kind packed into its own bundles so
 * compaction can rewrite document bundles alone. A device that has not yet written in this
 * epoch sends a small hello bundle, so the device that rotated the key sees it has moved.
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
      for (const planned of packer.add(item))
        await sendBundle(device, link, relay, label, planned, stats);
    }
    const last = packer.flush();
    if (last !== undefined) await sendBundle(device, link, relay, label, last, stats);
  }
  if (!device.roster.seenIn(link.keys.epoch).has(device.identity.deviceId)) {
    await sendBundle(
      device,
      link,
      relay,
      'hello',
      { entries: [], completions: [], docs: new Set(), size: 0 },
      stats,
    );
  }
}
