import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  asCiphertext,
  decryptStream,
  encryptStream,
  generateSpaceKey,
  openBlob,
  ready,
  sealBlob,
} from './index.js';
import type { BlobOptions, ByteSource, SymmetricKey } from './index.js';

beforeAll(async () => {
  await ready();
});

const RECORD = 65536 + 17;
const decryptFailed = expect.objectContaining({ code: 'DECRYPT_FAILED' });

const join = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return join(...parts);
}

/** Splits bytes at the given cut points (taken modulo the length), as a network would. */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const to of [...points, bytes.length]) {
    parts.push(bytes.slice(from, to));
    from = to;
  }
  return parts;
}

async function* slowly(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

const decrypt = (key: SymmetricKey, source: ByteSource, options?: BlobOptions) =>
  collect(decryptStream(key, source, options));

// Sizes around the 64 KiB record boundary matter most.
const size = fc.oneof(
  fc.nat({ max: 300 }),
  fc.constantFrom(65535, 65536, 65537, 131072, 131073),
  fc.nat({ max: 200_000 }),
);
const blob = size.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff));
const cuts = fc.array(fc.nat(), { maxLength: 6 });

describe('encryptStream and decryptStream', () => {
  it('round-trip any bytes under any chunking of the plaintext and of the ciphertext', async () => {
    await fc.assert(
      fc.asyncProperty(blob, cuts, cuts, async (plaintext, plainCuts, cipherCuts) => {
        const key = generateSpaceKey();
        const sealed = await collect(encryptStream(key, slowly(split(plaintext, plainCuts))));
        const opened = await decrypt(key, slowly(split(sealed, cipherCuts)));
        expect(opened).toEqual(plaintext);
      }),
      { numRuns: 40 },
    );
  });

  it('produce the same format as sealBlob and openBlob', async () => {
    await fc.assert(
      fc.asyncProperty(blob, cuts, async (plaintext, plainCuts) => {
        const key = generateSpaceKey();
        const streamed = asCiphertext(
          await collect(encryptStream(key, split(plaintext, plainCuts))),
        );
        expect(openBlob(key, streamed)).toEqual(plaintext);
        expect(streamed).toHaveLength(sealBlob(key, plaintext).length);
        expect(await decrypt(key, sealBlob(key, plaintext))).toEqual(plaintext);
      }),
      { numRuns: 30 },
    );
  });

  it('detect truncation when the final record is dropped', async () => {
    const key = generateSpaceKey();
    for (const length of [1, 65536, 65537, 200_000]) {
      const sealed = sealBlob(key, new Uint8Array(length));
      const records = Math.ceil((sealed.length - 25) / RECORD);
      const withoutFinal = sealed.subarray(0, 25 + (records - 1) * RECORD);
      await expect(decrypt(key, withoutFinal)).rejects.toThrow(decryptFailed);
      expect(() => openBlob(key, asCiphertext(withoutFinal))).toThrow(decryptFailed);
    }
  });

  it('detect truncation at any byte and extension by any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        blob,
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        async (plaintext, n, extra) => {
          const key = generateSpaceKey();
          const sealed = sealBlob(key, plaintext);
          const cut = sealed.subarray(0, n % sealed.length);
          await expect(decrypt(key, cut)).rejects.toThrow(decryptFailed);
          expect(() => openBlob(key, asCiphertext(cut))).toThrow(decryptFailed);
          const longer = asCiphertext(join(sealed, extra));
          await expect(decrypt(key, longer)).rejects.toThrow(decryptFailed);
          expect(() => openBlob(key, longer)).toThrow(decryptFailed);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('fail with DECRYPT_FAILED on any bit flip, a wrong key or different associated data', async () => {
    await fc.assert(
      fc.asyncProperty(blob, fc.nat(), async (plaintext, n) => {
        const key = generateSpaceKey();
        const options = { associatedData: Uint8Array.of(1, 2) };
        const sealed = sealBlob(key, plaintext, options);
        const bit = n % (sealed.length * 8);
        const flipped = asCiphertext(sealed.slice());
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        expect(() => openBlob(key, flipped, options)).toThrow(decryptFailed);
        await expect(decrypt(key, flipped, options)).rejects.toThrow(decryptFailed);
        expect(() => openBlob(generateSpaceKey(), sealed, options)).toThrow(decryptFailed);
        expect(() => openBlob(key, sealed, { associatedData: Uint8Array.of(1, 3) })).toThrow(
          decryptFailed,
        );
        expect(() => openBlob(key, sealed)).toThrow(decryptFailed);
      }),
      { numRuns: 30 },
    );
  });

  it('detect records swapped between two blobs under the same key', () => {
    const key = generateSpaceKey();
    const a = sealBlob(key, new Uint8Array(70_000).fill(1));
    const b = sealBlob(key, new Uint8Array(70_000).fill(2));
    const mixed = asCiphertext(join(a.subarray(0, 25 + RECORD), b.subarray(25 + RECORD)));
    expect(() => openBlob(key, mixed)).toThrow(decryptFailed);
  });

  it('rejects a stream that yields something other than bytes', async () => {
    const key = generateSpaceKey();
    const bad = ['text'] as unknown as Uint8Array[];
    await expect(collect(encryptStream(key, bad))).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('checks the key when called, before any iteration', () => {
    const invalidKey = expect.objectContaining({ code: 'INVALID_KEY' });
    const short = new Uint8Array(3) as never;
    expect(() => encryptStream(short, new Uint8Array(0))).toThrow(invalidKey);
    expect(() => decryptStream(short, new Uint8Array(0))).toThrow(invalidKey);
    expect(() => sealBlob(short, new Uint8Array(0))).toThrow(invalidKey);
    expect(() => openBlob(short, asCiphertext(new Uint8Array(42)))).toThrow(invalidKey);
  });
});
