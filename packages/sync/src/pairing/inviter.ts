import { storePaths } from '@trail/store';
import { Roster } from '../state/roster.js';
import { SyncState } from '../state/sync-state.js';
import { syncPaths } from '../paths.js';
import { closeDevice, openDevice, saveConfig } from '../engine/device.js';
import type { DeviceCert } from '../keys/device-cert.js';
import type { InviterState } from './invite.js';

/**
 * Reads what an invitation hands over, starting a space if this device has none. The devices
 * meet at `relayUrl`; unless `remember` is false (a LAN peer), it also becomes this device's
 * relay if it had none. The store is closed again before the (long) wait for the other device.
 */
export async function inviterState(
  home: string,
  relayUrl: string,
  remember = true,
): Promise<InviterState> {
  const device = await openDevice(home, { create: true });
  try {
    if (remember && device.config.relayUrl === undefined)
      saveConfig(device, { ...device.config, relayUrl });
    const certs = device.roster
      .members()
      .filter((m) => m.removedEpoch === undefined)
      .map((m) => m.cert);
    const remembered = device.config.relayUrl;
    return {
      identity: device.identity,
      spaceSecret: device.store.keys.spaceKey,
      ring: device.ring,
      certs,
      relayUrl,
      ...(remembered ? { remembered } : {}),
    };
  } finally {
    await closeDevice(device);
  }
}

/** Adds a newly paired device's certificate to this device's roster. */
export function recordInvited(home: string, cert: DeviceCert): void {
  const state = new SyncState(syncPaths(storePaths(home)).db);
  try {
    new Roster(state.db).trust(cert);
  } finally {
    state.close();
  }
}
