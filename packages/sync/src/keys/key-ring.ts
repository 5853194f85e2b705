import { existsSync } from 'node:fs';
import { fromHex, generateSpaceKey, readKeyFileJson, toHex, writeKeyFile } from '@trail/crypto';
import { SyncError } from '../errors.js';
import { epochKeys, type EpochKeys } from './epoch-keys.js';

/** The space's encryption keys: the current epoch and the older ones still readable. */
export interface KeyRing {
  readonly current: number;
  /** Epoch number → 32-byte key. */
  readonly keys: ReadonlyMap<number, Uint8Array>;
}

const KIND = 'trail/epoch-keys';
const HEX_KEY = /^[0-9a-f]{64}$/;

function invalid(path: string, why: string): never {
  throw new SyncError('SYNC_STATE_INVALID', `${path} is not a trail epoch key file (${why})`, {
    path,
  });
}

/** Whether this device holds a key ring (it is part of a space). */
export function hasKeyRing(path: string): boolean {
  return existsSync(path);
}

/** Reads the key ring (0600 file); SYNC_NOT_PAIRED when absent. */
export async function readKeyRing(path: string): Promise<KeyRing> {
  if (!existsSync(path)) {
    throw new SyncError(
      'SYNC_NOT_PAIRED',
      'this device is not part of a sync space yet: run `trail devices add` on a paired device and `trail devices join <code>` here, or `trail sync --relay URL` to start a space',
    );
  }
  const value = (await readKeyFileJson(path)) as Record<string, unknown>;
  if (value.kind !== KIND || value.version !== 1) invalid(path, 'unknown kind or version');
  const current = value.current;
  if (!Number.isSafeInteger(current)) invalid(path, 'no current epoch');
  const keys = new Map<number, Uint8Array>();
  for (const [epoch, hex] of Object.entries((value.keys ?? {}) as Record<string, unknown>)) {
    const n = Number(epoch);
    if (!Number.isSafeInteger(n) || n < 0 || typeof hex !== 'string' || !HEX_KEY.test(hex)) {
      invalid(path, 'bad key entry');
    }
    keys.set(n, fromHex(hex));
  }
  if (!keys.has(current as number)) invalid(path, 'the current epoch has no key');
  return { current: current as number, keys };
}

/** Writes the key ring atomically with mode 0600. */
export async function writeKeyRing(path: string, ring: KeyRing): Promise<void> {
  const keys: Record<string, string> = {};
  for (const [epoch, key] of ring.keys) keys[String(epoch)] = toHex(key);
  await writeKeyFile(path, { version: 1, kind: KIND, current: ring.current, keys });
}

/** A ring holding one fresh random key for epoch 1 (a new space). */
export function newKeyRing(): KeyRing {
  return { current: 1, keys: new Map([[1, generateSpaceKey()]]) };
}

/** The ring with `epoch` added and made current. */
export function withEpoch(ring: KeyRing, epoch: number, key: Uint8Array): KeyRing {
  const keys = new Map(ring.keys);
  keys.set(epoch, key);
  return { current: Math.max(ring.current, epoch), keys };
}

/** Derived keys of one epoch of the ring; SYNC_STATE_INVALID if the ring lacks it. */
export function keysOf(ring: KeyRing, epoch: number): EpochKeys {
  const key = ring.keys.get(epoch);
  if (key === undefined) {
    throw new SyncError('SYNC_STATE_INVALID', `no key for epoch ${epoch}`, { epoch });
  }
  return epochKeys(epoch, key);
}

/** The epochs whose mailboxes a device reads: the current one and the one before. */
export function readableEpochs(ring: KeyRing): number[] {
  return [...ring.keys.keys()].filter((e) => e >= ring.current - 1).sort((a, b) => a - b);
}
