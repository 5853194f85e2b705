import { CryptoError } from './errors.js';

// Unpadded base64url (RFC 4648 §5). Branch-free per character (after libsodium's
// sodium_bin2base64), so encoding a key does not leak it through timing. No ready() needed.

function charOf(x: number): number {
  return (
    x +
    65 +
    (((25 - x) >> 8) & 6) -
    (((51 - x) >> 8) & 75) -
    (((61 - x) >> 8) & 13) +
    (((62 - x) >> 8) & 49)
  );
}

// The 6-bit value of a character code in 0..255, or -1.
function valueOf(c: number): number {
  let v = -1;
  v += (((64 - c) & (c - 91)) >> 8) & (c - 64);
  v += (((96 - c) & (c - 123)) >> 8) & (c - 70);
  v += (((47 - c) & (c - 58)) >> 8) & (c + 5);
  v += (((44 - c) & (c - 46)) >> 8) & 63;
  v += (((94 - c) & (c - 96)) >> 8) & 64;
  return v;
}

/** Unpadded base64url of bytes; constant time in the byte values. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += String.fromCharCode(charOf((acc >> bits) & 63));
    }
  }
  if (bits > 0) out += String.fromCharCode(charOf((acc << (6 - bits)) & 63));
  return out;
}

/**
 * Bytes of unpadded base64url. Strict: ENCODING_INVALID on padding, whitespace, characters
 * outside the URL-safe alphabet, an impossible length, or non-zero trailing bits, so every
 * byte string has exactly one accepted encoding.
 */
export function fromBase64Url(text: string): Uint8Array {
  const fail = (reason: string): never => {
    throw new CryptoError('ENCODING_INVALID', `invalid base64url: ${reason}`, {
      encoding: 'base64url',
      reason,
    });
  };
  if (text.length % 4 === 1) fail('impossible length');
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let bad = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = valueOf(c & 0xff) | -(c >> 8);
    bad |= v;
    acc = ((acc << 6) | (v & 63)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  if (bad < 0) fail('character outside the URL-safe alphabet');
  if ((acc & ((1 << bits) - 1)) !== 0) fail('non-zero trailing bits');
  return out;
}
