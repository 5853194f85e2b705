import { keyedHash, toHex } from '@trail/crypto';
import { decodeBlob, type StoreFiles } from '@trail/store';
import { chunkDigest, isAutomergeChunks } from '../bundle/automerge-chunks.js';
import { rejected } from '../errors.js';

/** Throws 'bad-content' unless bytes are well-framed Automerge chunks with the given digest. */
export function checkDocBytes(bytes: Uint8Array, digest: string, bundleId: string): void {
  if (chunkDigest(bytes) !== digest)
    throw rejected('bad-content', 'a document entry does not match its digest', bundleId);
  if (!isAutomergeChunks(bytes))
    throw rejected('bad-content', 'a document entry is not Automerge data', bundleId);
}

/** Throws 'bad-content' unless a blob in stored form decodes to content with this id. */
export function checkBlobBytes(
  store: StoreFiles,
  hash: string,
  bytes: Uint8Array,
  bundleId: string,
): void {
  let content: Uint8Array;
  try {
    content = decodeBlob(bytes, hash);
  } catch {
    throw rejected('bad-content', 'a blob entry does not decode', bundleId);
  }
  if (toHex(keyedHash(store.keys.blobIdKey, content, 32)) !== hash) {
    throw rejected('bad-content', 'a blob entry does not match its id', bundleId);
  }
}
