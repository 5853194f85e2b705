import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, ready, sign, verify } from './index.js';

beforeAll(async () => {
  await ready();
});

describe('sign and verify', () => {
  it('verify accepts exactly the signed message under the signer’s key', () => {
    const alice = generateDeviceIdentity();
    const bob = generateDeviceIdentity();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.nat(), (message, n) => {
        const signature = sign(alice.signSecretKey, message);
        expect(signature).toHaveLength(64);
        expect(verify(alice.signPublicKey, message, signature)).toBe(true);
        expect(verify(bob.signPublicKey, message, signature)).toBe(false);
        const flipped = signature.slice();
        flipped[n % 64] = (flipped[n % 64] ?? 0) ^ 1;
        expect(verify(alice.signPublicKey, message, flipped)).toBe(false);
        const other = Uint8Array.of(...message, 0);
        expect(verify(alice.signPublicKey, other, signature)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('returns false for malformed keys and signatures instead of throwing', () => {
    const alice = generateDeviceIdentity();
    const signature = sign(alice.signSecretKey, 'x');
    expect(verify(alice.signPublicKey, 'x', signature.subarray(0, 63))).toBe(false);
    expect(verify(new Uint8Array(31) as never, 'x', signature)).toBe(false);
    // The all-zero key is a small-order point that libsodium refuses.
    expect(verify(new Uint8Array(32) as never, 'x', new Uint8Array(64))).toBe(false);
  });

  it('signs strings as UTF-8', () => {
    const alice = generateDeviceIdentity();
    const signature = sign(alice.signSecretKey, 'héllo');
    expect(verify(alice.signPublicKey, new TextEncoder().encode('héllo'), signature)).toBe(true);
  });
});
