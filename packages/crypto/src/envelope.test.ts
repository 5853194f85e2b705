import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, ready, sign, signEnvelope, verifyEnvelope } from './index.js';
import type { DeviceIdentity } from './index.js';

beforeAll(async () => {
  await ready();
});

const badSignature = expect.objectContaining({ code: 'BAD_SIGNATURE' });

describe('signEnvelope and verifyEnvelope', () => {
  let identity: DeviceIdentity;
  const alice = (): DeviceIdentity => identity;
  beforeAll(() => {
    identity = generateDeviceIdentity();
  });

  it('returns the payload and the signer for an untouched envelope', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), (payload) => {
        const result = verifyEnvelope(signEnvelope(alice(), payload));
        expect(result.payload).toEqual(payload);
        expect(result.signPublicKey).toEqual(alice().signPublicKey);
        expect(result.deviceId).toBe(alice().deviceId);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects any single bit flip anywhere in the envelope', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.nat(), (payload, n) => {
        const envelope = signEnvelope(alice(), payload);
        const bit = n % (envelope.length * 8);
        envelope[bit >> 3] = (envelope[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        expect(() => verifyEnvelope(envelope)).toThrow(badSignature);
      }),
    );
  });

  it('rejects truncation and extension', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 256 }),
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 16 }),
        (payload, n, extra) => {
          const envelope = signEnvelope(alice(), payload);
          expect(() => verifyEnvelope(envelope.subarray(0, n % envelope.length))).toThrow(
            badSignature,
          );
          expect(() => verifyEnvelope(Uint8Array.of(...envelope, ...extra))).toThrow(badSignature);
        },
      ),
    );
  });

  it('rejects an envelope re-signed with another key but claiming the original signer', () => {
    const mallory = generateDeviceIdentity();
    const envelope = signEnvelope(alice(), Uint8Array.of(1, 2, 3));
    const forged = envelope.slice();
    forged.set(sign(mallory.signSecretKey, Uint8Array.of(1, 2, 3)), 33);
    expect(() => verifyEnvelope(forged)).toThrow(badSignature);
  });

  it('does not accept a plain signature of the payload as an envelope signature', () => {
    const payload = Uint8Array.of(7, 7, 7);
    const envelope = signEnvelope(alice(), payload);
    envelope.set(sign(alice().signSecretKey, payload), 33);
    expect(() => verifyEnvelope(envelope)).toThrow(badSignature);
  });
});
