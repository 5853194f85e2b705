import type { BundleId } from '@trail/protocol';
import { isRelayError, RelayConnection } from '@trail/protocol';
import { describe, expect, it } from 'vitest';
import { startRelay } from './start-relay.js';
import { MemoryMailboxStore } from './store/memory-store.js';
import { events, connect, onCleanup, tempDir, testRelay, waitFor } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';

const fast = { initialDelayMs: 10, maxDelayMs: 50 };

describe('RelayConnection', () => {
  it('reconnects with backoff after the relay restarts and resumes where it left off', async () => {
    const dataDir = await tempDir();
    const first = await startRelay({ dataDir, logLevel: 'silent' });
    const space = newSpace();
    const client = await RelayConnection.connect({
      url: first.url,
      space: device(space, 'laptop'),
      reconnect: fast,
    });
    onCleanup(() => client.close());
    const states = events(client, 'state');
    const opens = events(client, 'open');
    await client.put('before' as BundleId, new Uint8Array(4));
    await first.close();
    await waitFor(() => client.state === 'reconnecting', 'reconnecting');
    const waiting = client.put('during' as BundleId, new Uint8Array(4));
    const second = await startRelay({ dataDir, port: first.port, logLevel: 'silent' });
    onCleanup(() => second.close());
    await waiting;
    expect(opens).toHaveLength(1);
    expect(states).toEqual(['reconnecting', 'open']);
    expect((await client.pull()).bundles.map((b) => b.bundleId)).toEqual(['before', 'during']);
  });

  it('stops reconnecting after a fatal error such as space_deleted', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const doomed = await connect(relay, device(space, 'a'), { reconnect: fast });
    const errors = events(doomed, 'error');
    await (await connect(relay, device(space, 'b'))).deleteSpace();
    await waitFor(() => doomed.state === 'closed', 'closed for good');
    expect(errors.map((e) => e.code)).toContain('space_deleted');
    const refused = await doomed.pull().catch((e: unknown) => e);
    expect(isRelayError(refused, 'space_deleted')).toBe(true);
  });

  it('fails requests in flight with the reason the session dropped', async () => {
    const relay = await testRelay({
      maxFrameBytes: 4096,
      maxPayloadBytes: 1024,
      invitationMaxMessageBytes: 128,
    });
    const client = await connect(relay, device(newSpace(), 'a'), { reconnect: false });
    const error = await client
      .put('huge' as BundleId, new Uint8Array(10_000))
      .catch((e: unknown) => e);
    expect(isRelayError(error, 'frame_too_large')).toBe(true);
    expect(client.state).toBe('closed');
  });

  it('rejects the first connection attempt instead of retrying when the relay is unreachable', async () => {
    const relay = await testRelay();
    const url = relay.url;
    await relay.close();
    const error = await RelayConnection.connect({
      url,
      space: device(newSpace(), 'a'),
      reconnect: fast,
    }).catch((e: unknown) => e);
    expect(isRelayError(error, 'connection_failed')).toBe(true);
  });

  it('fails pending and later requests with closed after close()', async () => {
    const relay = await testRelay();
    const client = await connect(relay, device(newSpace(), 'a'));
    await client.close();
    expect(client.state).toBe('closed');
    const error = await client.pull().catch((e: unknown) => e);
    expect(isRelayError(error, 'closed')).toBe(true);
    expect(client.forward(new Uint8Array(1))).toBe(false);
    await waitFor(() => relay.stats().connections === 0, 'server saw the close');
  });

  it('times out a request the relay does not answer in time and ignores the late answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = new MemoryMailboxStore();
    const slow = new Proxy(store, {
      get(target, property) {
        if (property === 'pull') {
          return async (...args: Parameters<MemoryMailboxStore['pull']>) => {
            await gate;
            return target.pull(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const relay = await testRelay({}, { store: slow });
    const client = await connect(relay, device(newSpace(), 'a'), { requestTimeoutMs: 50 });
    const error = await client.pull().catch((e: unknown) => e);
    expect(isRelayError(error, 'timeout')).toBe(true);
    release();
    expect((await client.put('after' as BundleId, new Uint8Array(1))).duplicate).toBe(false);
    expect((await client.pull()).bundles).toHaveLength(1);
    expect(client.state).toBe('open');
  });
});
