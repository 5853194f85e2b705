import { concatBytes, utf8 } from './bytes.js';
import { toCrockford } from './base32.js';
import { CryptoError } from './errors.js';
import { PUBLIC_KEY_BYTES } from './sizes.js';
import { requireSodium } from './sodium.js';
import type { DeviceId, PublicKey } from './types.js';

const DOMAIN = 'trail/device-id/v1:';
/** 15 bytes = 120 bits = exactly 24 base32 characters. */
const ID_BYTES = 15;
const DEVICE_ID_SYNTAX = /^[0-9a-hjkmnp-tv-z]{24}$/;

/** A device's id: lowercase Crockford base32 of BLAKE2b-120 of its Ed25519 public key. */
export function deviceIdFromPublicKey(signPublicKey: PublicKey): DeviceId {
  const sodium = requireSodium();
  if (!(signPublicKey instanceof Uint8Array) || signPublicKey.length !== PUBLIC_KEY_BYTES) {
    throw new CryptoError('INVALID_KEY', 'an Ed25519 public key must be 32 bytes', {
      what: 'public key',
    });
  }
  const digest = sodium.crypto_generichash(
    ID_BYTES,
    concatBytes(utf8(DOMAIN), signPublicKey),
    null,
  );
  return toCrockford(digest).toLowerCase() as DeviceId;
}

/** True for a string shaped like a device id (24 lowercase Crockford base32 characters). */
export function isDeviceId(value: unknown): value is DeviceId {
  return typeof value === 'string' && DEVICE_ID_SYNTAX.test(value);
}

/** Checks a string's shape and brands it as a device id; IDENTITY_INVALID otherwise. */
export function asDeviceId(value: string): DeviceId {
  if (!isDeviceId(value)) {
    throw new CryptoError('IDENTITY_INVALID', 'not a device id (24 lowercase base32 characters)', {
      what: 'deviceId',
    });
  }
  return value;
}
