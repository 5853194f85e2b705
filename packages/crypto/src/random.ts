import { checkInteger } from './bytes.js';
import { requireSodium } from './sodium.js';

/** `n` bytes from the operating system's CSPRNG (via libsodium). */
export function randomBytes(n: number): Uint8Array {
  checkInteger(n, 0, 2 ** 31 - 1, 'randomBytes length');
  return n === 0 ? new Uint8Array(0) : requireSodium().randombytes_buf(n);
}
