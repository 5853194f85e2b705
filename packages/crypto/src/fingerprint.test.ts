import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, generateDeviceIdentity, ready } from './index.js';

beforeAll(async () => {
  await ready();
});

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('fingerprint', () => {
  it('is the same whichever device computes it (symmetric)', () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        expect(fingerprint(a, b)).toBe(fingerprint(b, a));
      }),
    );
  });

  it('is six groups of five digits', () => {
    const a = generateDeviceIdentity();
    const b = generateDeviceIdentity();
    expect(fingerprint(a.signPublicKey, b.signPublicKey)).toMatch(/^\d{5}( \d{5}){5}$/);
  });

  it('changes when either key changes', () => {
    fc.assert(
      fc.property(key, key, key, (a, b, c) => {
        fc.pre(Buffer.compare(b, c) !== 0);
        expect(fingerprint(a, b)).not.toBe(fingerprint(a, c));
      }),
    );
  });

  it('is symmetric for keys of different lengths too', () => {
    const short = Uint8Array.of(255);
    const long = Uint8Array.of(0, 0);
    expect(fingerprint(short, long)).toBe(fingerprint(long, short));
  });

  it('rejects empty keys', () => {
    expect(() => fingerprint(new Uint8Array(0), new Uint8Array(32))).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY' }),
    );
  });
});
