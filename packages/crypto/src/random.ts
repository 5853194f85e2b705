import { checkInteger } from './bytes.js';
import { requireSodium } from './sodium.js';

/** Web Crypto fills at most this many bytes per call. */
const MAX_PER_CALL = 65536;

/**
 * `n` bytes from the operating system's CSPRNG through Web Crypto's getRandomValues. That is
 * the source libsodium's WebAssembly build draws from too, but its randombytes_buf pays a JS
 * call per 4 bytes (about 40 µs for a nonce, measured), which dominated small-message sealing.
 */
export function randomBytes(n: number): Uint8Array {
  requireSodium();
  checkInteger(n, 0, 2 ** 31 - 1, 'randomBytes length');
  const out = new Uint8Array(n);
  for (let at = 0; at < n; at += MAX_PER_CALL) {
    globalThis.crypto.getRandomValues(out.subarray(at, Math.min(n, at + MAX_PER_CALL)));
  }
  return out;
}
