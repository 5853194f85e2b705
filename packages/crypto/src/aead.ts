import { concatBytes } from './bytes.js';
import { CryptoError } from './errors.js';
import { randomBytes } from './random.js';
import { SYMMETRIC_KEY_BYTES } from './sizes.js';
import { requireSodium } from './sodium.js';
import type { Ciphertext, Plaintext, SymmetricKey } from './types.js';

/** Bytes of the random nonce that starts every sealed message. */
export const AEAD_NONCE_BYTES = 24;
/** Bytes of the Poly1305 tag. */
export const AEAD_TAG_BYTES = 16;

function checkKey(key: SymmetricKey): void {
  if (!(key instanceof Uint8Array) || key.length !== SYMMETRIC_KEY_BYTES) {
    throw new CryptoError('INVALID_KEY', 'an AEAD key must be 32 bytes', { what: 'AEAD key' });
  }
}

/**
 * Encrypts and authenticates with XChaCha20-Poly1305-IETF, binding `associatedData` (see
 * encodeAssociatedData). Output: random 24-byte nonce | ciphertext | 16-byte tag. Random
 * nonces are safe at this size: 2^80 messages per key before a collision is likely.
 */
export function seal(
  key: SymmetricKey,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
): Ciphertext {
  const sodium = requireSodium();
  checkKey(key);
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  const body = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    plaintext,
    associatedData,
    null,
    nonce,
    key,
  );
  return concatBytes(nonce, body) as Ciphertext;
}

/**
 * Decrypts what {@link seal} produced. DECRYPT_FAILED on any tampering, truncation, extension,
 * wrong key or wrong associated data; no partial plaintext is ever returned.
 */
export function open(
  key: SymmetricKey,
  ciphertext: Ciphertext,
  associatedData: Uint8Array,
): Plaintext {
  const sodium = requireSodium();
  checkKey(key);
  if (
    !(ciphertext instanceof Uint8Array) ||
    ciphertext.length < AEAD_NONCE_BYTES + AEAD_TAG_BYTES
  ) {
    throw new CryptoError('DECRYPT_FAILED', 'ciphertext is too short to be sealed data', {
      reason: 'too-short',
    });
  }
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      ciphertext.subarray(AEAD_NONCE_BYTES),
      associatedData,
      ciphertext.subarray(0, AEAD_NONCE_BYTES),
      key,
    ) as Plaintext;
  } catch (cause) {
    throw new CryptoError(
      'DECRYPT_FAILED',
      'decryption failed: wrong key, wrong associated data, or the data was modified',
      { reason: 'authentication' },
      { cause },
    );
  }
}
