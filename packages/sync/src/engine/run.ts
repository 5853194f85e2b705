import { closeDevice, openDevice } from './device.js';
import { syncOnce, type SyncOptions, type SyncReport } from './sync-once.js';
import { SyncError } from '../errors.js';

/**
 * `trail sync`: opens the device (starting a space if it has none), syncs once, closes it.
 * Throws SYNC_DEVICE_REMOVED when another device removed this one.
 */
export async function syncDevice(home: string, options: SyncOptions): Promise<SyncReport> {
  const device = await openDevice(home, { create: true });
  try {
    const report = await syncOnce(device, options);
    if (report.removed) {
      throw new SyncError(
        'SYNC_DEVICE_REMOVED',
        'another device removed this one from the space: it can no longer read what is written there',
        {
          epoch: report.epoch,
        },
      );
    }
    return report;
  } finally {
    await closeDevice(device);
  }
}
