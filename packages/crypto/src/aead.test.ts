import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { asCiphertext, generateSpaceKey, open, ready, seal, toHex, toPlaintext } from './index.js';
import type { Ciphertext } from './index.js';

beforeAll(async () => {
  await ready();
});

const message = fc.uint8Array({ maxLength: 4096 });
const ad = fc.uint8Array({ maxLength: 256 });
const decryptFailed = expect.objectContaining({ code: 'DECRYPT_FAILED' });

function tamper(ciphertext: Ciphertext, bit: number): Ciphertext {
  const copy = ciphertext.slice();
  const index = bit >> 3;
  copy[index] = (copy[index] ?? 0) ^ (1 << (bit & 7));
  return asCiphertext(copy);
}

describe('seal and open', () => {
  it('open(seal(x)) = x for any plaintext and associated data', () => {
    fc.assert(
      fc.property(message, ad, (plaintext, associatedData) => {
        const key = generateSpaceKey();
        const sealed = seal(key, plaintext, associatedData);
        expect(sealed).toHaveLength(plaintext.length + 40);
        expect(open(key, sealed, associatedData)).toEqual(plaintext);
      }),
    );
  });

  it('uses a fresh nonce, so sealing the same plaintext twice gives different ciphertexts', () => {
    const key = generateSpaceKey();
    const text = toPlaintext('same');
    expect(toHex(seal(key, text, new Uint8Array(0)))).not.toBe(
      toHex(seal(key, text, new Uint8Array(0))),
    );
  });

  it('fails with DECRYPT_FAILED when any single bit is flipped', () => {
    fc.assert(
      fc.property(message, ad, fc.nat(), (plaintext, associatedData, n) => {
        const key = generateSpaceKey();
        const sealed = seal(key, plaintext, associatedData);
        const bit = n % (sealed.length * 8);
        expect(() => open(key, tamper(sealed, bit), associatedData)).toThrow(decryptFailed);
      }),
    );
  });

  it('fails with DECRYPT_FAILED when truncated to any length', () => {
    fc.assert(
      fc.property(message, ad, fc.nat(), (plaintext, associatedData, n) => {
        const key = generateSpaceKey();
        const sealed = seal(key, plaintext, associatedData);
        const cut = asCiphertext(sealed.subarray(0, n % sealed.length));
        expect(() => open(key, cut, associatedData)).toThrow(decryptFailed);
      }),
    );
  });

  it('fails with DECRYPT_FAILED when bytes are appended', () => {
    fc.assert(
      fc.property(
        message,
        ad,
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        (plaintext, associatedData, extra) => {
          const key = generateSpaceKey();
          const sealed = seal(key, plaintext, associatedData);
          const longer = new Uint8Array(sealed.length + extra.length);
          longer.set(sealed);
          longer.set(extra, sealed.length);
          expect(() => open(key, asCiphertext(longer), associatedData)).toThrow(decryptFailed);
        },
      ),
    );
  });

  it('fails with DECRYPT_FAILED under a wrong key', () => {
    fc.assert(
      fc.property(message, ad, (plaintext, associatedData) => {
        const sealed = seal(generateSpaceKey(), plaintext, associatedData);
        expect(() => open(generateSpaceKey(), sealed, associatedData)).toThrow(decryptFailed);
      }),
    );
  });

  it('fails with DECRYPT_FAILED under different associated data', () => {
    fc.assert(
      fc.property(message, ad, ad, (plaintext, ad1, ad2) => {
        fc.pre(toHex(ad1) !== toHex(ad2));
        const key = generateSpaceKey();
        expect(() => open(key, seal(key, plaintext, ad1), ad2)).toThrow(decryptFailed);
      }),
    );
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => seal(new Uint8Array(16) as never, new Uint8Array(1), new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY' }),
    );
  });
});
