import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyedHasher, keyedHash, randomBytes, ready, toHex } from './index.js';

beforeAll(async () => {
  await ready();
});

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });
const data = fc.uint8Array({ maxLength: 2048 });

describe('keyedHash', () => {
  it('gives equal digests for equal key and input', () => {
    fc.assert(
      fc.property(key, data, (k, d) => {
        expect(keyedHash(k, d)).toEqual(keyedHash(k.slice(), d.slice()));
      }),
    );
  });

  it('gives different digests under different keys', () => {
    fc.assert(
      fc.property(key, key, data, (k1, k2, d) => {
        fc.pre(toHex(k1) !== toHex(k2));
        expect(toHex(keyedHash(k1, d))).not.toBe(toHex(keyedHash(k2, d)));
      }),
    );
  });

  it('hashes a string as its UTF-8 bytes', () => {
    const k = randomBytes(32);
    expect(keyedHash(k, 'héllo')).toEqual(keyedHash(k, new TextEncoder().encode('héllo')));
  });

  it('honours the output length from 16 to 64 bytes and rejects others', () => {
    const k = randomBytes(32);
    expect(keyedHash(k, 'x')).toHaveLength(32);
    expect(keyedHash(k, 'x', 16)).toHaveLength(16);
    expect(keyedHash(k, 'x', 64)).toHaveLength(64);
    expect(() => keyedHash(k, 'x', 8)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('rejects keys shorter than 16 or longer than 64 bytes', () => {
    expect(() => keyedHash(randomBytes(8), 'x')).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY' }),
    );
    expect(() => keyedHash(randomBytes(65), 'x')).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY' }),
    );
  });

  it('matches BLAKE2b-512 with a key (RFC 7693 style known answer)', () => {
    // libsodium's test vector: key 00..3f, empty message, 64-byte output.
    const k = Uint8Array.from({ length: 64 }, (_, i) => i);
    expect(toHex(keyedHash(k, new Uint8Array(0), 64))).toBe(
      '10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786' +
        'b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568',
    );
  });
});

describe('createKeyedHasher', () => {
  it('gives the one-shot digest however the input is split', () => {
    fc.assert(
      fc.property(key, data, fc.array(fc.nat(), { maxLength: 8 }), (k, d, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (d.length + 1)))].sort((a, b) => a - b);
        const hasher = createKeyedHasher(k);
        let from = 0;
        for (const to of [...points, d.length]) {
          hasher.update(d.subarray(from, to));
          from = to;
        }
        expect(hasher.digest()).toEqual(keyedHash(k, d));
      }),
    );
  });

  it('refuses to be used after producing its digest', () => {
    const hasher = createKeyedHasher(randomBytes(32), 24);
    hasher.update(Uint8Array.of(1));
    expect(hasher.digest()).toHaveLength(24);
    const finished = expect.objectContaining({ code: 'HASHER_FINISHED' });
    expect(() => hasher.update(Uint8Array.of(2))).toThrow(finished);
    expect(() => hasher.digest()).toThrow(finished);
  });
});
