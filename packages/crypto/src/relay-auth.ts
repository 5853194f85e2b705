import { toBase64Url } from './base64url.js';
import { memzero } from './bytes.js';
import { deriveSubkey } from './kdf.js';
import { requireSodium } from './sodium.js';
import type { PublicKey, RoutingId, SecretKey, SymmetricKey } from './types.js';

/** An Ed25519 key pair that proves to the relay that a client holds a space key. */
export interface RelayAuthKeyPair {
  /** Registered with the relay for the space; reveals nothing about the space key. */
  readonly publicKey: PublicKey;
  /** Signs the relay's challenges; derived, so every device of the space gets the same pair. */
  readonly secretKey: SecretKey;
}

/**
 * The space's relay-auth key pair for a key epoch: Ed25519 from a seed that is the crypto_kdf
 * sub-key ('relay-auth', epoch) of the space key. The relay learns only the public key.
 */
export function relayAuthKeyPair(spaceKey: SymmetricKey, epoch: number): RelayAuthKeyPair {
  const sodium = requireSodium();
  const seed = deriveSubkey(spaceKey, 'relay-auth', epoch);
  try {
    const pair = sodium.crypto_sign_seed_keypair(seed);
    return { publicKey: pair.publicKey as PublicKey, secretKey: pair.privateKey as SecretKey };
  } finally {
    memzero(seed);
  }
}

/**
 * The opaque id under which the relay knows a space in a key epoch: base64url (43 characters)
 * of the 32-byte crypto_kdf sub-key ('routing', epoch). A PRF output, so it reveals nothing
 * about the space key or the other sub-keys.
 */
export function routingId(spaceKey: SymmetricKey, epoch: number): RoutingId {
  const id = deriveSubkey(spaceKey, 'routing', epoch);
  const text = toBase64Url(id);
  memzero(id);
  return text as RoutingId;
}
