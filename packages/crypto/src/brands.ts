import { CryptoError } from './errors.js';
import {
  BOX_PUBLIC_KEY_BYTES,
  BOX_SECRET_KEY_BYTES,
  PUBLIC_KEY_BYTES,
  SECRET_KEY_BYTES,
  SIGNATURE_BYTES,
  SYMMETRIC_KEY_BYTES,
} from './sizes.js';
import type {
  BoxPublicKey,
  BoxSecretKey,
  Ciphertext,
  InviteSecret,
  Plaintext,
  PublicKey,
  SecretKey,
  Signature,
  SpaceKey,
  SymmetricKey,
} from './types.js';

const utf8 = new TextEncoder();

function isBytes(value: unknown, length: number): value is Uint8Array {
  return value instanceof Uint8Array && value.length === length;
}

function checked<T extends Uint8Array>(bytes: Uint8Array, length: number, what: string): T {
  if (!(bytes instanceof Uint8Array)) {
    throw new CryptoError('INVALID_KEY', `${what} must be a Uint8Array`, { what });
  }
  if (bytes.length !== length) {
    throw new CryptoError('INVALID_KEY', `${what} must be ${length} bytes, got ${bytes.length}`, {
      what,
      expected: length,
      actual: bytes.length,
    });
  }
  return bytes as T;
}

/** Marks bytes (or a string, as UTF-8) as plaintext; bytes are not copied. */
export function toPlaintext(data: Uint8Array | string): Plaintext {
  return (typeof data === 'string' ? utf8.encode(data) : data) as Plaintext;
}

/** Vouches that bytes received from storage or the network are ciphertext; not copied. */
export function asCiphertext(bytes: Uint8Array): Ciphertext {
  if (!(bytes instanceof Uint8Array)) {
    throw new CryptoError('INVALID_ARGUMENT', 'ciphertext must be a Uint8Array');
  }
  return bytes as Ciphertext;
}

/** Checks that bytes are a 32-byte symmetric key and brands them; not copied. */
export const asSymmetricKey = (bytes: Uint8Array): SymmetricKey =>
  checked(bytes, SYMMETRIC_KEY_BYTES, 'a symmetric key');
/** Checks that bytes are a 32-byte space key and brands them; not copied. */
export const asSpaceKey = (bytes: Uint8Array): SpaceKey =>
  checked(bytes, SYMMETRIC_KEY_BYTES, 'a space key');
/** Checks that bytes are a 32-byte invitation secret and brands them; not copied. */
export const asInviteSecret = (bytes: Uint8Array): InviteSecret =>
  checked(bytes, SYMMETRIC_KEY_BYTES, 'an invitation secret');
/** Checks that bytes are a 32-byte Ed25519 public key and brands them; not copied. */
export const asPublicKey = (bytes: Uint8Array): PublicKey =>
  checked(bytes, PUBLIC_KEY_BYTES, 'an Ed25519 public key');
/** Checks that bytes are a 64-byte Ed25519 secret key and brands them; not copied. */
export const asSecretKey = (bytes: Uint8Array): SecretKey =>
  checked(bytes, SECRET_KEY_BYTES, 'an Ed25519 secret key');
/** Checks that bytes are a 32-byte X25519 public key and brands them; not copied. */
export const asBoxPublicKey = (bytes: Uint8Array): BoxPublicKey =>
  checked(bytes, BOX_PUBLIC_KEY_BYTES, 'an X25519 public key');
/** Checks that bytes are a 32-byte X25519 secret key and brands them; not copied. */
export const asBoxSecretKey = (bytes: Uint8Array): BoxSecretKey =>
  checked(bytes, BOX_SECRET_KEY_BYTES, 'an X25519 secret key');
/** Checks that bytes are a 64-byte signature and brands them; not copied. */
export const asSignature = (bytes: Uint8Array): Signature =>
  checked(bytes, SIGNATURE_BYTES, 'a signature');

/** True for a Uint8Array of a symmetric key's length (32 bytes). */
export const isSymmetricKey = (value: unknown): value is SymmetricKey =>
  isBytes(value, SYMMETRIC_KEY_BYTES);
/** True for a Uint8Array of a space key's length (32 bytes). */
export const isSpaceKey = (value: unknown): value is SpaceKey =>
  isBytes(value, SYMMETRIC_KEY_BYTES);
/** True for a Uint8Array of an Ed25519 public key's length (32 bytes). */
export const isPublicKey = (value: unknown): value is PublicKey => isBytes(value, PUBLIC_KEY_BYTES);
/** True for a Uint8Array of an X25519 public key's length (32 bytes). */
export const isBoxPublicKey = (value: unknown): value is BoxPublicKey =>
  isBytes(value, BOX_PUBLIC_KEY_BYTES);
