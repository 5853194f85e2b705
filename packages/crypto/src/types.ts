declare const brandTags: unique symbol;

/**
 * A nominal type: `T` tagged with one or more brands. A subtype lists its parent's tags too,
 * so a `SpaceKey` may go wherever a `SymmetricKey` is expected, but not the other way round.
 */
export type Branded<T, Tags extends string> = T & {
  readonly [brandTags]: { readonly [K in Tags]: true };
};

/** Bytes that are not encrypted; never hand them to a transport or the relay. */
export type Plaintext = Branded<Uint8Array, 'Plaintext'>;
/** Bytes produced by this package's encryption; the only bytes fit to leave the device. */
export type Ciphertext = Branded<Uint8Array, 'Ciphertext'>;

/** A 32-byte secret key for XChaCha20-Poly1305, secretstream, or as a crypto_kdf master key. */
export type SymmetricKey = Branded<Uint8Array, 'SymmetricKey'>;
/** A space's 32-byte root key, shared by the devices of a personal or team space. */
export type SpaceKey = Branded<Uint8Array, 'SymmetricKey' | 'SpaceKey'>;
/** An invitation's 32-byte one-time secret; the master key of {@link invitationKeys}. */
export type InviteSecret = Branded<Uint8Array, 'SymmetricKey' | 'InviteSecret'>;

/** An Ed25519 public key (32 bytes): a device identity, or a relay-auth key. */
export type PublicKey = Branded<Uint8Array, 'PublicKey'>;
/** An Ed25519 secret key (64 bytes, libsodium layout: seed then public key). */
export type SecretKey = Branded<Uint8Array, 'SecretKey'>;
/** An X25519 public key (32 bytes) that sealed boxes are addressed to. */
export type BoxPublicKey = Branded<Uint8Array, 'BoxPublicKey'>;
/** An X25519 secret key (32 bytes) that opens sealed boxes. */
export type BoxSecretKey = Branded<Uint8Array, 'BoxSecretKey'>;
/** A detached Ed25519 signature (64 bytes). */
export type Signature = Branded<Uint8Array, 'Signature'>;

/** A device's short id: lowercase Crockford base32 of a hash of its signing public key. */
export type DeviceId = Branded<string, 'DeviceId'>;
/** The opaque base64url id under which the relay knows a space. */
export type RoutingId = Branded<string, 'RoutingId'>;
/** The opaque base64url id of an invitation's mailbox on the relay. */
export type MailboxId = Branded<string, 'MailboxId'>;
/** A copy-paste invitation code (`TRAIL…`, Crockford base32 with a checksum). */
export type InvitationCode = Branded<string, 'InvitationCode'>;
