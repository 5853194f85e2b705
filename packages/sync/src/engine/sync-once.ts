import type { WebSocketFactory } from '@trail/protocol';
import { saveConfig, type Device } from './device.js';
import { compactOutbox, COMPACT_THRESHOLD } from './compact.js';
import { readableEpochs } from '../keys/key-ring.js';
import type { LibraryDoc } from '@trail/model';
import { reindexPending } from '../incoming/reindex.js';
import { loadChunks, readChunks } from '../storage-chunks.js';
import { drainJournal } from '../state/journal-drain.js';
import { RelayLinks } from './links.js';
import { emptyPullStats, pullEpoch, type PullStats } from './pull.js';
import { emptyPushStats, pushAll, type PushStats } from './push.js';
import { adoptRotation } from './rotation.js';

/** How to run one sync. */
export interface SyncOptions {
  /** Relay URL (ws:// or wss://), already normalised. */
  readonly url: string;
  /** Give up on an unreachable relay after this long (default 120 s). */
  readonly timeoutMs?: number;
  /** Links to reuse (watch mode); otherwise opened and closed here. */
  readonly links?: RelayLinks;
  /** Opens sockets; default the global WebSocket. */
  readonly webSocket?: WebSocketFactory;
  /** Told about each rejected bundle. */
  readonly onReject?: (message: string, reason: string) => void;
  /** Own document bundles that trigger compaction (default 64). */
  readonly compactThreshold?: number;
  /** Skip uploading (pull only). */
  readonly pullOnly?: boolean;
  /**
   * Remember the relay as this device's default and pin its id (default true). LAN peers are
   * not remembered: their relay lives only while `trail devices serve` runs.
   */
  readonly remember?: boolean;
}

/** What one sync did. */
export interface SyncReport {
  readonly url: string;
  readonly relayId: string;
  readonly epoch: number;
  readonly pulled: Omit<PullStats, 'docs'> & { documents: number };
  readonly pushed: PushStats;
  readonly indexed: number;
  /** Of `ms`, the time spent refreshing the query index. */
  readonly indexMs: number;
  readonly compacted: number;
  /** This device was removed from the space by another one. */
  readonly removed: boolean;
  readonly ms: number;
}

/** Session document ids the library lists (read from storage: sync never loads automerge-repo). */
async function sessionDocs(device: Device): Promise<string[]> {
  const { store } = device;
  const library = loadChunks<LibraryDoc>(await readChunks(store.storage, device.library.id));
  if (library === undefined) return [];
  return Object.values(library.shards).flatMap((shard) =>
    Object.values(shard).map((entry) => String(entry.url).replace(/^automerge:/, '')),
  );
}

/** Queues everything this device holds for a relay it has never synced with. */
async function fullScan(device: Device, relay: string): Promise<void> {
  const { state, store } = device;
  const docs = [device.library.id, ...(await sessionDocs(device))];
  state.db.tx(() => {
    state.addDirty([relay], 'd', docs);
    state.addDirty([relay], 'b', store.blobs.list());
    state.markScanned(relay);
  });
}

/** Deletes from the relay this device's bundles that carried purged content (after re-upload). */
async function deleteDoomed(device: Device, links: RelayLinks, relay: string): Promise<number> {
  let deleted = 0;
  for (const [epoch, bundles] of device.state.outbox.doomed(relay)) {
    if (device.ring.keys.has(epoch)) await (await links.get(epoch)).delete(bundles);
    device.state.db.tx(() => device.state.outbox.drop(relay, epoch, bundles));
    deleted += bundles.length;
  }
  return deleted;
}

/** Re-sends this device's key rotations until every remaining device has written in the new epoch. */
async function repostRotations(device: Device, links: RelayLinks): Promise<void> {
  for (const r of device.roster.rotations()) {
    const seen = device.roster.seenIn(r.epoch);
    if (r.devices.every((d) => seen.has(d) || !device.roster.isActive(d))) {
      device.roster.dropRotation(r.epoch);
      continue;
    }
    if (device.ring.keys.has(r.epoch - 1))
      await (await links.get(r.epoch - 1)).put(r.bundle, r.bytes);
  }
}

/**
 * One sync with a relay: read every readable epoch's mailbox (adopting key rotations as they
 * appear, which may open newer mailboxes), re-send pending rotations, upload what the relay
 * lacks into the current epoch, refresh the query index, and compact the outbox when it has
 * grown. Everything is recorded as it completes, so an interrupted sync resumes where it was.
 */
export async function syncOnce(device: Device, options: SyncOptions): Promise<SyncReport> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 120_000);
  const remember = options.remember !== false;
  const pinned = remember ? device.config.relayIds[options.url] : undefined;
  const links =
    options.links ?? new RelayLinks(options.url, device, deadline, options.webSocket, pinned);
  links.extend(deadline);
  const pulled = emptyPullStats();
  const pushed = emptyPushStats();
  try {
    drainJournal(device.paths.journal, device.state);
    if (device.store.indexFresh) device.state.addPendingIndex(await sessionDocs(device));
    const first = await links.get(device.ring.current);
    const relay = first.relayId;
    if (
      remember &&
      (device.config.relayIds[options.url] !== relay || device.config.relayUrl !== options.url)
    ) {
      saveConfig(device, {
        ...device.config,
        relayUrl: options.url,
        relayIds: { ...device.config.relayIds, [options.url]: relay },
      });
    }
    device.state.addRelay(relay, options.url);
    if (!device.state.isScanned(relay)) await fullScan(device, relay);
    const done = new Set<number>();
    let removed = false;
    for (
      let epochs = readableEpochs(device.ring);
      epochs.some((e) => !done.has(e));
      epochs = readableEpochs(device.ring)
    ) {
      const epoch = epochs.find((e) => !done.has(e))!;
      done.add(epoch);
      await pullEpoch(
        device,
        await links.get(epoch),
        relay,
        pulled,
        options.onReject ?? (() => undefined),
        async (rotation) => {
          if ((await adoptRotation(device, rotation)) === 'removed') removed = true;
        },
      );
    }
    // What the pull wrote is on this relay already; other relays still need it.
    drainJournal(device.paths.journal, device.state, relay);
    removed ||= device.state.meta('removedAt') !== undefined;
    let compacted = 0;
    if (!removed && options.pullOnly !== true) {
      await repostRotations(device, links);
      const current = await links.get(device.ring.current);
      await pushAll(device, current, relay, pushed);
      pushed.deleted += await deleteDoomed(device, links, relay);
      compacted = await compactOutbox(
        device,
        current,
        relay,
        pushed,
        options.compactThreshold ?? COMPACT_THRESHOLD,
      );
    }
    const indexStarted = Date.now();
    const indexed = await reindexPending(device.store, device.state, device.library.id);
    const indexMs = Date.now() - indexStarted;
    const report: SyncReport = {
      url: options.url,
      relayId: relay,
      epoch: device.ring.current,
      pulled: {
        bundles: pulled.bundles,
        applied: pulled.applied,
        duplicates: pulled.duplicates,
        rejected: pulled.rejected,
        blobs: pulled.blobs,
        documents: pulled.docs.size,
      },
      pushed,
      indexed,
      indexMs,
      compacted,
      removed,
      ms: Date.now() - started,
    };
    device.state.setMeta('lastSync', JSON.stringify({ at: new Date().toISOString(), ...report }));
    return report;
  } finally {
    if (options.links === undefined) await links.close();
  }
}
