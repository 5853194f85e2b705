/** Bytes in every symmetric key (AEAD, secretstream, kdf master), matching libsodium. */
export const SYMMETRIC_KEY_BYTES = 32;
/** Bytes in an Ed25519 public key. */
export const PUBLIC_KEY_BYTES = 32;
/** Bytes in an Ed25519 secret key (libsodium layout). */
export const SECRET_KEY_BYTES = 64;
/** Bytes in an X25519 public key. */
export const BOX_PUBLIC_KEY_BYTES = 32;
/** Bytes in an X25519 secret key. */
export const BOX_SECRET_KEY_BYTES = 32;
/** Bytes in a detached Ed25519 signature. */
export const SIGNATURE_BYTES = 64;
