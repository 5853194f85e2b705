import { SyncError } from '../errors.js';
import { withEpoch } from '../keys/key-ring.js';
import { keysOf } from '../keys/key-ring.js';
import { bundleIdFor } from '../keys/epoch-keys.js';
import { sealBundle } from '../bundle/seal.js';
import type { Member } from '../state/roster.js';
import { closeDevice, openDevice, saveRing, type Device } from './device.js';
import { makeRotation } from './rotation.js';
import { syncOnce, type SyncOptions } from './sync-once.js';

/** Finds an active member other than this device by id, id prefix (4+ characters) or name. */
export function findMember(device: Device, query: string): Member {
  const active = device.roster
    .members()
    .filter((m) => m.removedEpoch === undefined && m.cert.deviceId !== device.identity.deviceId);
  const byId = active.filter(
    (m) => query.length >= 4 && m.cert.deviceId.startsWith(query.toLowerCase()),
  );
  const matches = byId.length > 0 ? byId : active.filter((m) => m.cert.name === query);
  if (matches.length === 1) return matches[0]!;
  const self = device.identity.deviceId.startsWith(query.toLowerCase()) && query.length >= 4;
  throw new SyncError(
    'SYNC_DEVICE_NOT_FOUND',
    matches.length > 1
      ? `${JSON.stringify(query)} matches several devices: ${matches.map((m) => m.cert.deviceId).join(', ')}`
      : self
        ? 'that is this device; remove it from another one'
        : `no other device matches ${JSON.stringify(query)} (see \`trail devices list\`)`,
    { query },
  );
}

/** What a removal did. */
export interface Removal {
  readonly deviceId: string;
  readonly name: string;
  readonly epoch: number;
}

/**
 * `trail devices remove`: syncs first (so this device holds everything), then rotates the
 * space key. The new key goes to every remaining device sealed to its X25519 key, inside a
 * bundle of the current epoch; the removed device can open that bundle but not the keys. This
 * device then re-uploads the whole history into the new epoch's mailbox, which the removed
 * device cannot name (a new routing id) nor read. The rotation is re-sent on every sync until
 * each remaining device has written in the new epoch.
 */
export async function removeDevice(
  home: string,
  query: string,
  options: SyncOptions,
): Promise<Removal> {
  const device = await openDevice(home);
  try {
    const member = findMember(device, query);
    await syncOnce(device, options);
    const target = member.cert.deviceId;
    const { entry, key } = makeRotation(device, [target]);
    const old = keysOf(device.ring, device.ring.current);
    const self = device.identity.deviceId;
    const bundleId = bundleIdFor(old, self, ['rotate', String(entry.epoch)]);
    const bytes = sealBundle(old, device.identity, {
      bundleId,
      epoch: old.epoch,
      sender: self,
      createdAt: Date.now(),
      certs: device.roster
        .members()
        .filter((m) => m.removedEpoch === undefined)
        .map((m) => m.cert),
      entries: [entry],
    });
    device.state.db.tx(() => {
      device.roster.saveRotation(
        entry.epoch,
        bundleId,
        bytes,
        entry.keys.map((k) => k.deviceId),
      );
      device.roster.remove(target, entry.epoch);
    });
    await saveRing(device, withEpoch(device.ring, entry.epoch, key));
    device.state.forgetRelayContents();
    await syncOnce(device, options);
    return { deviceId: target, name: member.cert.name, epoch: entry.epoch };
  } finally {
    await closeDevice(device);
  }
}
