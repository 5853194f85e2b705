import { checkInteger, utf8 } from './bytes.js';
import { toBase64Url } from './base64url.js';
import { CryptoError } from './errors.js';
import { requireSodium } from './sodium.js';
import type { SymmetricKey } from './types.js';

/** The sub-key purposes trail uses today; any other purpose matching the same syntax works too. */
export const SUBKEY_PURPOSES = [
  'blob-ids',
  'doc-ids',
  'routing',
  'relay-auth',
  'bundle',
  'invite-mailbox',
  'invite-pairing',
] as const;

/** A documented sub-key purpose. */
export type SubkeyPurpose = (typeof SUBKEY_PURPOSES)[number];

const PURPOSE_SYNTAX = /^[a-z][a-z0-9-]{0,63}$/;
const contexts = new Map<string, string>();

/**
 * The 8-character crypto_kdf context for a purpose: the first 8 characters of base64url of
 * BLAKE2b-48("trail/kdf-context/v1:" + purpose), unkeyed. Hashing lets purposes be readable
 * words of any length; the 48 bits separate any realistic set of purposes (a test checks ours).
 */
export function kdfContext(purpose: string): string {
  if (!PURPOSE_SYNTAX.test(purpose)) {
    throw new CryptoError(
      'INVALID_ARGUMENT',
      'a sub-key purpose must be 1-64 characters of a-z, 0-9 and "-", starting with a letter',
      { what: 'purpose' },
    );
  }
  let context = contexts.get(purpose);
  if (context === undefined) {
    const digest = requireSodium().crypto_generichash(
      6,
      utf8(`trail/kdf-context/v1:${purpose}`),
      null,
    );
    context = toBase64Url(digest);
    contexts.set(purpose, context);
  }
  return context;
}

/** Derives a 32-byte per-purpose key from a space key (crypto_kdf, BLAKE2b). */
export function deriveSubkey(key: SymmetricKey, purpose: string, id: number): SymmetricKey;
/** Derives `length` (16-64) bytes of per-purpose key material from a space key. */
export function deriveSubkey(
  key: SymmetricKey,
  purpose: string,
  id: number,
  length: number,
): Uint8Array;
export function deriveSubkey(
  key: SymmetricKey,
  purpose: string,
  id: number,
  length = 32,
): Uint8Array {
  const sodium = requireSodium();
  if (!(key instanceof Uint8Array) || key.length !== sodium.crypto_kdf_KEYBYTES) {
    throw new CryptoError('INVALID_KEY', 'a master key must be 32 bytes', { what: 'master key' });
  }
  checkInteger(id, 0, Number.MAX_SAFE_INTEGER, 'sub-key id');
  checkInteger(length, sodium.crypto_kdf_BYTES_MIN, sodium.crypto_kdf_BYTES_MAX, 'sub-key length');
  return sodium.crypto_kdf_derive_from_key(length, BigInt(id), kdfContext(purpose), key);
}
