import type { BlobHash } from './ids.js';

/** What a blob holds, so readers know how to render it. */
export const BLOB_TYPES = ['text', 'json', 'patch', 'bytes', 'terminal'] as const;
/** One of {@link BLOB_TYPES}. */
export type BlobType = (typeof BLOB_TYPES)[number];

/** A reference from a document to raw content kept outside it (deletable, unlike CRDT history). */
export interface BlobRef {
  readonly hash: BlobHash;
  /** Uncompressed size in bytes. */
  readonly size: number;
  readonly type: BlobType;
}
