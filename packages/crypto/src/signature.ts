import { utf8 } from './bytes.js';
import { CryptoError } from './errors.js';
import { PUBLIC_KEY_BYTES, SECRET_KEY_BYTES, SIGNATURE_BYTES } from './sizes.js';
import { requireSodium } from './sodium.js';
import type { PublicKey, SecretKey, Signature } from './types.js';

const bytesOf = (message: Uint8Array | string): Uint8Array =>
  typeof message === 'string' ? utf8(message, 'message') : message;

/** A detached Ed25519 signature of a message (a string is signed as UTF-8). */
export function sign(secretKey: SecretKey, message: Uint8Array | string): Signature {
  const sodium = requireSodium();
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== SECRET_KEY_BYTES) {
    throw new CryptoError('INVALID_KEY', 'an Ed25519 secret key must be 64 bytes', {
      what: 'signing key',
    });
  }
  return sodium.crypto_sign_detached(bytesOf(message), secretKey) as Signature;
}

/**
 * Whether `signature` is a valid Ed25519 signature of `message` by `publicKey`. Malformed
 * keys or signatures (wrong length, small-order or non-canonical points) give false, never a throw.
 */
export function verify(
  publicKey: PublicKey,
  message: Uint8Array | string,
  signature: Uint8Array,
): boolean {
  const sodium = requireSodium();
  if (
    !(publicKey instanceof Uint8Array) ||
    publicKey.length !== PUBLIC_KEY_BYTES ||
    !(signature instanceof Uint8Array) ||
    signature.length !== SIGNATURE_BYTES
  ) {
    return false;
  }
  try {
    return sodium.crypto_sign_verify_detached(signature, bytesOf(message), publicKey);
  } catch {
    return false;
  }
}
