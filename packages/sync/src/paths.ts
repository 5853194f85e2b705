import { join } from 'node:path';
import type { StorePaths } from '@trail/store';

/** Where a device keeps its sync keys and state inside the store home. */
export interface SyncPaths {
  /** `<home>/sync`: state that is not secret (0700). */
  readonly dir: string;
  /** The store's change journal (see `openJournal` in @trail/store). */
  readonly journal: string;
  /** SQLite: cursors, what each relay already holds, the device roster. */
  readonly db: string;
  /** JSON: relay URL, pinned relay ids, this device's name. */
  readonly config: string;
  /** Parts of large entries received so far, until they are complete. */
  readonly parts: string;
  /** Mailbox of the relay `trail devices serve` runs for LAN sync. */
  readonly lanRelay: string;
  /** This device's identity (Ed25519 + X25519 secret keys), 0600. */
  readonly deviceKey: string;
  /** The space's rotating encryption keys, one per epoch, 0600. */
  readonly epochKeys: string;
}

/** The sync paths of a store home. */
export function syncPaths(store: StorePaths): SyncPaths {
  return {
    dir: store.sync,
    journal: store.journal,
    db: join(store.sync, 'state.sqlite'),
    config: join(store.sync, 'config.json'),
    parts: join(store.sync, 'parts'),
    lanRelay: join(store.sync, 'lan-relay'),
    deviceKey: join(store.keys, 'device.key'),
    epochKeys: join(store.keys, 'epochs.key'),
  };
}
