import {
  BLOB_CHUNK_BYTES,
  BLOB_HEADER_BYTES,
  BLOB_RECORD_BYTES,
  blobFailure,
  checkBlobKey,
  startBlobDecryption,
  startBlobEncryption,
} from './blob-cipher.js';
import { CryptoError } from './errors.js';
import { Rechunker } from './rechunker.js';
import { requireSodium } from './sodium.js';
import type { Ciphertext, Plaintext, SymmetricKey } from './types.js';

/** Bytes to stream: an async or sync iterable of chunks, or one buffer. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Uint8Array;

/** Options shared by the blob functions. */
export interface BlobOptions {
  /** Bound to every record (for example the blob id): the blob opens only with the same bytes. */
  readonly associatedData?: Uint8Array;
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const chunk of source) {
    if (!(chunk instanceof Uint8Array)) {
      throw new CryptoError(
        'INVALID_ARGUMENT',
        'a byte stream yielded something other than a Uint8Array',
      );
    }
    yield chunk;
  }
}

async function* encryptRecords(
  key: SymmetricKey,
  source: ByteSource,
  options: BlobOptions,
): AsyncGenerator<Ciphertext, void, undefined> {
  const encryptor = startBlobEncryption(key, options.associatedData);
  const rechunker = new Rechunker(BLOB_CHUNK_BYTES);
  try {
    yield encryptor.header as Ciphertext;
    for await (const chunk of chunksOf(source)) {
      for (const block of rechunker.feed(chunk)) yield encryptor.push(block, false) as Ciphertext;
    }
    yield encryptor.push(rechunker.rest(), true) as Ciphertext;
  } finally {
    rechunker.wipe();
    encryptor.dispose();
  }
}

async function* decryptRecords(
  key: SymmetricKey,
  source: ByteSource,
  options: BlobOptions,
): AsyncGenerator<Plaintext, void, undefined> {
  const header = new Uint8Array(BLOB_HEADER_BYTES);
  let headerFill = 0;
  const rechunker = new Rechunker(BLOB_RECORD_BYTES);
  let decryptor: ReturnType<typeof startBlobDecryption> | undefined;
  try {
    for await (const chunk of chunksOf(source)) {
      let rest = chunk;
      if (decryptor === undefined) {
        const n = Math.min(BLOB_HEADER_BYTES - headerFill, rest.length);
        header.set(rest.subarray(0, n), headerFill);
        headerFill += n;
        rest = rest.subarray(n);
        if (headerFill < BLOB_HEADER_BYTES) continue;
        decryptor = startBlobDecryption(key, header, options.associatedData);
      }
      for (const record of rechunker.feed(rest)) yield decryptor.pull(record, false);
    }
    if (decryptor === undefined) throw blobFailure('truncated');
    yield decryptor.pull(rechunker.rest(), true);
  } finally {
    decryptor?.dispose();
  }
}

/**
 * Encrypts a byte stream of any length as a sealed blob (crypto_secretstream_xchacha20poly1305,
 * 64 KiB records, the last tagged FINAL). Yields the header, then one chunk per record; the
 * concatenation is the same format as {@link sealBlob}.
 */
export function encryptStream(
  key: SymmetricKey,
  chunks: ByteSource,
  options: BlobOptions = {},
): AsyncGenerator<Ciphertext, void, undefined> {
  requireSodium();
  checkBlobKey(key);
  return encryptRecords(key, chunks, options);
}

/**
 * Decrypts a sealed blob split into chunks of any sizes. Each yielded chunk is authentic, but
 * the stream is complete only when iteration ends without error: truncation, extension or
 * tampering throws DECRYPT_FAILED, so treat earlier output as provisional.
 */
export function decryptStream(
  key: SymmetricKey,
  chunks: ByteSource,
  options: BlobOptions = {},
): AsyncGenerator<Plaintext, void, undefined> {
  requireSodium();
  checkBlobKey(key);
  return decryptRecords(key, chunks, options);
}
