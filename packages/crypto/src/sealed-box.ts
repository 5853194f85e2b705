import { CryptoError } from './errors.js';
import type { DeviceIdentity } from './identity.js';
import { BOX_PUBLIC_KEY_BYTES } from './sizes.js';
import { requireSodium } from './sodium.js';
import type { BoxPublicKey, Ciphertext, Plaintext } from './types.js';

/**
 * Encrypts to a device's X25519 key with crypto_box_seal (ephemeral sender key), for delivering
 * a space key. Anonymous: the recipient cannot tell who sent it, so wrap the result in
 * signEnvelope when the sender matters.
 */
export function sealToDevice(
  recipientBoxPublicKey: BoxPublicKey,
  plaintext: Uint8Array,
): Ciphertext {
  const sodium = requireSodium();
  if (
    !(recipientBoxPublicKey instanceof Uint8Array) ||
    recipientBoxPublicKey.length !== BOX_PUBLIC_KEY_BYTES
  ) {
    throw new CryptoError('INVALID_KEY', 'an X25519 public key must be 32 bytes', {
      what: 'recipient key',
    });
  }
  try {
    return sodium.crypto_box_seal(plaintext, recipientBoxPublicKey) as Ciphertext;
  } catch (cause) {
    // libsodium refuses low-order points, for which no shared secret exists.
    throw new CryptoError(
      'INVALID_KEY',
      'the recipient X25519 public key is not usable',
      {
        what: 'recipient key',
      },
      { cause },
    );
  }
}

/** Opens what {@link sealToDevice} sealed to this device; DECRYPT_FAILED otherwise. */
export function openFromDevice(
  identity: Pick<DeviceIdentity, 'boxPublicKey' | 'boxSecretKey'>,
  ciphertext: Ciphertext,
): Plaintext {
  const sodium = requireSodium();
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length < sodium.crypto_box_SEALBYTES) {
    throw new CryptoError('DECRYPT_FAILED', 'sealed box is too short', { reason: 'too-short' });
  }
  try {
    return sodium.crypto_box_seal_open(
      ciphertext,
      identity.boxPublicKey,
      identity.boxSecretKey,
    ) as Plaintext;
  } catch (cause) {
    throw new CryptoError(
      'DECRYPT_FAILED',
      'sealed box could not be opened: not addressed to this device, or modified',
      { reason: 'authentication' },
      { cause },
    );
  }
}
