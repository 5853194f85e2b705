import { CryptoError } from './errors.js';

/** Crockford's base32 alphabet: digits and letters without I, L, O, U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const VALUES: ReadonlyMap<string, number> = new Map([
  ...[...CROCKFORD_ALPHABET].map((ch, i) => [ch, i] as const),
  ['O', 0],
  ['I', 1],
  ['L', 1],
]);

/** 5-bit symbols (0..31) of bytes, big-endian, the last symbol zero-padded. */
export function bytesToSymbols(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >> bits) & 31);
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** Bytes of 5-bit symbols; undefined if the length is impossible or padding bits are not zero. */
export function symbolsToBytes(symbols: readonly number[]): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((symbols.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const s of symbols) {
    acc = ((acc << 5) | s) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** Crockford characters of 5-bit symbols (uppercase). */
export function symbolsToText(symbols: readonly number[]): string {
  return symbols.map((s) => CROCKFORD_ALPHABET.charAt(s)).join('');
}

/** The 5-bit value of an ASCII Crockford character (either case, O→0, I/L→1), or undefined. */
export function symbolOf(ch: string): number | undefined {
  // ASCII only: toUpperCase would otherwise turn a Turkish dotless ı into I.
  if (ch.length !== 1 || ch.charCodeAt(0) > 127) return undefined;
  return VALUES.get(ch.toUpperCase());
}

/** Uppercase Crockford base32 of bytes, unpadded. */
export function toCrockford(bytes: Uint8Array): string {
  return symbolsToText(bytesToSymbols(bytes));
}

/** Bytes of Crockford base32 (either case, O→0, I/L→1); ENCODING_INVALID otherwise. */
export function fromCrockford(text: string): Uint8Array {
  const symbols: number[] = [];
  for (const ch of text) {
    const s = symbolOf(ch);
    if (s === undefined) {
      throw new CryptoError('ENCODING_INVALID', 'invalid Crockford base32 character', {
        encoding: 'base32',
      });
    }
    symbols.push(s);
  }
  const bytes = symbolsToBytes(symbols);
  if (bytes === undefined) {
    throw new CryptoError('ENCODING_INVALID', 'invalid Crockford base32 length or padding', {
      encoding: 'base32',
    });
  }
  return bytes;
}
