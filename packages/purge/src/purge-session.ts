import * as A from '@automerge/automerge';
import {
  TrailError,
  shardOf,
  type BlobRef,
  type DocEvent,
  type LibraryDoc,
  type SessionDoc,
} from '@trail/model';
import {
  entryOf,
  immutableDeep,
  indexSession,
  loadStored,
  persist,
  sessionDocId,
  sessionGeneration,
  toPlain,
  upsertEntry,
  urlOf,
  type Store,
} from '@trail/store';
import type { BlobCheck, ReplacedBlob } from './blob-rewriter.js';
import { historyHolds } from './history.js';
import type { Matcher } from './matcher.js';
import { cleanContent } from './clean.js';
import { rebuildSessionDoc } from './rebuild.js';

/** What purging one session did (or, in a dry run, would do). */
export interface SessionPurge {
  readonly sessionId: string;
  /** The generation in use afterwards (see `sessionGeneration` in @trail/store). */
  readonly generation: number;
  /** The document the session used before, and the one it uses now (equal unless rebuilt). */
  readonly oldDocumentId: string;
  readonly newDocumentId: string;
  /** True when the document's history held the secret, so it was rebuilt without history. */
  readonly rebuilt: boolean;
  /** Document ids whose storage chunks were deleted (the old generation, and older ones left). */
  readonly deletedDocuments: readonly string[];
  /** Blobs of this session that held the secret, and their rewritten copies. */
  readonly blobs: readonly ReplacedBlob[];
  /** True when the document was pointed at rewritten blobs or checkpoints. */
  readonly remapped: boolean;
}

/** Shared state of one purge over several sessions. */
export interface PurgeContext {
  readonly store: Store;
  readonly matcher: Matcher;
  readonly dryRun: boolean;
  readonly blobs: BlobCheck;
  /** Checkpoint ids that a purge of the working-tree checkpoints rewrote, old → new. */
  readonly checkpoints?: ReadonlyMap<string, string>;
}

/** Each blob reference of an event with a setter, so a replacement can be put in its place. */
function* refsOf(e: DocEvent): Generator<[BlobRef, (r: BlobRef) => void]> {
  if (e.body) yield [e.body, (r) => (e.body = r)];
  if (e.output) yield [e.output, (r) => (e.output = r)];
  if (e.terminal) yield [e.terminal, (r) => (e.terminal = r)];
  for (const c of e.changes ?? []) {
    if (c.patch) yield [c.patch, (r) => (c.patch = r)];
    if (c.before) yield [c.before, (r) => (c.before = r)];
    if (c.after) yield [c.after, (r) => (c.after = r)];
  }
}

/**
 * Removes what `ctx.matcher` matches from one session: blobs holding it are rewritten (the
 * old ones are deleted by the caller, once no document points at them); a document whose
 * history holds it is rebuilt as the next generation (a new id derived from the space key,
 * so every device derives the same), the library entry points at it, and the chunks of every
 * older generation are deleted. The session keeps its id. Undefined when the store has no
 * such document.
 */
export async function purgeSession(
  ctx: PurgeContext,
  sessionId: string,
): Promise<SessionPurge | undefined> {
  const { store, matcher, dryRun } = ctx;
  const entry = store.library.doc().shards[shardOf(sessionId)]?.[sessionId];
  const generation = sessionGeneration(entry);
  const docId = sessionDocId(store.keys, sessionId, generation);
  const loaded = await loadStored<SessionDoc>(store.storage, docId);
  if (!loaded) return undefined;
  const content = toPlain<SessionDoc>(loaded.doc);
  const before = ctx.blobs.replaced.length;
  let remapped = false;
  const checkpoint = (id: unknown) =>
    typeof id === 'string' || id instanceof A.ImmutableString
      ? ctx.checkpoints?.get(String(id))
      : undefined;
  for (const e of content.events) {
    for (const [ref, set] of refsOf(e)) {
      const next = ctx.blobs.check(ref);
      if (next) {
        set(next);
        remapped = true;
      }
    }
    const moved = checkpoint(e.checkpointId);
    if (moved) {
      e.checkpointId = moved;
      remapped = true;
    }
  }
  const blobs = ctx.blobs.replaced.slice(before);
  const rebuilt = historyHolds(loaded.doc, matcher);
  const older = Array.from({ length: generation + (rebuilt ? 1 : 0) }, (_, g) =>
    sessionDocId(store.keys, sessionId, g),
  );
  const stale: string[] = [];
  for (const id of older) if ((await store.storage.loadRange([id])).length > 0) stale.push(id);
  const report = (newId: string, gen: number): SessionPurge => ({
    sessionId,
    generation: gen,
    oldDocumentId: docId,
    newDocumentId: newId,
    rebuilt,
    deletedDocuments: stale,
    blobs,
    remapped,
  });
  if (!rebuilt && !remapped && stale.length === 0) return report(docId, generation);
  if (dryRun)
    return report(
      rebuilt ? sessionDocId(store.keys, sessionId, generation + 1) : docId,
      generation + (rebuilt ? 1 : 0),
    );

  let doc: A.Doc<SessionDoc>;
  let newId = docId;
  let newGeneration = generation;
  if (rebuilt) {
    newGeneration = generation + 1;
    newId = sessionDocId(store.keys, sessionId, newGeneration);
    doc = rebuildSessionDoc(cleanContent(content, matcher) as SessionDoc, newGeneration);
    if (historyHolds(doc, matcher)) {
      throw new TrailError(
        'PURGE_INCOMPLETE',
        `session ${sessionId}: the rebuilt document still holds the secret; nothing was deleted`,
        { sessionId },
      );
    }
    await persist(store.storage, newId, doc, [], []);
  } else {
    // blob ids reveal nothing (keyed hashes), nor do checkpoint ids: pointing the document at
    // the new ones is an ordinary change, and its history may keep the old ids
    doc = !remapped
      ? loaded.doc
      : A.change(loaded.doc, { message: 'purge: blobs replaced' }, (d) => {
          for (const target of d.events) {
            for (const [ref, set] of refsOf(target)) {
              const next = ctx.blobs.check(ref);
              if (next) set(immutableDeep(next) as BlobRef);
            }
            const moved = checkpoint(target.checkpointId);
            if (moved) target.checkpointId = new A.ImmutableString(moved) as unknown as string;
          }
        });
    if (remapped) await persist(store.storage, docId, doc, A.getHeads(loaded.doc), loaded.keys);
  }
  const url = urlOf(newId);
  const plain = toPlain<SessionDoc>(doc);
  const gen = String(newGeneration);
  store.library.change((lib: LibraryDoc) => {
    upsertEntry(lib, entryOf(plain, url));
    const e = lib.shards[shardOf(sessionId)]?.[sessionId];
    if (e && newGeneration > 0 && !e.generations?.[gen]) {
      e.generations ??= {};
      e.generations[gen] = true;
    }
  });
  for (const id of stale) if (id !== newId) await store.storage.removeRange([id]);
  const lib = toPlain<LibraryDoc>(store.library.doc());
  const projectName =
    lib.projects[plain.project]?.name ?? plain.project.split('/').pop() ?? plain.project;
  indexSession(store.db, { doc: plain, url, projectName }, (ref) => {
    try {
      return store.blobs.getText(ref.hash);
    } catch {
      return undefined;
    }
  });
  return report(newId, newGeneration);
}
