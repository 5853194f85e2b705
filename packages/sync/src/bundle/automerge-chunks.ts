import { createHash } from 'node:crypto';

const MAGIC = [0x85, 0x6f, 0x4a, 0x83];
const DOCUMENT = 0;
const CHANGE = 1;
const COMPRESSED_CHANGE = 2;

/**
 * Whether bytes are a sequence of well-framed Automerge chunks (document, change or compressed
 * change), each with the magic bytes, a known type, a length inside the buffer and, for
 * document and change chunks, a matching checksum (first four bytes of SHA-256 over type,
 * length and contents). A cheap structural check before bytes reach storage, where a broken
 * chunk would stop the whole document loading.
 */
export function isAutomergeChunks(bytes: Uint8Array): boolean {
  let at = 0;
  if (bytes.length === 0) return false;
  while (at < bytes.length) {
    if (at + 10 > bytes.length) return false;
    for (let i = 0; i < 4; i++) if (bytes[at + i] !== MAGIC[i]) return false;
    const type = bytes[at + 8];
    if (type !== DOCUMENT && type !== CHANGE && type !== COMPRESSED_CHANGE) return false;
    let p = at + 9;
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      if (p >= bytes.length || shift > 35) return false;
      const byte = bytes[p++]!;
      length += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
    }
    const end = p + length;
    if (end > bytes.length) return false;
    if (type !== COMPRESSED_CHANGE) {
      const digest = createHash('sha256')
        .update(bytes.subarray(at + 8, end))
        .digest();
      for (let i = 0; i < 4; i++) if (digest[i] !== bytes[at + 4 + i]) return false;
    }
    at = end;
  }
  return true;
}

/** SHA-256 (hex) of bytes: names a chunk in storage, as automerge-repo does. */
export function chunkDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
