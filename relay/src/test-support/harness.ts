import type {
  RelayConnectionEvents,
  RelayConnectionOptions,
  SpaceCredentials,
} from '@trail/protocol';
import { RelayConnection } from '@trail/protocol';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { RelayLimits } from '../limits.js';
import type { LogRecord } from '../logger.js';
import { startRelay, type RelayOptions, type RunningRelay } from '../start-relay.js';

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

/** Runs `fn` after the current test, last registered first. */
export function onCleanup(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

/** A relay started for one test, with its log events collected. */
export interface TestRelay extends RunningRelay {
  readonly logs: LogRecord[];
}

/** Starts an in-memory relay on 127.0.0.1 port 0 that is closed after the test. */
export async function testRelay(
  limits: Partial<RelayLimits> = {},
  options: Omit<RelayOptions, 'limits'> = {},
): Promise<TestRelay> {
  const logs: LogRecord[] = [];
  const relay = await startRelay({
    logLevel: 'debug',
    log: (record) => void (logs.length < 100_000 && logs.push(record)),
    ...options,
    limits,
  });
  onCleanup(() => relay.close());
  return { ...relay, logs };
}

/** Connects a device (or a guest) without reconnection, closed after the test. */
export async function connect(
  relay: { url: string },
  space?: SpaceCredentials,
  options: Partial<RelayConnectionOptions> = {},
): Promise<RelayConnection> {
  const connection = await RelayConnection.connect({
    url: relay.url,
    reconnect: false,
    ...(space !== undefined ? { space } : {}),
    ...options,
  });
  onCleanup(() => connection.close());
  return connection;
}

/** A temporary directory removed after the test. */
export async function tempDir(prefix = 'trail-relay-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Waits until `condition` holds (polling), failing with `what` if it never does. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Collects the events of one kind a connection emits from now on. */
export function events<K extends keyof RelayConnectionEvents>(
  connection: RelayConnection,
  event: K,
): RelayConnectionEvents[K][] {
  const seen: RelayConnectionEvents[K][] = [];
  connection.on(event, (value) => seen.push(value));
  return seen;
}

/** Bytes of a given length and fill value. */
export function bytes(length: number, fill = 7): Uint8Array {
  return new Uint8Array(length).fill(fill);
}
