import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeClientFrame, encodeClientFrame } from './client-codec.js';
import type { ClientFrame, RelayFrame } from './frames.js';
import type { BundleId, Cursor, DeviceTag, InvitationId, RelayId, RoutingId } from './ids.js';
import { isProtocolError } from './protocol-error.js';
import { decodeRelayFrame, encodeRelayFrame } from './relay-codec.js';
import { SESSION_LIMIT_FIELDS, type SessionLimits } from './session-limits.js';

const b64 = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
const routingId = b64(22, 86).map((s) => s as RoutingId);
const deviceTag = b64(1, 64).map((s) => s as DeviceTag);
const bundleId = b64(1, 128).map((s) => s as BundleId);
const invitationId = b64(22, 86).map((s) => s as InvitationId);
const relayId = b64(1, 64).map((s) => s as RelayId);
const cursor = fc.stringMatching(/^[A-Za-z0-9._-]{0,64}$/).map((s) => s as Cursor);
const bytes = fc.uint8Array({ maxLength: 300 });
const fixed = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u53 = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

// Arbitrary valid client frames (hello always offers version 1).
const clientFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc.record({
    type: fc.constant('hello' as const),
    protocolVersion: fc.integer({ min: 1, max: 9 }),
    minProtocolVersion: fc.constant(1),
    space: fc.option(fc.record({ routingId, authPublicKey: fixed(32), deviceTag }), {
      nil: undefined,
    }),
  }),
  fc.record({ type: fc.constant('auth' as const), signature: fixed(64) }),
  fc.record({ type: fc.constant('put' as const), requestId: u32, bundleId, bytes }),
  fc.record({
    type: fc.constant('pull' as const),
    requestId: u32,
    after: cursor,
    limit: fc.integer({ min: 1, max: 0xffff }),
    excludeOwn: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('delete' as const),
    requestId: u32,
    bundleIds: fc.array(bundleId, { minLength: 1, maxLength: 20 }),
  }),
  fc.record({ type: fc.constant('deleteSpace' as const), requestId: u32 }),
  fc.record({
    type: fc.constant('forward' as const),
    requestId: u32,
    to: fc.option(deviceTag, { nil: undefined }),
    bytes,
  }),
  fc.record({ type: fc.constant('invitePut' as const), requestId: u32, invitationId, bytes }),
  fc.record({ type: fc.constant('invitePull' as const), requestId: u32, invitationId, after: u16 }),
  fc.record({ type: fc.constant('inviteDelete' as const), requestId: u32, invitationId }),
);

const limits = fc
  .tuple(...SESSION_LIMIT_FIELDS.map(() => u53))
  .map(
    (values) =>
      Object.fromEntries(
        SESSION_LIMIT_FIELDS.map((f, i) => [f, values[i]]),
      ) as unknown as SessionLimits,
  );

// Arbitrary valid relay frames.
const relayFrame: fc.Arbitrary<RelayFrame> = fc.oneof(
  fc.record({
    type: fc.constant('challenge' as const),
    protocolVersion: u16,
    relayId,
    nonce: fixed(32),
  }),
  fc.record({
    type: fc.constant('welcome' as const),
    protocolVersion: u16,
    serverTime: u53,
    limits,
    online: fc.array(deviceTag, { maxLength: 5 }),
    usage: fc.record({ bytes: u53, bundles: u53 }),
  }),
  fc.record({
    type: fc.constant('putOk' as const),
    requestId: u32,
    cursor,
    duplicate: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('pullOk' as const),
    requestId: u32,
    cursor,
    more: fc.boolean(),
    bundles: fc.array(fc.record({ cursor, deviceTag, bundleId, storedAt: u53, bytes }), {
      maxLength: 5,
    }),
  }),
  fc.record({ type: fc.constant('deleteOk' as const), requestId: u32, deleted: u32 }),
  fc.record({ type: fc.constant('deleteSpaceOk' as const), requestId: u32 }),
  fc.record({ type: fc.constant('invitePutOk' as const), requestId: u32, seq: u16 }),
  fc.record({
    type: fc.constant('invitePullOk' as const),
    requestId: u32,
    messages: fc.array(fc.record({ seq: u16, bytes }), { maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('inviteDeleteOk' as const),
    requestId: u32,
    existed: fc.boolean(),
  }),
  fc.record({ type: fc.constant('forwarded' as const), from: deviceTag, bytes }),
  fc.record({
    type: fc.constant('presence' as const),
    event: fc.constantFrom('joined' as const, 'left' as const),
    deviceTag,
  }),
  fc.record({ type: fc.constant('available' as const), cursor, deviceTag }),
  fc.record({ type: fc.constant('inviteMessage' as const), invitationId, seq: u16, bytes }),
  fc.record({
    type: fc.constant('error' as const),
    requestId: u32,
    code: fc.stringMatching(/^[a-z0-9_]{1,64}$/),
    message: fc.string({ maxLength: 200 }),
  }),
);

describe('codec properties', () => {
  it('decoding an encoded client frame gives the same frame back', () => {
    fc.assert(
      fc.property(clientFrame, (frame) => {
        expect(decodeClientFrame(encodeClientFrame(frame))).toEqual(frame);
      }),
      { numRuns: 2000 },
    );
  });

  it('decoding an encoded relay frame gives the same frame back', () => {
    fc.assert(
      fc.property(relayFrame, (frame) => {
        expect(decodeRelayFrame(encodeRelayFrame(frame))).toEqual(frame);
      }),
      { numRuns: 2000 },
    );
  });

  it('every strict prefix of a valid frame is rejected as malformed', () => {
    fc.assert(
      fc.property(
        fc.oneof(clientFrame.map(encodeClientFrame), relayFrame.map(encodeRelayFrame)),
        (wire) => {
          const decode = wire[0]! < 0x80 ? decodeClientFrame : decodeRelayFrame;
          for (let n = 0; n < wire.length; n++) {
            expect(() => decode(wire.subarray(0, n))).toThrow(
              expect.objectContaining({ code: 'malformed_frame' }),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a valid frame with a trailing byte is rejected as malformed', () => {
    fc.assert(
      fc.property(clientFrame, fc.integer({ min: 0, max: 255 }), (frame, extra) => {
        const wire = encodeClientFrame(frame);
        const longer = new Uint8Array(wire.length + 1);
        longer.set(wire);
        longer[wire.length] = extra;
        expect(() => decodeClientFrame(longer)).toThrow(
          expect.objectContaining({ code: 'malformed_frame' }),
        );
      }),
    );
  });

  it('random and bit-flipped bytes only ever produce a ProtocolError or a valid frame', () => {
    const mutated = fc
      .tuple(clientFrame.map(encodeClientFrame), fc.nat(), fc.integer({ min: 1, max: 255 }))
      .map(([wire, at, mask]) => {
        const copy = wire.slice();
        copy[at % copy.length]! ^= mask;
        return copy;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated), (input) => {
        for (const decode of [decodeClientFrame, decodeRelayFrame]) {
          try {
            const frame = decode(input);
            expect(typeof frame.type).toBe('string');
          } catch (error) {
            expect(isProtocolError(error)).toBe(true);
          }
        }
      }),
      { numRuns: 20_000 },
    );
  });
});
