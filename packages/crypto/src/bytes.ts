import { CryptoError } from './errors.js';
import { requireSodium } from './sodium.js';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string, refusing lone surrogates (they would encode ambiguously as U+FFFD). */
export function utf8(text: string, what = 'text'): Uint8Array {
  if (/\p{Cs}/u.test(text)) {
    throw new CryptoError('INVALID_ARGUMENT', `${what} contains a lone UTF-16 surrogate`, { what });
  }
  return encoder.encode(text);
}

/** The bytes of `parts` one after the other, in a fresh buffer. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Constant-time equality of two byte strings (the lengths themselves are not secret). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  const sodium = requireSodium();
  return a.length === b.length && (a.length === 0 || sodium.memcmp(a, b));
}

/** Overwrites bytes with zeros in a way the optimiser cannot skip (sodium_memzero). */
export function memzero(bytes: Uint8Array): void {
  requireSodium().memzero(bytes);
}

/** Throws INVALID_ARGUMENT unless `n` is an integer in [min, max]. */
export function checkInteger(n: number, min: number, max: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CryptoError('INVALID_ARGUMENT', `${what} must be an integer from ${min} to ${max}`, {
      what,
      min,
      max,
    });
  }
}
