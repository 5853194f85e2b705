import { CryptoError } from './errors.js';

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

/** Constant-time equality of two byte strings (lengths are not secret); needs no ready(). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Overwrites bytes with zeros; needs no ready(). libsodium.js's own memzero is a plain JS loop
 * over the array, so a native fill gives the same guarantee, at memset speed.
 */
export function memzero(bytes: Uint8Array): void {
  bytes.fill(0);
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
