import { existsSync, readFileSync } from 'node:fs';
import { parsePublicIdentity, readKeyFileJson, ready } from '@trail/crypto';
import { storePaths } from '@trail/store';
import { readConfig } from './config.js';
import { hasKeyRing, readKeyRing } from './keys/key-ring.js';
import { syncPaths } from './paths.js';
import { Roster, type Rejection } from './state/roster.js';
import { SyncState } from './state/sync-state.js';

/** A device of the space as `trail devices list` shows it. */
export interface DeviceInfo {
  readonly deviceId: string;
  readonly name: string;
  /** ISO-8601. */
  readonly addedAt: string;
  /** The device that paired it (itself for the first device). */
  readonly addedBy: string;
  readonly self: boolean;
  readonly removed: boolean;
  /** The key epoch whose rotation removed it. */
  readonly removedEpoch?: number;
}

/** What `trail status` reports. */
export interface SyncStatus {
  readonly paired: boolean;
  readonly deviceId?: string;
  readonly deviceName: string;
  readonly epoch?: number;
  readonly relayUrl?: string;
  readonly devices: readonly DeviceInfo[];
  /** The last sync's summary, if any. */
  readonly lastSync?: Record<string, unknown>;
  /** What is waiting to go up to the remembered relay. */
  readonly pending: {
    readonly documents: number;
    readonly blobs: number;
    readonly journal: number;
    readonly everything: boolean;
  };
  readonly rejections: readonly Rejection[];
  /** Another device removed this one. */
  readonly removed: boolean;
}

/**
 * Reads the sync state without taking the store's write lock (so it works while a sync or a
 * capture runs): devices, last sync, what is pending, recent rejections.
 */
export async function syncStatus(home: string): Promise<SyncStatus> {
  await ready();
  const paths = syncPaths(storePaths(home));
  const config = readConfig(paths.config);
  const journal = existsSync(paths.journal)
    ? new Set(readFileSync(paths.journal, 'utf8').split('\n').filter(Boolean)).size
    : 0;
  const base = {
    deviceName: config.deviceName,
    ...(config.relayUrl ? { relayUrl: config.relayUrl } : {}),
  };
  if (!hasKeyRing(paths.epochKeys) || !existsSync(paths.db)) {
    return {
      paired: false,
      ...base,
      devices: [],
      pending: { documents: 0, blobs: 0, journal, everything: true },
      rejections: [],
      removed: false,
    };
  }
  const ring = await readKeyRing(paths.epochKeys);
  const self = parsePublicIdentity(await readKeyFileJson(paths.deviceKey)).deviceId;
  const state = new SyncState(paths.db);
  try {
    const roster = new Roster(state.db);
    const devices = roster.members().map((m) => ({
      deviceId: m.cert.deviceId,
      name: m.cert.name,
      addedAt: new Date(m.cert.addedAt).toISOString(),
      addedBy: m.cert.issuer,
      self: m.cert.deviceId === self,
      removed: m.removedEpoch !== undefined,
      ...(m.removedEpoch !== undefined ? { removedEpoch: m.removedEpoch } : {}),
    }));
    const relay = config.relayUrl === undefined ? undefined : config.relayIds[config.relayUrl];
    const scanned = relay !== undefined && state.isScanned(relay);
    const queued = relay === undefined ? { documents: 0, blobs: 0 } : state.dirtyCounts(relay);
    const last = state.meta('lastSync');
    return {
      paired: true,
      ...base,
      deviceId: self,
      epoch: ring.current,
      devices,
      ...(last ? { lastSync: JSON.parse(last) as Record<string, unknown> } : {}),
      pending: { ...queued, journal, everything: !scanned },
      rejections: roster.rejections(),
      removed: state.meta('removedAt') !== undefined,
    };
  } finally {
    state.close();
  }
}
