import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deriveSubkey,
  generateSpaceKey,
  kdfContext,
  ready,
  SUBKEY_PURPOSES,
  toHex,
} from './index.js';

beforeAll(async () => {
  await ready();
});

describe('kdfContext', () => {
  it('maps each documented purpose to a distinct, stable 8-character context', () => {
    const contexts = SUBKEY_PURPOSES.map(kdfContext);
    expect(new Set(contexts).size).toBe(SUBKEY_PURPOSES.length);
    for (const context of contexts) expect(context).toMatch(/^[A-Za-z0-9_-]{8}$/);
    // Pinned: changing these changes every derived key, blob id and routing id.
    expect(kdfContext('blob-ids')).toBe('WT8qBbbQ');
  });

  it('rejects purposes that are empty, too long or not lowercase words', () => {
    for (const bad of ['', 'Blob', 'blob ids', '-x', 'a'.repeat(65), 'ü']) {
      expect(() => kdfContext(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});

describe('deriveSubkey', () => {
  it('is deterministic, and differs by purpose, id and master key', () => {
    const key = generateSpaceKey();
    const other = generateSpaceKey();
    const hex = (k: Uint8Array): string => toHex(k);
    expect(hex(deriveSubkey(key, 'bundle', 1))).toBe(hex(deriveSubkey(key, 'bundle', 1)));
    const all = [
      deriveSubkey(key, 'bundle', 1),
      deriveSubkey(key, 'bundle', 2),
      deriveSubkey(key, 'routing', 1),
      deriveSubkey(other, 'bundle', 1),
      deriveSubkey(key, 'bundle', 2 ** 40),
      deriveSubkey(key, 'bundle', 2 ** 32),
      deriveSubkey(key, 'bundle', 0),
    ].map(hex);
    expect(new Set(all).size).toBe(all.length);
  });

  it('never returns the master key or a sub-key of another id', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (a, b) => {
        fc.pre(a !== b);
        const key = generateSpaceKey();
        const ka = toHex(deriveSubkey(key, 'blob-ids', a));
        expect(ka).not.toBe(toHex(deriveSubkey(key, 'blob-ids', b)));
        expect(ka).not.toBe(toHex(key));
      }),
      { numRuns: 50 },
    );
  });

  it('derives 16 to 64 bytes and rejects other lengths, ids and keys', () => {
    const key = generateSpaceKey();
    expect(deriveSubkey(key, 'bundle', 0, 16)).toHaveLength(16);
    expect(deriveSubkey(key, 'bundle', 0, 64)).toHaveLength(64);
    const badArgument = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => deriveSubkey(key, 'bundle', 0, 8)).toThrow(badArgument);
    expect(() => deriveSubkey(key, 'bundle', -1)).toThrow(badArgument);
    expect(() => deriveSubkey(key, 'bundle', 1.5)).toThrow(badArgument);
    expect(() => deriveSubkey(key.subarray(0, 16) as never, 'bundle', 0)).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY' }),
    );
  });
});
