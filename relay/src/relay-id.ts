import type { RelayId } from '@trail/protocol';
import { isValidId } from '@trail/protocol';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RelayConfigError } from './config-error.js';
import { writeFileDurable } from './store/fs-durable.js';

/** A fresh random relay id (128 bits, base64url). */
export function randomRelayId(): RelayId {
  return randomBytes(16).toString('base64url') as RelayId;
}

/**
 * The relay id kept in `<dataDir>/relay-id`, created on first start. It is stable across
 * restarts so clients that pin it keep working, and differs between relays so a signature
 * made for one relay is worthless at another.
 */
export async function loadOrCreateRelayId(dataDir: string): Promise<RelayId> {
  const file = join(dataDir, 'relay-id');
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) {
    const id = existing.trim();
    if (!isValidId('relayId', id))
      throw new RelayConfigError(`invalid relay id in ${file}`, { file });
    return id as RelayId;
  }
  const id = randomRelayId();
  await writeFileDurable(file, `${id}\n`);
  return id;
}
