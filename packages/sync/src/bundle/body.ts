import { createHash } from 'node:crypto';
import type { DeviceCert } from '../keys/device-cert.js';

/** Bytes of an Automerge document, whole or one part of a large chunk. */
export interface DocEntry {
  readonly kind: 'doc';
  readonly docId: string;
  /** Heads of the sender's document once this entry is applied (empty when not computed). */
  readonly heads: readonly string[];
  /** SHA-256 (hex) of the whole chunk, which names it and checks reassembly. */
  readonly digest: string;
  readonly part: number;
  readonly parts: number;
  readonly bytes: Uint8Array;
}

/** A blob in its stored form (codec byte + bytes), whole or one part. */
export interface BlobEntry {
  readonly kind: 'blob';
  readonly hash: string;
  readonly part: number;
  readonly parts: number;
  readonly bytes: Uint8Array;
}

/** A new epoch key sealed to one remaining device's X25519 key. */
export interface SealedKey {
  readonly deviceId: string;
  readonly sealed: Uint8Array;
}

/** A key rotation: the new epoch, the devices removed, the key for everyone else. */
export interface RotateEntry {
  readonly kind: 'rotate';
  readonly epoch: number;
  readonly removed: readonly string[];
  readonly keys: readonly SealedKey[];
}

/** Documents and blobs deleted for good on the sender (`trail purge`): delete them too. */
export interface ForgetEntry {
  readonly kind: 'forget';
  readonly docs: readonly string[];
  readonly blobs: readonly string[];
}

/** One item of a bundle. */
export type Entry = DocEntry | BlobEntry | RotateEntry | ForgetEntry;

/** What a bundle says, once opened and verified. */
export interface BundleBody {
  /** Must equal the id the relay stores it under. */
  readonly bundleId: string;
  readonly epoch: number;
  /** The sender's device id; must be the signer. */
  readonly sender: string;
  /** Milliseconds since the Unix epoch, by the sender's clock. */
  readonly createdAt: number;
  /** Certificates the sender knows, so receivers learn devices paired elsewhere. */
  readonly certs: readonly DeviceCert[];
  readonly entries: readonly Entry[];
}

/** The name of an entry's content (for bundle ids and part staging). */
export function entryName(entry: Entry): string {
  switch (entry.kind) {
    case 'doc':
      return `d/${entry.docId}/${entry.digest}`;
    case 'blob':
      return `b/${entry.hash}`;
    case 'rotate':
      return `r/${entry.epoch}`;
    case 'forget':
      return `f/${createHash('sha256')
        .update([...entry.docs, '', ...entry.blobs].join('\n'))
        .digest('hex')}`;
  }
}
