import { CryptoError } from './errors.js';

// Branch-free per character (after libsodium's sodium_bin2hex / sodium_hex2bin), so encoding
// a key does not leak its bytes through timing. These helpers do not need ready().

/** Lowercase hex of bytes; constant time in the byte values. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    const hi = byte >> 4;
    const lo = byte & 15;
    out += String.fromCharCode(
      87 + hi + (((hi - 10) >> 8) & ~38),
      87 + lo + (((lo - 10) >> 8) & ~38),
    );
  }
  return out;
}

function nibble(c: number): number {
  const num = c ^ 48;
  const isNum = (num - 10) >> 8;
  const alpha = (c & ~32) - 55;
  const isAlpha = ((alpha - 10) ^ (alpha - 16)) >> 8;
  // -1 when neither a digit nor a-f/A-F.
  return (isNum & num) | (isAlpha & alpha) | ~(isNum | isAlpha);
}

/** Bytes of a hex string (either case); ENCODING_INVALID on odd length or a non-hex character. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) {
    throw new CryptoError('ENCODING_INVALID', 'hex string has an odd length', { encoding: 'hex' });
  }
  const out = new Uint8Array(hex.length / 2);
  let bad = 0;
  for (let i = 0; i < out.length; i++) {
    const c1 = hex.charCodeAt(2 * i);
    const c2 = hex.charCodeAt(2 * i + 1);
    const hi = nibble(c1 & 0xff) | -(c1 >> 8);
    const lo = nibble(c2 & 0xff) | -(c2 >> 8);
    bad |= (hi | lo) & 0x100;
    out[i] = ((hi << 4) | lo) & 0xff;
  }
  if (bad !== 0) {
    throw new CryptoError('ENCODING_INVALID', 'hex string contains a non-hex character', {
      encoding: 'hex',
    });
  }
  return out;
}
