import { concatBytes } from './bytes.js';
import { CryptoError } from './errors.js';
import { SYMMETRIC_KEY_BYTES } from './sizes.js';
import { requireSodium } from './sodium.js';
import type { Plaintext, SymmetricKey } from './types.js';
import { releaseState } from './wasm-state.js';

/** Format version byte that starts every sealed blob. */
export const BLOB_VERSION = 1;
/** Plaintext bytes per secretstream record (the last record holds 0 to this many). */
export const BLOB_CHUNK_BYTES = 64 * 1024;
/** Bytes secretstream adds to every record (1 tag byte + 16 MAC bytes). */
export const BLOB_RECORD_OVERHEAD = 17;
/** Ciphertext bytes of every record but the last. */
export const BLOB_RECORD_BYTES = BLOB_CHUNK_BYTES + BLOB_RECORD_OVERHEAD;
/** Bytes before the first record: the version byte and secretstream's 24-byte header. */
export const BLOB_HEADER_BYTES = 1 + 24;

/** Bytes of crypto_secretstream_xchacha20poly1305_state, as the wrapper allocates it. */
const STATE_BYTES = 52;

/** Encrypts one blob record by record; call dispose() when done, even on error. */
export interface BlobEncryptor {
  /** Version byte and secretstream header; goes first in the output. */
  readonly header: Uint8Array;
  /** Encrypts one record; `last` marks the final one (TAG_FINAL). */
  push(chunk: Uint8Array, last: boolean): Uint8Array;
  /** Zeroes and frees the stream state. */
  dispose(): void;
}

/** Decrypts one blob record by record; call dispose() when done, even on error. */
export interface BlobDecryptor {
  /** Decrypts one record; `last` says whether the input ends after it. */
  pull(record: Uint8Array, last: boolean): Plaintext;
  /** Zeroes and frees the stream state. */
  dispose(): void;
}

/** A DECRYPT_FAILED error for a blob stream. */
export function blobFailure(reason: string, cause?: unknown): CryptoError {
  const messages: Record<string, string> = {
    truncated: 'encrypted blob is truncated (its final record is missing)',
    'data-after-final': 'encrypted blob has data after its final record',
    version: 'encrypted blob has an unknown format version',
  };
  return new CryptoError(
    'DECRYPT_FAILED',
    messages[reason] ?? 'encrypted blob failed authentication: wrong key or modified data',
    { reason },
    cause === undefined ? undefined : { cause },
  );
}

/** Throws INVALID_KEY unless the key is 32 bytes. */
export function checkBlobKey(key: SymmetricKey): void {
  if (!(key instanceof Uint8Array) || key.length !== SYMMETRIC_KEY_BYTES) {
    throw new CryptoError('INVALID_KEY', 'a blob key must be 32 bytes', { what: 'blob key' });
  }
}

/** Starts encrypting a blob with crypto_secretstream_xchacha20poly1305. */
export function startBlobEncryption(key: SymmetricKey, associatedData?: Uint8Array): BlobEncryptor {
  const sodium = requireSodium();
  checkBlobKey(key);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  let disposed = false;
  return {
    header: concatBytes(Uint8Array.of(BLOB_VERSION), header),
    push(chunk, last) {
      const tag = last
        ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
        : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      return sodium.crypto_secretstream_xchacha20poly1305_push(
        state,
        chunk,
        associatedData ?? null,
        tag,
      );
    },
    dispose() {
      if (!disposed) releaseState(state, STATE_BYTES);
      disposed = true;
    },
  };
}

/** Starts decrypting a blob given its first {@link BLOB_HEADER_BYTES} bytes. */
export function startBlobDecryption(
  key: SymmetricKey,
  header: Uint8Array,
  associatedData?: Uint8Array,
): BlobDecryptor {
  const sodium = requireSodium();
  checkBlobKey(key);
  if (header.length !== BLOB_HEADER_BYTES) throw blobFailure('truncated');
  if (header[0] !== BLOB_VERSION) throw blobFailure('version');
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header.subarray(1), key);
  let disposed = false;
  return {
    pull(record, last) {
      if (record.length < BLOB_RECORD_OVERHEAD) throw blobFailure('truncated');
      let result: { message: Uint8Array; tag: number } | false;
      try {
        result = sodium.crypto_secretstream_xchacha20poly1305_pull(
          state,
          record,
          associatedData ?? null,
        );
      } catch (cause) {
        throw blobFailure('authentication', cause);
      }
      if (result === false) throw blobFailure('authentication');
      const final = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      const message = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      const problem =
        last && !final
          ? 'truncated'
          : !last && final
            ? 'data-after-final'
            : !last && !message
              ? 'authentication'
              : undefined;
      if (problem !== undefined) {
        sodium.memzero(result.message);
        throw blobFailure(problem);
      }
      return result.message as Plaintext;
    },
    dispose() {
      if (!disposed) releaseState(state, STATE_BYTES);
      disposed = true;
    },
  };
}
