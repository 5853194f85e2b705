import {
  asCiphertext,
  equalBytes,
  generateSpaceKey,
  isCryptoError,
  openFromDevice,
  sealToDevice,
  type DeviceIdentity,
} from '@trail/crypto';
import type { RotateEntry } from '../bundle/body.js';
import { withEpoch } from '../keys/key-ring.js';
import { saveRing, type Device } from './device.js';

const DOMAIN = new TextEncoder().encode('trail/epoch-key/v1\0');

function keyMessage(epoch: number, key: Uint8Array): Uint8Array {
  const out = new Uint8Array(DOMAIN.length + 4 + key.length);
  out.set(DOMAIN, 0);
  new DataView(out.buffer).setUint32(DOMAIN.length, epoch);
  out.set(key, DOMAIN.length + 4);
  return out;
}

/** Opens this device's sealed copy of an epoch key; undefined if it is not for this device and epoch. */
function openKey(
  identity: DeviceIdentity,
  sealed: Uint8Array,
  epoch: number,
): Uint8Array | undefined {
  try {
    const plain = openFromDevice(identity, asCiphertext(sealed));
    const expected = keyMessage(epoch, new Uint8Array(32));
    if (
      plain.length !== expected.length ||
      !equalBytes(plain.subarray(0, DOMAIN.length + 4), expected.subarray(0, DOMAIN.length + 4))
    )
      return undefined;
    return plain.slice(DOMAIN.length + 4);
  } catch (error) {
    if (isCryptoError(error, 'DECRYPT_FAILED')) return undefined;
    throw error;
  }
}

/** What adopting a rotation did. */
export type RotationOutcome = 'adopted' | 'removed' | 'already' | 'conflict' | 'not-addressed';

/**
 * Acts on a key rotation made by another member (already vetted as an active device that
 * signed it): marks the removed devices, and, unless this device is among them, takes the new
 * epoch key sealed to its X25519 key. A second, different key for an epoch this device already
 * holds is refused ('conflict'): the first rotation seen stands.
 */
export async function adoptRotation(
  device: Device,
  rotation: RotateEntry,
): Promise<RotationOutcome> {
  const self = device.identity.deviceId;
  for (const removed of rotation.removed) device.roster.remove(removed, rotation.epoch);
  if (rotation.removed.includes(self)) {
    device.state.setMeta('removedAt', String(rotation.epoch));
    return 'removed';
  }
  const mine = rotation.keys.find((k) => k.deviceId === self);
  const key =
    mine === undefined ? undefined : openKey(device.identity, mine.sealed, rotation.epoch);
  if (key === undefined) return 'not-addressed';
  const held = device.ring.keys.get(rotation.epoch);
  if (held !== undefined) return equalBytes(held, key) ? 'already' : 'conflict';
  await saveRing(device, withEpoch(device.ring, rotation.epoch, key));
  return 'adopted';
}

/**
 * A rotation removing `removed`: a fresh random key for the next epoch, sealed to the X25519
 * key of every other active device. The caller seals it in a bundle of the current epoch,
 * which the removed devices can open but whose sealed keys they cannot.
 */
export function makeRotation(
  device: Device,
  removed: readonly string[],
): { entry: RotateEntry; key: Uint8Array } {
  const epoch = Math.max(...device.ring.keys.keys()) + 1;
  const key = generateSpaceKey();
  const keys = device.roster
    .members()
    .filter(
      (m) =>
        m.removedEpoch === undefined &&
        !removed.includes(m.cert.deviceId) &&
        m.cert.deviceId !== device.identity.deviceId,
    )
    .map((m) => ({
      deviceId: m.cert.deviceId,
      sealed: sealToDevice(m.cert.boxPublicKey, keyMessage(epoch, key)),
    }));
  return { entry: { kind: 'rotate', epoch, removed: [...removed], keys }, key };
}
