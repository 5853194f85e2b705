import { concatBytes, utf8 } from './bytes.js';
import { CryptoError } from './errors.js';
import { requireSodium } from './sodium.js';

const DOMAIN = utf8('trail/fingerprint/v1\0');
const GROUPS = 6;
const GROUP_BYTES = 5;
const GROUP_DIGITS = 5;

function lengthPrefixed(key: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(key.length), key);
}

/**
 * A short string both devices show during pairing, the same whichever key comes first: six
 * groups of five digits (about 100 bits) from BLAKE2b over the two public keys in byte order.
 * Each group is a 40-bit number mod 100000, as in Signal's safety numbers.
 */
export function fingerprint(publicKeyA: Uint8Array, publicKeyB: Uint8Array): string {
  const sodium = requireSodium();
  for (const key of [publicKeyA, publicKeyB]) {
    if (!(key instanceof Uint8Array) || key.length === 0 || key.length > 255) {
      throw new CryptoError(
        'INVALID_KEY',
        'a fingerprint needs two public keys of 1 to 255 bytes',
        {
          what: 'public key',
        },
      );
    }
  }
  // Shorter key first, then byte order, so the result never depends on argument order.
  const aFirst =
    publicKeyA.length !== publicKeyB.length
      ? publicKeyA.length < publicKeyB.length
      : sodium.compare(publicKeyA, publicKeyB) <= 0;
  const [first, second] = aFirst ? [publicKeyA, publicKeyB] : [publicKeyB, publicKeyA];
  const digest = sodium.crypto_generichash(
    GROUPS * GROUP_BYTES,
    concatBytes(DOMAIN, lengthPrefixed(first), lengthPrefixed(second)),
    null,
  );
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let value = 0;
    for (let i = 0; i < GROUP_BYTES; i++) value = value * 256 + (digest[g * GROUP_BYTES + i] ?? 0);
    groups.push(String(value % 10 ** GROUP_DIGITS).padStart(GROUP_DIGITS, '0'));
  }
  return groups.join(' ');
}
