import type { BundleId, InvitationId, RelayError } from '@trail/protocol';
import { FRAME_CODES, isRelayError } from '@trail/protocol';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { MemoryMailboxStore } from './store/memory-store.js';
import { bytes, connect, events, onCleanup, testRelay, waitFor } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';
import { RawClient } from './test-support/raw-client.js';

const id = (s: string) => s as BundleId;

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => 'resolved',
    (e: unknown) => (e as RelayError).code,
  );
  return error;
}

function httpStatus(url: string): Promise<{ status: number; error: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve({
        status: res.statusCode ?? 0,
        error: res.headers['x-trail-error'] as string | undefined,
      });
      res.resume();
      ws.terminate();
    });
    ws.on('error', () => undefined);
    ws.on('open', () => reject(new Error('connection was accepted')));
  });
}

describe('limits', () => {
  it('refuses a put beyond the space byte quota with quota_exceeded', async () => {
    const relay = await testRelay({ spaceQuotaBytes: 2_000_000 });
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    await laptop.put(id('one'), bytes(1_000_000));
    await laptop.put(id('two'), bytes(1_000_000));
    expect(await refusal(laptop.put(id('three'), bytes(1)))).toBe('quota_exceeded');
    await laptop.delete([id('one')]);
    expect((await laptop.put(id('three'), bytes(1))).duplicate).toBe(false);
  });

  it('refuses bundles and live messages larger than maxPayloadBytes with payload_too_large', async () => {
    const relay = await testRelay({ maxPayloadBytes: 1000, maxFrameBytes: 300_000 });
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    const errors = events(laptop, 'error');
    expect(await refusal(laptop.put(id('big'), bytes(1001)))).toBe('payload_too_large');
    laptop.forward(bytes(1001));
    await waitFor(() => errors.length === 1, 'forward refusal');
    expect(errors[0]!.code).toBe('payload_too_large');
    expect(laptop.state).toBe('open');
  });

  it('closes the connection with 1009 when a frame exceeds maxFrameBytes', async () => {
    const relay = await testRelay({
      maxFrameBytes: 4096,
      maxPayloadBytes: 1024,
      invitationMaxMessageBytes: 128,
    });
    const client = await RawClient.open(relay.url);
    await client.handshake(device(newSpace(), 'laptop'));
    client.send(new Uint8Array(4097));
    expect((await client.closed).code).toBe(1009);
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    expect(await refusal(laptop.put(id('x'), bytes(5000)))).toBe('frame_too_large');
    await waitFor(
      () => relay.logs.some((l) => l.event === 'limit' && l.limit === 'frame_too_large'),
      'log',
    );
  });

  it('answers frames beyond the rate limit with rate_limited naming the request', async () => {
    // hello and auth take two of the five tokens.
    const relay = await testRelay({ messagesPerSecond: 1, messageBurst: 5 });
    const client = await RawClient.open(relay.url);
    await client.handshake(device(newSpace(), 'laptop'));
    for (let i = 1; i <= 8; i++)
      client.frame({ type: 'put', requestId: i, bundleId: id(`b${i}`), bytes: bytes(1) });
    const responses = [];
    for (let i = 0; i < 8; i++) responses.push(await client.next());
    const limited = responses.filter((f) => f?.type === 'error' && f.code === 'rate_limited');
    expect(limited.map((f) => f?.type === 'error' && f.requestId).sort()).toEqual([4, 5, 6, 7, 8]);
    expect(responses.filter((f) => f?.type === 'putOk')).toHaveLength(3);
  });

  it('closes a connection that keeps sending while rate limited', async () => {
    const relay = await testRelay({ messagesPerSecond: 1, messageBurst: 3 });
    const client = await RawClient.open(relay.url);
    await client.handshake(device(newSpace(), 'laptop'));
    for (let i = 1; i <= 20; i++) client.frame({ type: 'forward', requestId: i, bytes: bytes(1) });
    expect((await client.closed).code).toBe(1008);
  });

  it('counts WebSocket pings against the rate limit and closes a ping flood', async () => {
    const relay = await testRelay({ messagesPerSecond: 1, messageBurst: 5 });
    const client = await RawClient.open(relay.url);
    await client.handshake(device(newSpace(), 'laptop'));
    for (let i = 0; i < 50; i++) client.ws.ping();
    expect((await client.closed).code).toBe(1008);
  });

  it('tells a client sending more requests than it may queue that the relay is overloaded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = new MemoryMailboxStore();
    const slow = new Proxy(store, {
      get(target, property) {
        if (property === 'put') {
          return async (...args: Parameters<MemoryMailboxStore['put']>) => {
            await gate;
            return target.put(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const relay = await testRelay({ maxQueuedFrames: 2 }, { store: slow });
    const client = await RawClient.open(relay.url);
    await client.handshake(device(newSpace(), 'laptop'));
    for (let i = 1; i <= 4; i++)
      client.frame({ type: 'put', requestId: i, bundleId: id(`b${i}`), bytes: bytes(1) });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'overloaded', requestId: 3 });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'overloaded', requestId: 4 });
    release();
    expect(await client.next()).toMatchObject({ type: 'putOk', requestId: 1 });
    expect(await client.next()).toMatchObject({ type: 'putOk', requestId: 2 });
  });

  it('caps the bytes waiting to be processed across all connections', async () => {
    const store = new MemoryMailboxStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stuck = new Proxy(store, {
      get(target, property) {
        if (property === 'put') {
          return async (...args: Parameters<MemoryMailboxStore['put']>) => {
            await gate;
            return target.put(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const limits = {
      maxFrameBytes: 4096,
      maxPayloadBytes: 1024,
      invitationMaxMessageBytes: 128,
      maxInflightBytes: 4096,
    };
    const relay = await testRelay(limits, { store: stuck });
    onCleanup(() => Promise.resolve(release()));
    const a = await RawClient.open(relay.url);
    const b = await RawClient.open(relay.url);
    await a.handshake(device(newSpace(), 'a'));
    await b.handshake(device(newSpace(), 'b'));
    for (let i = 1; i <= 3; i++)
      a.frame({ type: 'put', requestId: i, bundleId: id(`a${i}`), bytes: bytes(1024) });
    // An unknown frame type is answered at once, so its answer proves a's puts were queued.
    a.send(Uint8Array.of(0x7e));
    expect(await a.next()).toMatchObject({ code: 'unknown_frame_type' });
    b.frame({ type: 'put', requestId: 9, bundleId: id('b'), bytes: bytes(1024) });
    expect(await b.next()).toMatchObject({ type: 'error', code: 'overloaded', requestId: 9 });
  });

  it('limits how many new spaces one address may register per hour', async () => {
    const relay = await testRelay({ spaceRegistrationsPerIpPerHour: 2 });
    const first = newSpace();
    await connect(relay, device(first, 'a'));
    await connect(relay, device(newSpace(), 'a'));
    expect(await refusal(connect(relay, device(newSpace(), 'a')))).toBe('rate_limited');
    expect((await connect(relay, device(first, 'b'))).state).toBe('open');
  });

  it('limits how many new invitation mailboxes one address may open per hour', async () => {
    const relay = await testRelay({ invitationsPerIpPerHour: 1 });
    const guest = await connect(relay);
    const open = 'invitation-aaaaaaaaaaaaaaaaaa' as InvitationId;
    await guest.invitePut(open, bytes(1));
    expect(
      await refusal(guest.invitePut('invitation-bbbbbbbbbbbbbbbbbb' as InvitationId, bytes(1))),
    ).toBe('rate_limited');
    expect(await guest.invitePut(open, bytes(1))).toBe(2);
  });

  it('refuses connections beyond the per-IP limit with HTTP 429 before upgrading', async () => {
    const relay = await testRelay({ maxConnectionsPerIp: 2 });
    await connect(relay, device(newSpace(), 'a'));
    await connect(relay);
    expect(await httpStatus(relay.url)).toEqual({
      status: 429,
      error: 'too_many_connections_per_ip',
    });
    expect(await refusal(connect(relay))).toBe('connection_failed');
    await waitFor(() => relay.logs.some((l) => l.limit === 'too_many_connections_per_ip'), 'log');
  });

  it('refuses connections beyond the total limit with HTTP 503', async () => {
    const relay = await testRelay({ maxConnections: 2, maxConnectionsPerIp: 2 });
    await connect(relay);
    await connect(relay);
    expect(await httpStatus(relay.url)).toEqual({ status: 503, error: 'too_many_connections' });
  });

  it('gives the slot back when a connection closes', async () => {
    const relay = await testRelay({ maxConnections: 1, maxConnectionsPerIp: 1 });
    await (await connect(relay)).close();
    await waitFor(() => relay.stats().connections === 0, 'slot released');
    expect((await connect(relay)).state).toBe('open');
  });

  it('refuses a connection beyond the per-space limit with space_full', async () => {
    const relay = await testRelay({ maxConnectionsPerSpace: 2 });
    const space = newSpace();
    await connect(relay, device(space, 'a'));
    await connect(relay, device(space, 'b'));
    expect(await refusal(connect(relay, device(space, 'c')))).toBe('space_full');
    expect((await connect(relay, device(newSpace(), 'c'))).state).toBe('open');
  });

  it('refuses to register spaces beyond maxSpaces with relay_full', async () => {
    const relay = await testRelay({ maxSpaces: 1 });
    const first = newSpace();
    await connect(relay, device(first, 'a'));
    expect(await refusal(connect(relay, device(newSpace(), 'a')))).toBe('relay_full');
    expect((await connect(relay, device(first, 'b'))).state).toBe('open');
  });

  it('drops a peer that stops answering pings but keeps one that answers', async () => {
    const relay = await testRelay({ idleTimeoutMs: 200 });
    const alive = await connect(relay, device(newSpace(), 'alive'));
    const silent = await RawClient.open(relay.url, { autoPong: false });
    await silent.handshake(device(newSpace(), 'silent'));
    expect((await silent.closed).code).toBe(1006);
    expect(alive.state).toBe('open');
    expect((await alive.pull()).bundles).toEqual([]);
    expect(relay.logs.some((l) => l.limit === 'idle_timeout')).toBe(true);
  });

  it('answers an unknown frame type with unknown_frame_type and keeps the connection', async () => {
    const relay = await testRelay();
    const client = await RawClient.open(relay.url);
    await client.handshake(device(newSpace(), 'laptop'));
    client.send(Uint8Array.of(0x7e, 0, 0, 0, 9));
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unknown_frame_type' });
    client.frame({ type: 'put', requestId: 2, bundleId: id('after'), bytes: bytes(1) });
    expect(await client.next()).toMatchObject({ type: 'putOk', requestId: 2 });
  });

  it('closes on a malformed frame (1002) and on a text message (1003)', async () => {
    const relay = await testRelay();
    const malformed = await RawClient.open(relay.url);
    malformed.send(Uint8Array.of(FRAME_CODES.hello, 0, 1, 0, 1, 1, 200));
    expect(await malformed.next()).toMatchObject({ type: 'error', code: 'malformed_frame' });
    expect((await malformed.closed).code).toBe(1002);
    const text = await RawClient.open(relay.url);
    text.send('hello?');
    expect(await text.next()).toMatchObject({ type: 'error', code: 'malformed_frame' });
    expect((await text.closed).code).toBe(1003);
  });

  it('drops live messages for a device that stops reading instead of buffering without bound', async () => {
    const relay = await testRelay({
      maxBufferedBytes: 2 << 20,
      bytesPerSecond: 1 << 30,
      bytesBurst: 1 << 30,
      messageBurst: 10_000,
      messagesPerSecond: 10_000,
    });
    const space = newSpace();
    const reader = await RawClient.open(relay.url);
    await reader.handshake(device(space, 'stuck'));
    reader.ws.pause();
    const sender = await connect(relay, device(space, 'sender'));
    const chunk = bytes(64 * 1024);
    await waitFor(() => {
      for (let i = 0; i < 16; i++) sender.forward(chunk);
      return relay.logs.some((l) => l.event === 'forward_dropped');
    }, 'a dropped forward');
    expect(
      isRelayError(
        await sender.pull().then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    ).toBe(false);
    reader.ws.terminate();
  });
});
