import { existsSync } from 'node:fs';
import {
  generateDeviceIdentity,
  parseIdentity,
  readKeyFileJson,
  serializeIdentity,
  writeKeyFile,
  type DeviceIdentity,
} from '@trail/crypto';

/** This device's identity, created (0600) on first use. */
export async function loadOrCreateDevice(path: string): Promise<DeviceIdentity> {
  if (existsSync(path)) return parseIdentity(await readKeyFileJson(path));
  const identity = generateDeviceIdentity();
  await writeKeyFile(path, serializeIdentity(identity));
  return identity;
}
