import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { TrailError, asBlobHash, type BlobHash, type BlobRef, type BlobType } from '@trail/model';

/**
 * Raw content kept outside the CRDT documents: full prompts, outputs, file contents,
 * patches. Content-addressed by a keyed hash, so an id reveals nothing, and deletable
 * for good (`trail purge`), which Automerge history is not.
 */
export interface BlobStore {
  /** Stores content (idempotent) and returns its reference. */
  put(content: Uint8Array | string, type: BlobType): BlobRef;
  /** The content of a blob; throws BLOB_MISSING when absent. */
  get(hash: BlobHash): Uint8Array;
  /** The content of a blob as UTF-8 text. */
  getText(hash: BlobHash): string;
  has(hash: BlobHash): boolean;
  /** Deletes a blob; false when it was not there. */
  delete(hash: BlobHash): boolean;
  /** Every blob hash held. */
  list(): BlobHash[];
  /** A blob as stored (codec byte + bytes), for sync; BLOB_MISSING when absent. */
  readEncoded(hash: BlobHash): Uint8Array;
  /**
   * Stores a blob received in its stored form, after checking that it decodes and that its
   * content hashes to `hash` (BLOB_CORRUPT otherwise). False when it was already there.
   */
  putEncoded(hash: BlobHash, encoded: Uint8Array): boolean;
}

/** Throws BLOB_CORRUPT unless `encoded` decodes to content whose id is `hash`. */
export function checkEncoded(hash: string, encoded: Uint8Array, hasher: BlobHasher): void {
  const content = decodeBlob(encoded, hash);
  if (hasher(content) !== hash) {
    throw new TrailError('BLOB_CORRUPT', `blob ${hash} does not match its content`, { hash });
  }
}

/** Computes the id of content; keyed, so equal content has equal ids only within one space. */
export type BlobHasher = (content: Uint8Array) => string;

const CODEC_RAW = 0;
const CODEC_DEFLATE = 1;
const MIN_COMPRESS = 96;

/** Encodes content for disk: one codec byte, then the (compressed) bytes. */
export function encodeBlob(content: Uint8Array): Uint8Array {
  if (content.length >= MIN_COMPRESS) {
    const z = deflateRawSync(content, { level: 6 });
    if (z.length < content.length) {
      const out = new Uint8Array(z.length + 1);
      out[0] = CODEC_DEFLATE;
      out.set(z, 1);
      return out;
    }
  }
  const out = new Uint8Array(content.length + 1);
  out[0] = CODEC_RAW;
  out.set(content, 1);
  return out;
}

/** Decodes what {@link encodeBlob} wrote; throws BLOB_CORRUPT on anything else. */
export function decodeBlob(bytes: Uint8Array, where: string): Uint8Array {
  const codec = bytes[0];
  const body = bytes.subarray(1);
  if (codec === CODEC_RAW) return body;
  if (codec === CODEC_DEFLATE) {
    try {
      return inflateRawSync(body);
    } catch (e) {
      throw new TrailError('BLOB_CORRUPT', `blob ${where} is corrupt: ${(e as Error).message}`, {
        where,
      });
    }
  }
  throw new TrailError('BLOB_CORRUPT', `blob ${where} has an unknown encoding (${String(codec)})`, {
    where,
  });
}

/** Bytes of a string or byte array. */
export function toBytes(content: Uint8Array | string): Uint8Array {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** An in-memory blob store, for tests and for dry runs. */
export class MemoryBlobStore implements BlobStore {
  readonly #blobs = new Map<string, Uint8Array>();
  constructor(private readonly hasher: BlobHasher) {}

  put(content: Uint8Array | string, type: BlobType): BlobRef {
    const bytes = toBytes(content);
    const hash = asBlobHash(this.hasher(bytes));
    if (!this.#blobs.has(hash)) this.#blobs.set(hash, encodeBlob(bytes));
    return { hash, size: bytes.length, type };
  }
  get(hash: BlobHash): Uint8Array {
    const b = this.#blobs.get(hash);
    if (!b) throw new TrailError('BLOB_MISSING', `blob ${hash} is not in the store`, { hash });
    return decodeBlob(b, hash);
  }
  getText(hash: BlobHash): string {
    return Buffer.from(this.get(hash)).toString('utf8');
  }
  has(hash: BlobHash): boolean {
    return this.#blobs.has(hash);
  }
  delete(hash: BlobHash): boolean {
    return this.#blobs.delete(hash);
  }
  list(): BlobHash[] {
    return [...this.#blobs.keys()].map(asBlobHash);
  }
  readEncoded(hash: BlobHash): Uint8Array {
    const b = this.#blobs.get(hash);
    if (!b) throw new TrailError('BLOB_MISSING', `blob ${hash} is not in the store`, { hash });
    return b;
  }
  putEncoded(hash: BlobHash, encoded: Uint8Array): boolean {
    if (this.#blobs.has(hash)) return false;
    checkEncoded(hash, encoded, this.hasher);
    this.#blobs.set(hash, encoded.slice());
    return true;
  }
}
