import * as A from '@automerge/automerge';
import { asBlobHash } from '@trail/model';
import type { StoreFiles } from '@trail/store';
import { chunkDigest } from '../bundle/automerge-chunks.js';
import type { DocEntry, Entry } from '../bundle/body.js';
import type { SyncState } from '../state/sync-state.js';
import { concat, loadChunks, readChunks } from '../storage-chunks.js';

/** Entries for one dirty item, and what to record once the relay holds all of them. */
export interface Outgoing {
  readonly kind: 'd' | 'b';
  readonly id: string;
  readonly entries: readonly Entry[];
  /** Records the item as held by the relay (called inside a state transaction). */
  readonly complete: () => void;
}

function split(bytes: Uint8Array, partSize: number): Uint8Array[] {
  if (bytes.length <= partSize) return [bytes];
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += partSize) parts.push(bytes.subarray(at, at + partSize));
  return parts;
}

/** A document's bytes as one entry, or as parts of at most `partSize` bytes. */
export function docEntries(
  docId: string,
  bytes: Uint8Array,
  heads: readonly string[],
  partSize: number,
): DocEntry[] {
  const digest = chunkDigest(bytes);
  const parts = split(bytes, partSize);
  return parts.map((p, part) => ({
    kind: 'doc',
    docId,
    heads,
    digest,
    part,
    parts: parts.length,
    bytes: p,
  }));
}

/** Largest document (stored bytes) whose heads are worth a load after an upload. */
const HEADS_LOAD_MAX_BYTES = 256 * 1024;

function headsOf(chunks: Parameters<typeof loadChunks>[0]): string[] | undefined {
  try {
    const doc = loadChunks(chunks);
    return doc === undefined ? undefined : A.getHeads(doc);
  } catch {
    return undefined;
  }
}

/**
 * What of a document the relay lacks. Normally the stored chunks it has not seen, sent as they
 * are (no Automerge load at all). When automerge-repo has folded chunks the relay holds into a
 * new snapshot, and the heads the relay holds are known, only the changes since those heads
 * are sent (`Automerge.saveSince`), so compaction on disk never re-uploads a whole history.
 */
export async function collectDocument(
  store: StoreFiles,
  state: SyncState,
  relay: string,
  docId: string,
  partSize: number,
): Promise<Outgoing | undefined> {
  const chunks = await readChunks(store.storage, docId);
  const known = state.knownChunks(relay, docId);
  const fresh = chunks.filter((c) => !known.has(c.name));
  const names = chunks.map((c) => c.name);
  const finish = (heads?: readonly string[]) => () => {
    state.addKnownChunks(relay, docId, names);
    if (heads !== undefined) state.addKnownHeads(relay, docId, heads, true);
    state.clearDirty(relay, 'd', docId);
  };
  if (fresh.length === 0) return { kind: 'd', id: docId, entries: [], complete: finish() };
  const knownHeads = state.knownHeads(relay, docId);
  if (knownHeads !== undefined && fresh.some((c) => c.name.startsWith('snapshot/'))) {
    try {
      const doc = loadChunks(chunks)!;
      const heads = A.getHeads(doc);
      const delta = A.saveSince(doc, knownHeads);
      const entries = delta.length === 0 ? [] : docEntries(docId, delta, heads, partSize);
      return { kind: 'd', id: docId, entries, complete: finish(heads) };
    } catch {
      // Heads the document no longer has (it was rebuilt): fall back to sending the chunks.
    }
  }
  const bytes = concat(fresh.map((c) => c.data));
  // After the first upload, also learn the heads (one load), so a later on-disk compaction
  // can be sent as a delta. Skipped for the first upload, and for large documents, whose
  // load would cost more than sending their next snapshot whole once in a while.
  const size = chunks.reduce((n, c) => n + c.data.length, 0);
  const heads = known.size > 0 && size <= HEADS_LOAD_MAX_BYTES ? headsOf(chunks) : undefined;
  return {
    kind: 'd',
    id: docId,
    entries: docEntries(docId, bytes, heads ?? [], partSize),
    complete: finish(heads),
  };
}

/** A blob in its stored form, unless the relay holds it or it is gone (purged). */
export function collectBlob(
  store: StoreFiles,
  state: SyncState,
  relay: string,
  hash: string,
  partSize: number,
): Outgoing {
  const done = () => {
    state.addKnownBlob(relay, hash);
    state.clearDirty(relay, 'b', hash);
  };
  if (state.knownBlob(relay, hash) || !store.blobs.has(asBlobHash(hash))) {
    return { kind: 'b', id: hash, entries: [], complete: () => state.clearDirty(relay, 'b', hash) };
  }
  const parts = split(store.blobs.readEncoded(asBlobHash(hash)), partSize);
  const entries: Entry[] = parts.map((bytes, part) => ({
    kind: 'blob',
    hash,
    part,
    parts: parts.length,
    bytes,
  }));
  return { kind: 'b', id: hash, entries, complete: done };
}
