import type { FsMailboxStore, RunningRelay } from '@trail/relay';
import { parseRoutingId } from '@trail/protocol';
import { keysOf } from '../keys/key-ring.js';
import { closeDevice, openDevice } from '../engine/device.js';
import { watchDevice, type WatchOptions } from '../engine/watch.js';

/** Options of {@link serveLan}. */
export interface ServeOptions extends Omit<WatchOptions, 'url' | 'links' | 'remember'> {
  /** TCP port (0 = any free one). */
  readonly port?: number;
  /** Interface to listen on; default 0.0.0.0 (the LAN). */
  readonly host?: string;
  /** Told the relay's address once it listens. */
  readonly onListening?: (relay: RunningRelay) => void;
}

/**
 * `trail devices serve`: runs a relay on this device for the user's other devices on the LAN
 * (`trail sync --peer host:port`), and keeps this device synced with it. The relay is the same
 * code with the same guarantees (it sees only sealed bundles); it accepts only this space's
 * mailboxes (registered up front, no others), keeps them under `sync/lan-relay` so a restart
 * loses nothing, and pairing (`trail devices add --peer`) works through it too.
 */
export async function serveLan(home: string, options: ServeOptions): Promise<void> {
  // Loaded here, not at the top: every other command of this package runs without the relay.
  const { FsMailboxStore, startRelay } = await import('@trail/relay');
  const device = await openDevice(home, { create: true });
  let store: FsMailboxStore;
  let spaces: number;
  try {
    store = await FsMailboxStore.open({ dir: device.paths.lanRelay });
    for (const epoch of device.ring.keys.keys()) {
      const keys = keysOf(device.ring, epoch);
      const record = {
        routingId: parseRoutingId(keys.routingId),
        authPublicKey: keys.auth.publicKey,
        createdAt: Date.now(),
      };
      await store.registerSpace(record, Number.MAX_SAFE_INTEGER);
    }
    spaces = await store.spaceCount();
  } finally {
    await closeDevice(device);
  }
  let relay: RunningRelay | undefined;
  try {
    relay = await startRelay({
      store,
      port: options.port ?? 0,
      host: options.host ?? '0.0.0.0',
      logLevel: 'warn',
      limits: { maxSpaces: Math.max(1, spaces) },
    });
    options.onListening?.(relay);
    await watchDevice(home, { ...options, url: `ws://127.0.0.1:${relay.port}`, remember: false });
  } finally {
    await relay?.close();
    await store.close();
  }
}
