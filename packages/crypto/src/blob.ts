import {
  BLOB_CHUNK_BYTES,
  BLOB_HEADER_BYTES,
  BLOB_RECORD_BYTES,
  BLOB_RECORD_OVERHEAD,
  blobFailure,
  checkBlobKey,
  startBlobDecryption,
  startBlobEncryption,
} from './blob-cipher.js';
import type { BlobOptions } from './blob-stream.js';
import { memzero } from './bytes.js';
import { CryptoError } from './errors.js';
import { requireSodium } from './sodium.js';
import type { Ciphertext, Plaintext, SymmetricKey } from './types.js';

/** Encrypts a whole buffer as a sealed blob; same format as {@link encryptStream}. */
export function sealBlob(
  key: SymmetricKey,
  bytes: Uint8Array,
  options: BlobOptions = {},
): Ciphertext {
  requireSodium();
  if (!(bytes instanceof Uint8Array)) {
    throw new CryptoError('INVALID_ARGUMENT', 'sealBlob needs a Uint8Array');
  }
  const encryptor = startBlobEncryption(key, options.associatedData);
  try {
    const records = Math.max(1, Math.ceil(bytes.length / BLOB_CHUNK_BYTES));
    const out = new Uint8Array(BLOB_HEADER_BYTES + records * BLOB_RECORD_OVERHEAD + bytes.length);
    out.set(encryptor.header, 0);
    let at = BLOB_HEADER_BYTES;
    let offset = 0;
    while (bytes.length - offset > BLOB_CHUNK_BYTES) {
      const record = encryptor.push(bytes.subarray(offset, offset + BLOB_CHUNK_BYTES), false);
      out.set(record, at);
      at += record.length;
      offset += BLOB_CHUNK_BYTES;
    }
    out.set(encryptor.push(bytes.subarray(offset), true), at);
    return out as Ciphertext;
  } finally {
    encryptor.dispose();
  }
}

/** Decrypts a whole sealed blob; DECRYPT_FAILED on tampering, truncation or extension. */
export function openBlob(
  key: SymmetricKey,
  bytes: Ciphertext,
  options: BlobOptions = {},
): Plaintext {
  requireSodium();
  checkBlobKey(key);
  if (!(bytes instanceof Uint8Array)) {
    throw new CryptoError('INVALID_ARGUMENT', 'openBlob needs a Uint8Array');
  }
  const body = bytes.length - BLOB_HEADER_BYTES;
  const records = Math.ceil(body / BLOB_RECORD_BYTES);
  const lastRecord = body - (records - 1) * BLOB_RECORD_BYTES;
  if (body <= 0 || lastRecord < BLOB_RECORD_OVERHEAD) throw blobFailure('truncated');
  const decryptor = startBlobDecryption(
    key,
    bytes.subarray(0, BLOB_HEADER_BYTES),
    options.associatedData,
  );
  const out = new Uint8Array(body - records * BLOB_RECORD_OVERHEAD);
  try {
    let offset = BLOB_HEADER_BYTES;
    let at = 0;
    while (bytes.length - offset > BLOB_RECORD_BYTES) {
      const chunk = decryptor.pull(bytes.subarray(offset, offset + BLOB_RECORD_BYTES), false);
      out.set(chunk, at);
      memzero(chunk);
      at += chunk.length;
      offset += BLOB_RECORD_BYTES;
    }
    const chunk = decryptor.pull(bytes.subarray(offset), true);
    out.set(chunk, at);
    memzero(chunk);
    return out as Plaintext;
  } catch (error) {
    memzero(out);
    throw error;
  } finally {
    decryptor.dispose();
  }
}
