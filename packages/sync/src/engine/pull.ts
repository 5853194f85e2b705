import type { RotateEntry } from '../bundle/body.js';
import { openBundle } from '../bundle/seal.js';
import { isSyncError } from '../errors.js';
import { applyBundle } from '../incoming/apply.js';
import type { RelayLink } from '../transport/relay-link.js';
import type { Device } from './device.js';

/** Counters of one pull. */
export interface PullStats {
  /** Bundles the relay served. */
  bundles: number;
  applied: number;
  /** Already applied before (a retry, or a relay serving one twice): ignored. */
  duplicates: number;
  rejected: number;
  /** Documents that received changes. */
  readonly docs: Set<string>;
  blobs: number;
}

/** A fresh set of counters. */
export function emptyPullStats(): PullStats {
  return { bundles: 0, applied: 0, duplicates: 0, rejected: 0, docs: new Set(), blobs: 0 };
}

/**
 * Reads one epoch's mailbox from where this device stopped, opening, vetting and applying
 * each bundle in turn. A bundle that fails any check is reported (status and `onReject`) and
 * skipped whole; the rest go on. The cursor is saved after each page, once the page is applied.
 */
export async function pullEpoch(
  device: Device,
  link: RelayLink,
  relay: string,
  stats: PullStats,
  onReject: (message: string, reason: string) => void,
  onRotation: (rotation: RotateEntry, sender: string) => Promise<void>,
): Promise<void> {
  const { state, roster } = device;
  const epoch = link.keys.epoch;
  const reject = (bundle: string, reason: string, message: string) => {
    stats.rejected++;
    roster.logRejection({ at: Date.now(), relay, epoch, bundle, reason, message });
    onReject(message, reason);
  };
  const target = {
    store: device.store,
    state,
    roster,
    staging: device.staging,
    relay,
    epoch,
    library: device.library,
    onBadContent: (message: string) => reject('', 'bad-content', message),
    onRotation,
  };
  // The next page is requested before this one is applied, so the relay reads while we write.
  let next = link.pull(state.cursor(relay, epoch));
  for (;;) {
    const page = await next;
    if (page.more) {
      next = link.pull(page.cursor);
      next.catch(() => undefined); // awaited on the next turn, unless applying this page throws
    }
    for (const b of page.bundles) {
      stats.bundles++;
      if (state.isApplied(relay, epoch, b.bundleId)) {
        stats.duplicates++;
        continue;
      }
      try {
        const opened = openBundle(link.keys, b.bundleId, b.deviceTag, b.bytes);
        if (opened.body.sender === device.identity.deviceId) {
          stats.duplicates++;
          continue;
        }
        const applied = await applyBundle(target, opened, b.bundleId);
        stats.applied++;
        stats.blobs += applied.blobs;
        for (const d of applied.docs) stats.docs.add(d);
      } catch (error) {
        if (!isSyncError(error, 'SYNC_BUNDLE_REJECTED')) throw error;
        reject(b.bundleId, String(error.data.reason), error.message);
      }
    }
    state.setCursor(relay, epoch, page.cursor);
    if (!page.more) return;
  }
}
