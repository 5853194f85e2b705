import { statSync } from 'node:fs';
import { storePaths } from '@trail/store';
import { isSyncError } from '../errors.js';
import { syncPaths } from '../paths.js';
import { closeDevice, openDevice } from './device.js';
import { RelayLinks } from './links.js';
import { syncOnce, type SyncOptions, type SyncReport } from './sync-once.js';

/** Options of {@link watchDevice}. */
export interface WatchOptions extends SyncOptions {
  /** Stops the loop (after the round in progress). */
  readonly signal: AbortSignal;
  /** How often to look for local changes, in ms (default 1000). */
  readonly intervalMs?: number;
  /** A full round runs at least this often even when nothing seems to change (default 60 s). */
  readonly heartbeatMs?: number;
  /** Told about each round. */
  readonly onReport?: (report: SyncReport) => void;
  /** Told about a round that failed on a passing condition (the loop goes on). */
  readonly onError?: (error: unknown) => void;
}

function journalBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * `trail sync --watch`: keeps the relay sessions open and syncs whenever another device
 * stores a bundle (the relay's `available` notice) or this store's journal shows local
 * changes, so devices online together see each other's work within about a second. The
 * store's write lock is held only during a round, so capture hooks are never kept waiting.
 */
export async function watchDevice(home: string, options: WatchOptions): Promise<void> {
  const journal = syncPaths(storePaths(home)).journal;
  const interval = options.intervalMs ?? 1_000;
  const heartbeat = options.heartbeatMs ?? 60_000;
  let links: RelayLinks | undefined;
  const subscribed = new WeakSet<object>();
  let due = true;
  let wake: (() => void) | undefined;
  const trigger = () => {
    due = true;
    wake?.();
  };
  options.signal.addEventListener('abort', trigger, { once: true });
  let last = 0;
  try {
    while (!options.signal.aborted) {
      if (due || journalBytes(journal) > 0 || Date.now() - last > heartbeat) {
        due = false;
        last = Date.now();
        const device = await openDevice(home, { create: true });
        try {
          const pinned =
            options.remember === false ? undefined : device.config.relayIds[options.url];
          links ??= new RelayLinks(
            options.url,
            device,
            Date.now() + 60_000,
            options.webSocket,
            pinned,
          );
          links.rebind(device);
          const report = await syncOnce(device, {
            ...options,
            links,
            timeoutMs: options.timeoutMs ?? 60_000,
          });
          options.onReport?.(report);
          if (report.removed) return;
          for (const link of links.open()) {
            if (!subscribed.has(link)) {
              subscribed.add(link);
              link.onAvailable(trigger);
            }
          }
        } catch (error) {
          if (!isSyncError(error, 'SYNC_RELAY_UNREACHABLE')) throw error;
          options.onError?.(error);
        } finally {
          await closeDevice(device);
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    options.signal.removeEventListener('abort', trigger);
    await links?.close();
  }
}
