import { generateDeviceIdentity, ready, type DeviceIdentity } from '@trail/crypto';
import { randomBytes } from 'node:crypto';
import type { BundleBody, Entry } from '../bundle/body.js';
import { epochKeys, type EpochKeys } from '../keys/epoch-keys.js';

/** A device identity and epoch keys for tests. */
export async function testKeys(epoch = 1): Promise<{ identity: DeviceIdentity; keys: EpochKeys }> {
  await ready();
  return { identity: generateDeviceIdentity(), keys: epochKeys(epoch, randomBytes(32)) };
}

/** A bundle body from `sender` in `keys`' epoch. */
export function body(
  keys: EpochKeys,
  sender: string,
  entries: Entry[],
  bundleId = 'bundle-1',
): BundleBody {
  return { bundleId, epoch: keys.epoch, sender, createdAt: 1_700_000_000_000, certs: [], entries };
}
