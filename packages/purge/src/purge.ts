import { asBlobHash, type LibraryDoc } from '@trail/model';
import { toPlain, type Store } from '@trail/store';
import { sessionsMentioning } from '@trail/store/query';
import { BlobRewriter } from './blob-rewriter.js';
import { NOTHING, type Matcher } from './matcher.js';
import { purgeSession, type PurgeContext, type SessionPurge } from './purge-session.js';
import { purgeSpools } from './spool.js';
import { purgeLibrary, type LibraryPurge } from './library.js';
import { purgeCheckpoints, type CheckpointPurge } from './checkpoints.js';

/** What to purge, and where. */
export interface PurgeRequest {
  readonly matcher: Matcher;
  /** Only these sessions (full ids). Absent: every session, and every blob of the store. */
  readonly sessions?: readonly string[];
  /** Find everything, change nothing. */
  readonly dryRun?: boolean;
  /**
   * Also rewrite the places shared by every session: the working-tree checkpoints (private git
   * repositories) and the library document. Meant for an exact secret or pattern: a redactor
   * run over every version of every file, or over every session's title, would rewrite far more
   * than the user asked for.
   */
  readonly everywhere?: boolean;
  /** Told how far the scan is. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a purge removed (or, in a dry run, would remove). */
export interface PurgeReport {
  readonly matcher: string;
  readonly dryRun: boolean;
  readonly sessionsScanned: number;
  /** Sessions that held it: rebuilt, or re-pointed at rewritten blobs. */
  readonly sessions: readonly SessionPurge[];
  /** Blobs deleted (each replaced by a rewritten copy where a session used it). */
  readonly deletedBlobs: readonly string[];
  /** Capture spool files rewritten. */
  readonly spoolFiles: readonly string[];
  /** Working trees whose checkpoints held it, and what was rewritten there. */
  readonly checkpoints: readonly CheckpointPurge[];
  /**
   * The library document, when its history held it (a session title, a project name or path)
   * and it was rebuilt as the next generation; null otherwise.
   */
  readonly library: LibraryPurge | null;
}

const touched = (s: SessionPurge): boolean =>
  s.rebuilt || s.remapped || s.blobs.length > 0 || s.deletedDocuments.length > 0;

/** Sessions (by the query index) whose events reference any of `hashes`. */
function sessionsUsing(store: Store, hashes: readonly string[]): string[] {
  return sessionsMentioning(store.db, hashes);
}

/**
 * Removes what `req.matcher` matches from the store for good: rewrites the blobs that hold it
 * and deletes the originals, rebuilds every session document whose history holds it as a new
 * generation, deletes the old documents' chunks, rewrites capture spools, refreshes the query
 * index and compacts it so no free page keeps the old text. Run with the store's write lock
 * held (a `Store`), after folding pending spools in.
 */
export async function purge(store: Store, req: PurgeRequest): Promise<PurgeReport> {
  const dryRun = req.dryRun ?? false;
  const rewriter = new BlobRewriter(store.blobs, req.matcher, dryRun);
  const moved = new Map<string, string>();
  const checkpoints = req.everywhere
    ? purgeCheckpoints(store.paths.checkpoints, req.matcher, dryRun, moved)
    : [];
  const ctx: PurgeContext = {
    store,
    matcher: req.matcher,
    dryRun,
    blobs: rewriter,
    checkpoints: moved,
  };
  const lib = toPlain<LibraryDoc>(store.library.doc());
  const all = Object.values(lib.shards).flatMap((s) => Object.keys(s));
  const ids = req.sessions ?? all;
  const sessions: SessionPurge[] = [];
  for (const [i, id] of ids.entries()) {
    const r = await purgeSession(ctx, id);
    if (r && touched(r)) sessions.push(r);
    req.onProgress?.(i + 1, ids.length);
  }
  if (req.sessions) {
    // sessions outside the scope that share a rewritten blob must follow it
    const inScope = new Set(ids);
    const others = sessionsUsing(store, [
      ...rewriter.replaced.map((b) => b.old),
      ...moved.keys(),
    ]).filter((id) => !inScope.has(id));
    const follow: PurgeContext = {
      store,
      matcher: NOTHING,
      dryRun,
      blobs: rewriter.lookupOnly(),
      checkpoints: moved,
    };
    for (const id of others) {
      const r = await purgeSession(follow, id);
      if (r && touched(r)) sessions.push(r);
    }
  } else {
    // blobs no session points at (an interrupted purge, a document not in the library)
    for (const hash of store.blobs.list()) rewriter.checkHash(asBlobHash(hash));
  }
  const deletedBlobs = rewriter.deleteReplaced();
  const spoolFiles = purgeSpools(store.paths.spool, req.matcher, dryRun, req.sessions);
  if (!dryRun && (sessions.length > 0 || deletedBlobs.length > 0)) {
    // deleted rows linger in free pages and in the full-text index's segments until merged
    store.db.exec("INSERT INTO fts(fts) VALUES('optimize')");
    store.db.exec('VACUUM');
    store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }
  // last: rebuilding the library flushes the store's live handle on the old one
  const library = req.everywhere
    ? ((await purgeLibrary(store, req.matcher, dryRun)) ?? null)
    : null;
  return {
    matcher: req.matcher.description,
    dryRun,
    sessionsScanned: ids.length,
    sessions,
    deletedBlobs,
    spoolFiles,
    checkpoints,
    library,
  };
}
