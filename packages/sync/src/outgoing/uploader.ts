import { entryName, type Entry } from '../bundle/body.js';
import { sealBundle } from '../bundle/seal.js';
import type { Device } from '../engine/device.js';
import { bundleIdFor } from '../keys/epoch-keys.js';
import type { RelayLink } from '../transport/relay-link.js';
import type { PlannedBundle } from './pack.js';

/** Counters of one push. */
export interface PushStats {
  bundles: number;
  bytes: number;
  documents: number;
  blobs: number;
  /** Bundles deleted from the relay because they carried purged content. */
  deleted: number;
}

/** Bundles uploaded at once: the relay's fsync of one overlaps the sealing of the next. */
const DEPTH = 4;

/**
 * Seals bundles and uploads them, a few at a time, recording each in the sync state (what the
 * relay now holds, the outbox) strictly in order and only once it and every bundle before it
 * are acknowledged: an item whose parts span bundles is recorded only when all of them are
 * stored. Ids derive from the content names, so re-sending after a crash reuses them and the
 * relay keeps one copy.
 */
export class Uploader {
  #tail: Promise<void> = Promise.resolve();
  readonly #window: Promise<void>[] = [];

  constructor(
    private readonly device: Device,
    private readonly link: RelayLink,
    private readonly relay: string,
    private readonly stats: PushStats,
  ) {}

  /** The certificates of the active members, carried in every bundle. */
  #certs() {
    return this.device.roster
      .members()
      .filter((m) => m.removedEpoch === undefined)
      .map((m) => m.cert);
  }

  /** Seals and starts uploading a bundle; resolves with its id once there is room for another. */
  async send(kind: string, planned: PlannedBundle): Promise<string> {
    const { device, link, relay, stats } = this;
    const { keys } = link;
    const self = device.identity.deviceId;
    const names = planned.entries.map((e: Entry) =>
      e.kind === 'rotate' || e.kind === 'forget' ? entryName(e) : `${entryName(e)}#${e.part}`,
    );
    const bundleId = bundleIdFor(keys, self, [kind, String(keys.epoch), ...names]);
    const bytes = sealBundle(keys, device.identity, {
      bundleId,
      epoch: keys.epoch,
      sender: self,
      createdAt: Date.now(),
      certs: this.#certs(),
      entries: planned.entries,
    });
    const upload =
      planned.entries.length > 0 || kind === 'hello'
        ? link.put(bundleId, bytes)
        : Promise.resolve();
    const record = () => {
      if (planned.entries.length > 0 || kind === 'hello') {
        stats.bundles++;
        stats.bytes += bytes.length;
      }
      device.state.db.tx(() => {
        for (const complete of planned.completions) complete();
        if (planned.entries.length > 0)
          device.state.outbox.record(relay, {
            epoch: keys.epoch,
            bundle: bundleId,
            kind,
            docs: [...planned.docs],
            blobs: [...planned.blobs],
            bytes: bytes.length,
          });
        device.roster.markSeen(keys.epoch, self);
      });
    };
    const done = Promise.all([this.#tail, upload]).then(record);
    done.catch(() => undefined); // surfaced by finish() or by the window below
    this.#tail = done;
    this.#window.push(done);
    if (this.#window.length >= DEPTH) await this.#window.shift();
    return bundleId;
  }

  /** Waits until every bundle sent is stored and recorded; throws the first failure. */
  async finish(): Promise<void> {
    this.#window.length = 0;
    await this.#tail;
  }
}
