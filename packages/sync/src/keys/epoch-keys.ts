import {
  asSymmetricKey,
  deriveSubkey,
  keyedHash,
  relayAuthKeyPair,
  routingId,
  toBase64Url,
  type RelayAuthKeyPair,
  type RoutingId,
  type SymmetricKey,
} from '@trail/crypto';

/** Everything a device derives from one epoch's key; the key itself never leaves the device. */
export interface EpochKeys {
  readonly epoch: number;
  /** The epoch's 32-byte space encryption key. */
  readonly key: SymmetricKey;
  /** Opaque id of the epoch's mailbox on relays. */
  readonly routingId: RoutingId;
  /** Proves to a relay that the client holds the epoch key. */
  readonly auth: RelayAuthKeyPair;
  /** XChaCha20-Poly1305 key for bundles. */
  readonly bundleKey: SymmetricKey;
  /** Keys device tags: a relay sees a per-epoch pseudonym, never a device id. */
  readonly tagKey: Uint8Array;
  /** Keys bundle ids, so ids are deterministic (idempotent re-uploads) and opaque. */
  readonly idKey: Uint8Array;
  /** Eight bytes naming the key in a bundle header, to tell "another key" from "tampered". */
  readonly keyId: Uint8Array;
}

/** Derives an epoch's sub-keys (crypto_kdf, one purpose each, the epoch number as sub-key id). */
export function epochKeys(epoch: number, key: Uint8Array): EpochKeys {
  const k = asSymmetricKey(key);
  const bundleKey = deriveSubkey(k, 'bundle', epoch);
  return {
    epoch,
    key: k,
    routingId: routingId(k, epoch),
    auth: relayAuthKeyPair(k, epoch),
    bundleKey,
    tagKey: deriveSubkey(k, 'device-tag', epoch),
    idKey: deriveSubkey(k, 'bundle-ids', epoch),
    keyId: keyedHash(deriveSubkey(k, 'key-id', epoch), 'trail/key-id/v1', 16).subarray(0, 8),
  };
}

/** The relay-visible pseudonym of a device in an epoch (22 base64url characters). */
export function deviceTag(keys: EpochKeys, deviceId: string): string {
  return toBase64Url(keyedHash(keys.tagKey, deviceId, 16));
}

/**
 * A bundle's id: keyed BLAKE2b of the sender and the names of what it carries, so uploading the
 * same content again (a retry after a crash) reuses the id and the relay stores it once.
 */
export function bundleIdFor(keys: EpochKeys, deviceId: string, contentNames: readonly string[]) {
  return toBase64Url(keyedHash(keys.idKey, `${deviceId}\n${contentNames.join('\n')}`, 24));
}
