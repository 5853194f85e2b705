import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, ready, toHex } from './index.js';

beforeAll(async () => {
  await ready();
});

describe('randomBytes', () => {
  it('returns the requested number of bytes, beyond the 64 KiB per-call limit of Web Crypto', () => {
    expect(randomBytes(0)).toHaveLength(0);
    expect(randomBytes(24)).toHaveLength(24);
    const big = randomBytes(200_000);
    expect(big).toHaveLength(200_000);
    // Every 64 KiB slice was filled, not just the first.
    expect(big.subarray(150_000, 150_032).some((b) => b !== 0)).toBe(true);
  });

  it('never repeats a 32-byte value', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => toHex(randomBytes(32))));
    expect(seen.size).toBe(1000);
  });

  it('rejects negative or fractional lengths', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => randomBytes(-1)).toThrow(invalid);
    expect(() => randomBytes(1.5)).toThrow(invalid);
  });
});
