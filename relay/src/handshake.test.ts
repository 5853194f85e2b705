import type { RelayId, RoutingId } from '@trail/protocol';
import {
  authChallengeMessage,
  encodeClientFrame,
  FRAME_CODES,
  isRelayError,
} from '@trail/protocol';
import { describe, expect, it } from 'vitest';
import { connect, testRelay } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';
import { RawClient } from './test-support/raw-client.js';

describe('handshake', () => {
  it('opens a session for a device that signs the challenge with the space auth key', async () => {
    const relay = await testRelay({ spaceQuotaBytes: 5_000_000 });
    const connection = await connect(relay, device(newSpace(), 'laptop'));
    expect(connection.state).toBe('open');
    expect(connection.welcome).toMatchObject({
      protocolVersion: 1,
      online: [],
      usage: { bytes: 0, bundles: 0 },
    });
    expect(connection.welcome?.limits.spaceQuotaBytes).toBe(5_000_000);
    expect(connection.relayId).toBe(relay.relayId);
  });

  it('pins the first auth key of a routing id and refuses a different key with auth_key_mismatch', async () => {
    const relay = await testRelay();
    const owner = newSpace();
    await (await connect(relay, device(owner, 'laptop'))).close();
    const impostor = newSpace(owner.routingId);
    const error = await connect(relay, device(impostor, 'laptop')).catch((e: unknown) => e);
    expect(isRelayError(error, 'auth_key_mismatch')).toBe(true);
    const again = await connect(relay, device(owner, 'desktop'));
    expect(again.state).toBe('open');
  });

  it('refuses a bad signature with auth_failed and closes the connection', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const client = await RawClient.open(relay.url);
    await client.hello(device(space, 'laptop'));
    client.frame({ type: 'auth', signature: new Uint8Array(64).fill(1) });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'auth_failed', requestId: 0 });
    expect((await client.closed).code).toBe(1008);
  });

  it('refuses a signature replayed from another connection', async () => {
    const relay = await testRelay();
    const creds = device(newSpace(), 'laptop');
    const first = await RawClient.open(relay.url);
    const second = await RawClient.open(relay.url);
    const challenge = await first.hello(creds);
    await second.hello(creds);
    const stolen = creds.sign(authChallengeMessage({ ...challenge, ...creds }));
    second.frame({ type: 'auth', signature: await stolen });
    expect(await second.next()).toMatchObject({ type: 'error', code: 'auth_failed' });
    first.frame({ type: 'auth', signature: await stolen });
    expect(await first.next()).toMatchObject({ type: 'welcome' });
  });

  it('refuses a signature made for another relay id', async () => {
    const relay = await testRelay();
    const creds = device(newSpace(), 'laptop');
    const client = await RawClient.open(relay.url);
    const challenge = await client.hello(creds);
    const elsewhere = { ...challenge, relayId: 'another-relay' as RelayId };
    client.frame({
      type: 'auth',
      signature: await creds.sign(authChallengeMessage({ ...elsewhere, ...creds })),
    });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'auth_failed' });
  });

  it('lets a client refuse a relay whose id differs from the pinned one', async () => {
    const relay = await testRelay();
    const error = await connect(relay, device(newSpace(), 'laptop'), {
      expectedRelayId: 'pinned' as RelayId,
    }).catch((e: unknown) => e);
    expect(isRelayError(error, 'relay_id_mismatch')).toBe(true);
  });

  it('answers a hello with no common protocol version with unsupported_version, then closes', async () => {
    const relay = await testRelay();
    const client = await RawClient.open(relay.url);
    client.send(Uint8Array.of(FRAME_CODES.hello, 0, 9, 0, 7, 1, 2, 3));
    const error = await client.next();
    expect(error).toMatchObject({ type: 'error', code: 'unsupported_version' });
    expect(error?.type === 'error' && error.message).toContain('version 1');
    expect((await client.closed).code).toBe(1002);
  });

  it('treats a request before authentication as unexpected_frame and closes', async () => {
    const relay = await testRelay();
    const client = await RawClient.open(relay.url);
    client.frame({ type: 'deleteSpace', requestId: 5 });
    expect(await client.next()).toMatchObject({
      type: 'error',
      code: 'unexpected_frame',
      requestId: 5,
    });
    expect((await client.closed).code).toBe(1008);
  });

  it('treats a second hello as unexpected_frame', async () => {
    const relay = await testRelay();
    const creds = device(newSpace(), 'laptop');
    const client = await RawClient.open(relay.url);
    await client.handshake(creds);
    client.frame({ type: 'hello', protocolVersion: 1, minProtocolVersion: 1 });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'unexpected_frame' });
  });

  it('closes a connection that does not complete the handshake in time', async () => {
    const relay = await testRelay({ handshakeTimeoutMs: 50 });
    const client = await RawClient.open(relay.url);
    expect(await client.next()).toMatchObject({ type: 'error', code: 'handshake_timeout' });
    expect((await client.closed).code).toBe(1008);
  });

  it('opens a guest session without a challenge, which may not touch any space', async () => {
    const relay = await testRelay();
    const guest = await connect(relay);
    expect(guest.welcome?.online).toEqual([]);
    expect(guest.relayId).toBeUndefined();
    const client = await RawClient.open(relay.url);
    client.frame({ type: 'hello', protocolVersion: 1, minProtocolVersion: 1 });
    await client.expect('welcome');
    client.frame({ type: 'pull', requestId: 1, after: '' as never, limit: 10, excludeOwn: false });
    expect(await client.next()).toMatchObject({
      type: 'error',
      code: 'unexpected_frame',
      requestId: 1,
    });
  });

  it('accepts the auth frame pipelined right behind hello', async () => {
    const relay = await testRelay();
    const space = newSpace();
    const creds = device(space, 'laptop');
    const client = await RawClient.open(relay.url);
    const challenge = await client.hello(creds);
    client.frame({
      type: 'auth',
      signature: creds.sign(authChallengeMessage({ ...challenge, ...creds })) as Uint8Array,
    });
    client.frame({ type: 'put', requestId: 1, bundleId: 'b1' as never, bytes: new Uint8Array(3) });
    await client.expect('welcome');
    expect(await client.next()).toMatchObject({ type: 'putOk', requestId: 1, duplicate: false });
  });

  it('does not reveal whether a routing id exists to a hello without a valid signature', async () => {
    const relay = await testRelay();
    const owner = newSpace();
    await (await connect(relay, device(owner, 'a'))).close();
    for (const routingId of [owner.routingId, newSpace().routingId] as RoutingId[]) {
      const client = await RawClient.open(relay.url);
      const creds = { ...device(newSpace(routingId), 'x') };
      await client.hello(creds);
      client.send(encodeClientFrame({ type: 'auth', signature: new Uint8Array(64) }));
      expect(await client.next()).toMatchObject({ type: 'error', code: 'auth_failed' });
    }
  });
});
