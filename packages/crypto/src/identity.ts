import { memzero } from './bytes.js';
import { deviceIdFromPublicKey } from './device-id.js';
import { requireSodium } from './sodium.js';
import type { BoxPublicKey, BoxSecretKey, DeviceId, PublicKey, SecretKey } from './types.js';

/** What other devices may know about a device: its id and public keys. */
export interface PublicIdentity {
  /** Derived from `signPublicKey`; see {@link deviceIdFromPublicKey}. */
  readonly deviceId: DeviceId;
  /** Ed25519: verifies this device's signatures. */
  readonly signPublicKey: PublicKey;
  /** X25519: what space keys are sealed to for this device. */
  readonly boxPublicKey: BoxPublicKey;
}

/** A device's full identity, secret keys included; lives only in its 0600 key file. */
export interface DeviceIdentity extends PublicIdentity {
  /** Ed25519 secret key (64 bytes). */
  readonly signSecretKey: SecretKey;
  /** X25519 secret key (32 bytes), kept apart from the signing key on purpose. */
  readonly boxSecretKey: BoxSecretKey;
}

/** A fresh device identity: an Ed25519 pair for signatures and a separate X25519 pair for sealed boxes. */
export function generateDeviceIdentity(): DeviceIdentity {
  const sodium = requireSodium();
  const signing = sodium.crypto_sign_keypair();
  const box = sodium.crypto_box_keypair();
  const signPublicKey = signing.publicKey as PublicKey;
  return {
    deviceId: deviceIdFromPublicKey(signPublicKey),
    signPublicKey,
    signSecretKey: signing.privateKey as SecretKey,
    boxPublicKey: box.publicKey as BoxPublicKey,
    boxSecretKey: box.privateKey as BoxSecretKey,
  };
}

/** The shareable part of an identity (a new object; the secret keys are left behind). */
export function publicIdentity(identity: PublicIdentity): PublicIdentity {
  return {
    deviceId: identity.deviceId,
    signPublicKey: identity.signPublicKey,
    boxPublicKey: identity.boxPublicKey,
  };
}

/** Zeroes an identity's secret keys in place, once the process no longer needs them. */
export function wipeIdentity(identity: DeviceIdentity): void {
  memzero(identity.signSecretKey);
  memzero(identity.boxSecretKey);
}
