import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  asCiphertext,
  generateDeviceIdentity,
  generateSpaceKey,
  openFromDevice,
  ready,
  sealToDevice,
} from './index.js';

beforeAll(async () => {
  await ready();
});

const decryptFailed = expect.objectContaining({ code: 'DECRYPT_FAILED' });

describe('sealToDevice and openFromDevice', () => {
  it('deliver a space key that only the addressed device can open', () => {
    const laptop = generateDeviceIdentity();
    const desktop = generateDeviceIdentity();
    const key = generateSpaceKey();
    const sealed = sealToDevice(desktop.boxPublicKey, key);
    expect(openFromDevice(desktop, sealed)).toEqual(key);
    expect(() => openFromDevice(laptop, sealed)).toThrow(decryptFailed);
  });

  it('fail with DECRYPT_FAILED on any bit flip or truncation', () => {
    const device = generateDeviceIdentity();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 128 }), fc.nat(), (plaintext, n) => {
        const sealed = sealToDevice(device.boxPublicKey, plaintext);
        const bit = n % (sealed.length * 8);
        const flipped = sealed.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        expect(() => openFromDevice(device, asCiphertext(flipped))).toThrow(decryptFailed);
        const cut = asCiphertext(sealed.subarray(0, n % sealed.length));
        expect(() => openFromDevice(device, cut)).toThrow(decryptFailed);
      }),
      { numRuns: 50 },
    );
  });

  it('refuse a recipient key that is a low-order point', () => {
    expect(() => sealToDevice(new Uint8Array(32) as never, Uint8Array.of(1))).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY' }),
    );
  });
});
