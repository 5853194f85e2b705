import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo';
import {
  TrailError,
  diskFullError,
  isDiskFull,
  passThrough,
  shardOf,
  type CapturedSession,
  type LibraryDoc,
  type LibraryEntry,
  type PreviewRedactor,
  type SessionDoc,
  type DocEvent,
  type BlobRef,
} from '@trail/model';
import { A, findOrCreate, genesisBackend, repoOver, urlOf } from './automerge.js';
import { loadStored, persistBackend } from './doc-io.js';
import type { AtomicFsStorageAdapter } from './fs-storage.js';
import { sessionDocId, sessionGeneration } from './generation.js';
import type { FsBlobStore } from './fs-blobs.js';
import { openStoreFiles, type StoreFiles } from './store-files.js';
import type { StorePaths } from './home.js';
import { toPlain } from './immutable.js';
import type { StoreKeys } from './keys.js';
import { entryOf, libraryGenesis, upsertEntry, upsertProject } from './library.js';
import { resolveProject, type ResolvedProject } from './project-resolve.js';
import { indexSession } from './query/indexer.js';
import {
  DocWriter,
  applyCaptured,
  sessionGenesis,
  type PlainSession,
  type WriteResult,
} from './session-writer.js';

/** Sessions written before their library entries are flushed in one change. */
const LIBRARY_BATCH = 256;

/** Store format written to store.json. */
export const STORE_FORMAT = { format: 'trail-store', version: 1 } as const;

/** Options for {@link Store.open}. */
export interface OpenOptions {
  /** Store home; default {@link resolveHome}. */
  home?: string;
  /** Applied to every preview before it enters a document. */
  redact?: PreviewRedactor;
  /** How long to wait for another writer, in ms. */
  lockTimeoutMs?: number;
}

/** What {@link Store.write} did. */
export interface SessionWrite extends WriteResult {
  sessionId: string;
  url: string;
  created: boolean;
}

/**
 * A store opened for writing: holds the single-writer lock until closed. Read commands
 * do not open a Store; they read the query index (see `@trail/store/query`).
 */
export class Store {
  readonly paths: StorePaths;
  readonly keys: StoreKeys;
  readonly blobs: FsBlobStore;
  readonly storage: AtomicFsStorageAdapter;
  readonly db: DatabaseSync;
  /** True when the query index was (re)created empty and needs a reindex. */
  readonly indexFresh: boolean;

  private constructor(
    private readonly files: StoreFiles,
    readonly repo: Repo,
    library: DocHandle<LibraryDoc>,
    private readonly redact: PreviewRedactor,
  ) {
    this.#library = library;
    this.paths = files.paths;
    this.keys = files.keys;
    this.blobs = files.blobs;
    this.storage = files.storage;
    this.db = files.db;
    this.indexFresh = files.indexFresh;
  }

  /** Opens (creating on first use) the store at `home`, taking the write lock. */
  static async open(opts: OpenOptions = {}): Promise<Store> {
    // the same files (lock, keys, journal, blobs, index) as openStoreFiles, plus a repo
    const files = await openStoreFiles(opts);
    try {
      const repo = repoOver(files.storage);
      await repo.storageId(); // its first save must not outlive close()
      const library = await findOrCreate<LibraryDoc>(
        repo,
        files.storage,
        files.libraryId as DocumentId,
        libraryGenesis,
      );
      return new Store(files, repo, library, opts.redact ?? passThrough);
    } catch (e) {
      await files.close();
      throw e;
    }
  }

  readonly #library: DocHandle<LibraryDoc>;
  /** Library entries of sessions written since the last {@link flushLibrary}. */
  readonly #pending = new Map<string, { entry: LibraryEntry; project: ResolvedProject }>();

  /** The library document, with every session written so far entered in it. */
  get library(): DocHandle<LibraryDoc> {
    this.flushLibrary();
    return this.#library;
  }

  /** The automerge URL of a session's document, whether or not it exists yet. */
  sessionUrl(sessionId: string): string {
    return urlOf(this.#sessionDocId(sessionId));
  }

  /** The id of a session's document in its current generation (see `sessionGeneration`). */
  #sessionDocId(sessionId: string): DocumentId {
    return sessionDocId(this.keys, sessionId, sessionGeneration(this.#entry(sessionId)));
  }

  /** The handle of a session's document, or undefined when the library has no such session. */
  async sessionHandle(sessionId: string): Promise<DocHandle<SessionDoc> | undefined> {
    if (!this.#entry(sessionId)) return undefined;
    this.flushLibrary();
    return this.repo.find<SessionDoc>(this.#sessionDocId(sessionId));
  }

  /**
   * Folds a captured session into the store in one change to its document: blobs first,
   * then the document, the library entry and the query index. Idempotent.
   */
  async write(s: CapturedSession, _opts: { evict?: boolean } = {}): Promise<SessionWrite> {
    try {
      return await this.#write(s);
    } catch (e) {
      if (isDiskFull(e)) throw diskFullError(e, this.paths.root, `writing session ${s.id}`);
      throw e;
    }
  }

  /** A session is in the library (flushed or not). */
  hasSession(sessionId: string): boolean {
    return this.#entry(sessionId) !== undefined;
  }

  async #write(s: CapturedSession): Promise<SessionWrite> {
    const project = resolveProject(s.cwd ?? '');
    const existing = this.#entry(s.id);
    const docId = this.#sessionDocId(s.id);
    const url = urlOf(docId);
    const loaded = await loadStored<SessionDoc>(this.storage, docId);
    // a new session starts from its genesis as a bare handle: nothing reads it as objects
    const initial = loaded?.doc ?? sessionGenesis(s.id, sessionGeneration(existing));
    const { events, ...fields } = initial as Partial<SessionDoc>;
    const plain = toPlain<DocEvent[]>(events ?? []);
    const top = toPlain<PlainSession>(fields);
    const h = loaded ? A.getBackend(loaded.doc) : genesisBackend(initial);
    const since = loaded ? h.getHeads() : [];
    const texts = new Map<string, string>();
    let result: WriteResult;
    this.blobs.begin();
    this.blobs.rememberTexts(texts);
    try {
      result = applyCaptured(new DocWriter(h), top, s, project.id, this.blobs, this.redact, plain);
      if (h.pendingOps() > 0) h.commit(`capture ${s.agent}`, Math.floor(Date.now() / 1000));
      this.blobs.commit(); // blobs land before the document that names them
    } catch (e) {
      h.rollback();
      this.blobs.rollback();
      h.free();
      throw e;
    } finally {
      this.blobs.rememberTexts(undefined);
    }
    try {
      const changed = h.getHeads().join() !== since.join();
      if (changed) await persistBackend(this.storage, docId, h, since, loaded?.keys ?? []);
      if (changed || !existing) {
        const doc = { ...top, events: plain } as SessionDoc;
        this.#pending.set(s.id, { entry: entryOf(doc, url), project });
        if (this.#pending.size >= LIBRARY_BATCH) this.flushLibrary();
        indexSession(
          this.db,
          { doc, url, projectName: project.name },
          (ref) => texts.get(ref.hash) ?? this.#text(ref),
        );
      }
    } finally {
      h.free();
    }
    return { ...result, sessionId: s.id, url, created: !existing };
  }

  /** A session's library entry, including one written but not yet flushed. */
  #entry(sessionId: string): LibraryEntry | undefined {
    return (
      this.#library.doc().shards[shardOf(sessionId)]?.[sessionId] ??
      this.#pending.get(sessionId)?.entry
    );
  }

  /**
   * Writes the library entries of the sessions written since the last flush, in one change:
   * a change per session through the library's handle cost more than the session itself.
   */
  flushLibrary(): void {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    this.#library.change((lib) => {
      for (const { entry, project } of batch) {
        upsertEntry(lib, entry);
        upsertProject(lib, project.id, project.name, project.root);
      }
    });
  }

  /** A session document as stored, or undefined. */
  async sessionDoc(sessionId: string): Promise<SessionDoc | undefined> {
    return (await loadStored<SessionDoc>(this.storage, this.#sessionDocId(sessionId)))?.doc;
  }

  #text(ref: BlobRef): string | undefined {
    try {
      return this.blobs.getText(ref.hash);
    } catch {
      return undefined;
    }
  }

  /** Rebuilds the query index from the documents and blobs. Returns the number of sessions. */
  async reindex(onProgress?: (done: number, total: number) => void): Promise<number> {
    this.db.exec(
      "DELETE FROM sessions; DELETE FROM checkpoints; DELETE FROM session_events; DELETE FROM changes; INSERT INTO fts(fts) VALUES ('delete-all');",
    );
    const lib = toPlain<LibraryDoc>(this.library.doc());
    const entries = Object.values(lib.shards).flatMap((s) => Object.values(s));
    let done = 0;
    for (const e of entries) {
      const docId = sessionDocId(this.keys, e.id, sessionGeneration(e));
      const stored = await loadStored<SessionDoc>(this.storage, docId);
      if (!stored) continue;
      const doc = toPlain<SessionDoc>(stored.doc);
      const name = lib.projects[doc.project]?.name ?? doc.project.split('/').pop() ?? doc.project;
      indexSession(this.db, { doc, url: urlOf(docId), projectName: name }, (ref) =>
        this.#text(ref),
      );
      done++;
      onProgress?.(done, entries.length);
    }
    return done;
  }

  /** Writes everything to disk, closes the index and releases the lock. */
  async close(): Promise<void> {
    try {
      this.flushLibrary();
      await this.repo.flush();
      await this.repo.shutdown();
    } catch (e) {
      // sessions whose library entry did not land are entered again by the next import
      // (see isUnchanged in @trail/capture), so a full disk here loses nothing for good
      if (isDiskFull(e)) throw diskFullError(e, this.paths.root, 'saving the library');
      throw e;
    } finally {
      this.storage.close();
      try {
        this.db.exec('PRAGMA incremental_vacuum'); // re-indexed sessions leave free pages
      } finally {
        await this.files.close();
      }
    }
  }
}

/** Refuses a store written by a newer trail (or a corrupt store.json). */
export function checkFormat(paths: StorePaths): void {
  if (!existsSync(paths.meta)) return;
  let meta: { format?: string; version?: number };
  try {
    meta = JSON.parse(readFileSync(paths.meta, 'utf8')) as typeof meta;
  } catch {
    throw new TrailError(
      'STORE_CORRUPT',
      `${paths.meta} is not valid JSON; move it aside and run \`trail doctor\``,
      { path: paths.meta },
    );
  }
  if (meta.format !== STORE_FORMAT.format || (meta.version ?? 0) > STORE_FORMAT.version) {
    throw new TrailError(
      'STORE_VERSION',
      `${paths.root} holds a store of format ${String(meta.format)} v${String(meta.version)}, newer than this trail understands; upgrade trail`,
      { path: paths.root },
    );
  }
}

/** Writes store.json (format, library URL) when it differs. */
export function writeMeta(paths: StorePaths, libraryUrl: string, libraryGeneration = 0): void {
  const generation = libraryGeneration > 0 ? { libraryGeneration } : {};
  const body =
    JSON.stringify(
      { ...STORE_FORMAT, libraryUrl, ...generation, automerge: 'automerge', blobs: 'blobs' },
      null,
      2,
    ) + '\n';
  if (existsSync(paths.meta) && readFileSync(paths.meta, 'utf8') === body) return;
  const tmp = `${paths.meta}.${process.pid}.tmp`;
  writeFileSync(tmp, body, { mode: 0o600 });
  renameSync(tmp, paths.meta);
}
