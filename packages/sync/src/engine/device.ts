import { mkdirSync } from 'node:fs';
import { ready, type DeviceIdentity } from '@trail/crypto';
import {
  libraryGeneration,
  openStoreFiles,
  storePaths,
  type StoreFiles,
  type StorePaths,
} from '@trail/store';
import type { LibraryInUse } from '../incoming/library-generation.js';
import { readConfig, writeConfig, type SyncConfig } from '../config.js';
import { PartStaging } from '../incoming/parts.js';
import { issueCert } from '../keys/device-cert.js';
import { loadOrCreateDevice } from '../keys/device-identity.js';
import {
  hasKeyRing,
  newKeyRing,
  readKeyRing,
  writeKeyRing,
  type KeyRing,
} from '../keys/key-ring.js';
import { syncPaths, type SyncPaths } from '../paths.js';
import { enableJournal } from '../state/journal-drain.js';
import { Roster } from '../state/roster.js';
import { SyncState } from '../state/sync-state.js';

/** A device opened for syncing: its store (write lock held), keys and sync state. */
export interface Device {
  readonly home: StorePaths;
  readonly paths: SyncPaths;
  /** The store's files, without automerge-repo (sync moves whole chunks). */
  readonly store: StoreFiles;
  readonly state: SyncState;
  readonly roster: Roster;
  readonly identity: DeviceIdentity;
  readonly staging: PartStaging;
  /** The library document in use (a purge elsewhere may move it to a later generation). */
  readonly library: LibraryInUse;
  /** The key ring; replaced when an epoch is added. */
  ring: KeyRing;
  config: SyncConfig;
}

/** How to open a device. */
export interface OpenDeviceOptions {
  /** Start a new space when this device is in none (the first device). */
  readonly create?: boolean;
  /** How long to wait for another trail process to release the store. */
  readonly lockTimeoutMs?: number;
}

/**
 * Opens a device's store and sync state. With `create`, a device that is in no space yet
 * becomes the first device of a new one: a fresh epoch-1 key and a self-signed certificate.
 * The journal is enabled before the store opens, so everything written from now on is seen.
 */
export async function openDevice(root: string, options: OpenDeviceOptions = {}): Promise<Device> {
  await ready();
  const home = storePaths(root);
  const paths = syncPaths(home);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const ringExists = hasKeyRing(paths.epochKeys);
  if (ringExists || options.create) enableJournal(paths.journal);
  const store = await openStoreFiles({
    home: root,
    ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
  });
  let state: SyncState | undefined;
  try {
    const identity = await loadOrCreateDevice(paths.deviceKey);
    state = new SyncState(paths.db);
    const roster = new Roster(state.db);
    const config = readConfig(paths.config);
    if (!ringExists && options.create) {
      await writeKeyRing(paths.epochKeys, newKeyRing());
      roster.trust(issueCert(identity, identity, config.deviceName, Date.now()));
      writeConfig(paths.config, config);
    }
    const ring = await readKeyRing(paths.epochKeys);
    return {
      home,
      paths,
      store,
      state,
      roster,
      identity,
      staging: new PartStaging(paths.parts),
      ring,
      config,
      library: { id: store.libraryId, generation: libraryGeneration(store.paths) },
    };
  } catch (error) {
    state?.close();
    await store.close();
    throw error;
  }
}

/** Saves the config and key ring changes and closes the store (releasing its lock). */
export async function closeDevice(device: Device): Promise<void> {
  try {
    device.state.close();
  } finally {
    await device.store.close();
  }
}

/** Persists a new key ring on the device. */
export async function saveRing(device: Device, ring: KeyRing): Promise<void> {
  await writeKeyRing(device.paths.epochKeys, ring);
  device.ring = ring;
}

/** Persists a config change on the device. */
export function saveConfig(device: Device, config: SyncConfig): void {
  writeConfig(device.paths.config, config);
  device.config = config;
}
