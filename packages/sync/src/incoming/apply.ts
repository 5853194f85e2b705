import * as A from '@automerge/automerge';
import { equalBytes } from '@trail/crypto';
import { asBlobHash, isTrailError } from '@trail/model';
import type { StoreFiles } from '@trail/store';
import { entryName, type Entry, type ForgetEntry, type RotateEntry } from '../bundle/body.js';
import type { OpenedBundle } from '../bundle/seal.js';
import { isSyncError, rejected } from '../errors.js';
import type { Roster } from '../state/roster.js';
import type { SyncState } from '../state/sync-state.js';
import { loadChunks, readChunks } from '../storage-chunks.js';
import type { PartStaging } from './parts.js';
import { applyForget } from './forget.js';
import { adoptLibraryGeneration, type LibraryInUse } from './library-generation.js';
import { parallel } from '../parallel.js';
import { checkBlobBytes, checkDocBytes } from './validate.js';

/** Where received bundles are applied. */
export interface ApplyTarget {
  readonly store: StoreFiles;
  readonly state: SyncState;
  readonly roster: Roster;
  readonly staging: PartStaging;
  /** The relay the bundle came from (what it holds is recorded per relay). */
  readonly relay: string;
  readonly epoch: number;
  /** The library in use; a later generation received here is adopted. */
  readonly library: LibraryInUse;
  /** Called for an entry whose parts assembled into bad content (the bundle itself was fine). */
  readonly onBadContent: (message: string) => void;
  /** Adopts a key rotation from a vetted member, before the bundle is recorded as applied. */
  readonly onRotation: (rotation: RotateEntry, sender: string) => Promise<void>;
}

/** What applying a bundle did. */
export interface AppliedBundle {
  readonly sender: string;
  readonly docs: ReadonlySet<string>;
  readonly blobs: number;
}

/**
 * Checks the sender and every entry of an opened bundle before anything is written: the
 * sender must be an active member (its certificate may arrive in the same bundle, signed by a
 * member already known) whose key signed the bundle; whole entries must match their digest or
 * blob id. Runs in a state transaction, so a rejection also undoes the certificates admitted.
 */
function vet(t: ApplyTarget, opened: OpenedBundle, bundleId: string): void {
  const { body } = opened;
  t.state.db.tx(() => {
    t.roster.admit(body.certs);
    const member = t.roster.member(body.sender);
    if (member === undefined)
      throw rejected('unknown-device', 'its sender is not a device of this space', bundleId);
    if (member.removedEpoch !== undefined)
      throw rejected('removed-device', 'its sender was removed from this space', bundleId);
    if (!equalBytes(member.cert.signPublicKey, opened.signer))
      throw rejected('bad-signature', "signed with a key that is not the sender's", bundleId);
    for (const e of body.entries)
      if (e.kind === 'doc' && e.parts === 1) checkDocBytes(e.bytes, e.digest, bundleId);
  });
}

/**
 * Writes a bundle's blobs, each checked against its id as it is stored (one decode per blob);
 * if any fails, the ones this bundle added are deleted again and the bundle is rejected.
 */
function writeBlobs(
  t: ApplyTarget,
  blobs: readonly { hash: string; bytes: Uint8Array }[],
  bundleId: string,
): void {
  const added: string[] = [];
  // one transaction for the bundle's blobs (one commit each made a bundle of thousands slow)
  t.store.blobs.begin();
  try {
    for (const b of blobs)
      if (t.store.blobs.putEncoded(asBlobHash(b.hash), b.bytes)) added.push(b.hash);
    t.store.blobs.commit();
  } catch (error) {
    t.store.blobs.rollback();
    for (const hash of added) t.store.blobs.delete(asBlobHash(hash));
    if (isTrailError(error, 'BLOB_CORRUPT'))
      throw rejected('bad-content', 'a blob entry does not match its id', bundleId);
    throw error;
  }
}

/** Entries smaller than this are written without checking whether they are already held. */
const DUPLICATE_CHECK_MIN_BYTES = 64 * 1024;

async function hasAll(
  store: StoreFiles,
  docId: string,
  heads: readonly string[],
  bytes: number,
): Promise<boolean> {
  // Only worth a load when the entry is large (a compaction snapshot): a small change is
  // cheaper to store twice than to check.
  if (heads.length === 0 || bytes < DUPLICATE_CHECK_MIN_BYTES) return false;
  try {
    const doc = loadChunks(await readChunks(store.storage, docId));
    return doc !== undefined && A.hasHeads(doc, heads as A.Heads);
  } catch {
    return false;
  }
}

/** Assembles a part; returns the whole entry's bytes when complete and sound. */
function assemble(
  t: ApplyTarget,
  e: Entry & { kind: 'doc' | 'blob' },
  bundleId: string,
): Uint8Array | undefined {
  const whole = e.parts === 1 ? e.bytes : t.staging.add(entryName(e), e.part, e.parts, e.bytes);
  if (whole === undefined || e.parts === 1) return whole;
  try {
    if (e.kind === 'doc') checkDocBytes(whole, e.digest, bundleId);
    else checkBlobBytes(t.store, e.hash, whole, bundleId);
    return whole;
  } catch (error) {
    if (!isSyncError(error)) throw error;
    t.onBadContent(error.message);
    return undefined;
  }
}

/**
 * Applies a bundle that passed `openBundle`: vets it, then writes document bytes straight into
 * storage as incremental chunks (no live handle, no repo import: the fast path measured in the
 * design), blobs into the blob store, and records what the relay holds and which sessions the
 * query index must refresh. Re-applying is harmless: chunks are named by digest and blobs by id.
 */
export async function applyBundle(
  t: ApplyTarget,
  opened: OpenedBundle,
  bundleId: string,
): Promise<AppliedBundle> {
  vet(t, opened, bundleId);
  const { body } = opened;
  const docs = new Map<string, { chunks: string[]; heads: string[] }>();
  const blobs: { hash: string; bytes: Uint8Array }[] = [];
  const writes: { docId: string; digest: string; heads: readonly string[]; bytes: Uint8Array }[] =
    [];
  const forgets: ForgetEntry[] = [];
  for (const e of body.entries) {
    if (e.kind === 'blob' && e.parts === 1) blobs.push({ hash: e.hash, bytes: e.bytes });
    if (e.kind === 'forget') forgets.push(e);
  }
  writeBlobs(t, blobs, bundleId);
  for (const e of body.entries) {
    if (e.kind === 'rotate') {
      await t.onRotation(e, body.sender);
      continue;
    }
    if (e.kind === 'forget' || (e.kind === 'blob' && e.parts === 1)) continue;
    const whole = assemble(t, e, bundleId);
    if (whole === undefined) continue;
    if (e.kind === 'blob') {
      blobs.push({ hash: e.hash, bytes: whole });
      t.store.blobs.putEncoded(asBlobHash(e.hash), whole);
      continue;
    }
    const record = docs.get(e.docId) ?? { chunks: [], heads: [] };
    docs.set(e.docId, record);
    record.chunks.push(`incremental/${e.digest}`);
    record.heads.push(...e.heads);
    writes.push({ docId: e.docId, digest: e.digest, heads: e.heads, bytes: whole });
  }
  // Chunks are independent files named by their digest: write them in parallel.
  await parallel(writes, 16, async (w) => {
    if (!(await hasAll(t.store, w.docId, w.heads, w.bytes.length)))
      await t.store.storage.save([w.docId, 'incremental', w.digest], w.bytes);
  });
  // After the writes: store.json then names a library document that is on disk.
  for (const docId of docs.keys()) adoptLibraryGeneration(t.store, t.library, docId);
  for (const f of forgets) await applyForget(t, f);
  t.state.db.tx(() => {
    for (const [docId, r] of docs) {
      t.state.addKnownChunks(t.relay, docId, r.chunks);
      if (r.heads.length > 0) t.state.addKnownHeads(t.relay, docId, r.heads);
    }
    for (const b of blobs) t.state.addKnownBlob(t.relay, b.hash);
    t.state.addPendingIndex(docs.keys());
    t.state.markApplied(t.relay, t.epoch, bundleId);
    t.roster.markSeen(t.epoch, body.sender);
  });
  return { sender: body.sender, docs: new Set(docs.keys()), blobs: blobs.length };
}
