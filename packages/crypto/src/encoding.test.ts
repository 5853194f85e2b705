import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCrockford, toCrockford } from './base32.js';
import { fromBase64Url, fromHex, toBase64Url, toHex } from './index.js';

const invalid = expect.objectContaining({ code: 'ENCODING_INVALID' });

describe('hex', () => {
  it('round-trips any bytes and matches Node’s encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        const hex = toHex(bytes);
        expect(hex).toBe(Buffer.from(bytes).toString('hex'));
        expect(fromHex(hex)).toEqual(bytes);
        expect(fromHex(hex.toUpperCase())).toEqual(bytes);
      }),
    );
  });

  it('rejects odd lengths and every non-hex character', () => {
    expect(() => fromHex('abc')).toThrow(invalid);
    for (const bad of ['0g', 'g0', 'zz', ' 0', '0\u0130', '\u0100a', '/0', ':0', '@0', '`0']) {
      expect(() => fromHex(bad)).toThrow(invalid);
    }
  });
});

describe('base64url', () => {
  it('round-trips any bytes and matches Node’s encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('accepts exactly one encoding per byte string', () => {
    // 'AB' and 'AA' decode to the same byte in lax decoders; only 'AA' is canonical.
    expect(fromBase64Url('AA')).toEqual(Uint8Array.of(0));
    expect(() => fromBase64Url('AB')).toThrow(invalid);
    expect(() => fromBase64Url('AAA=')).toThrow(invalid);
    expect(() => fromBase64Url('A')).toThrow(invalid);
  });

  it('rejects characters outside the URL-safe alphabet', () => {
    for (const bad of ['AA+A', 'AA/A', 'AA A', 'AA.A', 'AA\u0141A', 'AA\u0100A']) {
      expect(() => fromBase64Url(bad)).toThrow(invalid);
    }
  });
});

describe('Crockford base32', () => {
  it('round-trips any bytes, forgiving case and the O/0 and I/L/1 confusions', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 128 }), (bytes) => {
        const text = toCrockford(bytes);
        expect(fromCrockford(text)).toEqual(bytes);
        expect(fromCrockford(text.toLowerCase())).toEqual(bytes);
        expect(fromCrockford(text.replaceAll('0', 'O').replaceAll('1', 'l'))).toEqual(bytes);
      }),
    );
  });

  it('rejects U, punctuation and non-canonical padding', () => {
    expect(() => fromCrockford('0U')).toThrow(invalid);
    expect(() => fromCrockford('0*')).toThrow(invalid);
    expect(() => fromCrockford('01')).toThrow(invalid);
  });
});
