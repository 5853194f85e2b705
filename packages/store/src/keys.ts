import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  asSymmetricKey,
  deriveSubkey,
  keyedHash,
  randomBytes,
  readKeyFileJson,
  writeKeyFile,
  toHex,
} from '@trail/crypto';

/** The personal space key and the sub-keys the store derives from it. */
export interface StoreKeys {
  /** 32-byte personal space key (shared by all of one user's devices). */
  readonly spaceKey: Uint8Array;
  /** Keys blob ids: equal content → equal id, only within this space. */
  readonly blobIdKey: Uint8Array;
  /** Keys document ids: the same session gets the same document on every device. */
  readonly docIdKey: Uint8Array;
}

/** File holding the personal space key (mode 0600). */
export function spaceKeyFile(keysDir: string): string {
  return join(keysDir, 'space.key');
}

/**
 * Loads the personal space key, creating one when the store is new. Call only while
 * holding the store's write lock, so two processes never mint two keys.
 */
export async function loadOrCreateKeys(keysDir: string): Promise<StoreKeys> {
  const file = spaceKeyFile(keysDir);
  let spaceKey: Uint8Array;
  if (existsSync(file)) spaceKey = await readSpaceKey(file);
  else {
    spaceKey = randomBytes(32);
    await writeKeyFile(file, { version: 1, kind: 'trail/space-key', key: toHex(spaceKey) });
  }
  return deriveKeys(spaceKey);
}

/** Reads a space key file written by {@link loadOrCreateKeys}. */
export async function readSpaceKey(file: string): Promise<Uint8Array> {
  const v = await readKeyFileJson(file);
  const hex = (v as { key?: unknown }).key;
  if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex))
    throw new Error(`${file} does not hold a trail space key`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** The sub-keys of a space key. */
export function deriveKeys(spaceKey: Uint8Array): StoreKeys {
  const k = asSymmetricKey(spaceKey);
  return {
    spaceKey,
    blobIdKey: deriveSubkey(k, 'blob-ids', 1),
    docIdKey: deriveSubkey(k, 'doc-ids', 1),
  };
}

/** The blob hasher of a key set. */
export function blobHasher(keys: StoreKeys): (content: Uint8Array) => string {
  return (content) => toHex(keyedHash(keys.blobIdKey, content, 32));
}

/** Deterministic 16 bytes of document id material for (kind, id). */
export function docIdBytes(keys: StoreKeys, kind: string, id: string): Uint8Array {
  return keyedHash(keys.docIdKey, `${kind}\u0000${id}`, 16);
}
