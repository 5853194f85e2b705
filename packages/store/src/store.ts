import { mkdirSync, readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import type { DocHandle, DocumentId, Repo } from '@automerge/automerge-repo';
import { ready } from '@trail/crypto';
import {
  TrailError,
  passThrough,
  shardOf,
  type CapturedSession,
  type LibraryDoc,
  type PreviewRedactor,
  type SessionDoc,
  type DocEvent,
  type BlobRef,
} from '@trail/model';
import { A, findOrCreate, genesis, openRepo, urlOf } from './automerge.js';
import { loadStored, persist } from './doc-io.js';
import type { AtomicFsStorageAdapter } from './fs-storage.js';
import { libraryDocId, libraryGeneration, sessionDocId, sessionGeneration } from './generation.js';
import { FsBlobStore } from './fs-blobs.js';
import { storePaths, resolveHome, type StorePaths } from './home.js';
import { toPlain } from './immutable.js';
import { blobHasher, loadOrCreateKeys, type StoreKeys } from './keys.js';
import { entryOf, libraryGenesis, upsertEntry, upsertProject } from './library.js';
import { acquireWriteLock, type WriteLock } from './lock.js';
import { openJournal } from './journal.js';
import { resolveProject } from './project-resolve.js';
import { openIndex } from './query/db.js';
import { indexSession } from './query/indexer.js';
import { applyCaptured, sessionGenesis, type WriteResult } from './session-writer.js';

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
  private constructor(
    readonly paths: StorePaths,
    readonly keys: StoreKeys,
    readonly blobs: FsBlobStore,
    readonly repo: Repo,
    readonly storage: AtomicFsStorageAdapter,
    readonly db: DatabaseSync,
    readonly library: DocHandle<LibraryDoc>,
    private readonly lock: WriteLock,
    private readonly redact: PreviewRedactor,
    /** True when the query index was (re)created empty and needs a reindex. */
    readonly indexFresh: boolean,
  ) {}

  /** Opens (creating on first use) the store at `home`, taking the write lock. */
  static async open(opts: OpenOptions = {}): Promise<Store> {
    const paths = storePaths(opts.home ?? resolveHome());
    mkdirSync(paths.root, { recursive: true, mode: 0o700 });
    const lock = await acquireWriteLock(paths.lock, opts.lockTimeoutMs);
    try {
      for (const d of [paths.automerge, paths.blobs, paths.spool, paths.logs, paths.keys])
        mkdirSync(d, { recursive: true, mode: 0o700 });
      checkFormat(paths);
      await ready();
      const keys = await loadOrCreateKeys(paths.keys);
      const journal = openJournal(paths.journal);
      const blobs = new FsBlobStore(paths.blobs, blobHasher(keys), journal);
      const { repo, storage } = openRepo(paths.automerge, journal);
      await repo.storageId(); // its first save must not outlive close()
      const libGeneration = libraryGeneration(paths);
      const libId = libraryDocId(keys, libGeneration);
      const library = await findOrCreate<LibraryDoc>(repo, storage, libId, libraryGenesis);
      const { db, fresh } = openIndex(paths.index);
      writeMeta(paths, urlOf(libId), libGeneration);
      return new Store(
        paths,
        keys,
        blobs,
        repo,
        storage,
        db,
        library,
        lock,
        opts.redact ?? passThrough,
        fresh,
      );
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** The automerge URL of a session's document, whether or not it exists yet. */
  sessionUrl(sessionId: string): string {
    return urlOf(this.#sessionDocId(sessionId));
  }

  /** The id of a session's document in its current generation (see `sessionGeneration`). */
  #sessionDocId(sessionId: string): DocumentId {
    const entry = this.library.doc().shards[shardOf(sessionId)]?.[sessionId];
    return sessionDocId(this.keys, sessionId, sessionGeneration(entry));
  }

  /** The handle of a session's document, or undefined when the library has no such session. */
  async sessionHandle(sessionId: string): Promise<DocHandle<SessionDoc> | undefined> {
    const lib = this.library.doc();
    const entry = lib.shards[shardOf(sessionId)]?.[sessionId];
    if (!entry) return undefined;
    return this.repo.find<SessionDoc>(this.#sessionDocId(sessionId));
  }

  /**
   * Folds a captured session into the store in one change to its document: blobs first,
   * then the document, the library entry and the query index. Idempotent.
   */
  async write(s: CapturedSession, _opts: { evict?: boolean } = {}): Promise<SessionWrite> {
    const project = resolveProject(s.cwd ?? '');
    const existing = this.library.doc().shards[shardOf(s.id)]?.[s.id];
    const generation = sessionGeneration(existing);
    const docId = sessionDocId(this.keys, s.id, generation);
    const url = urlOf(docId);
    const loaded = await loadStored<SessionDoc>(this.storage, docId);
    const base = loaded?.doc ?? A.load<SessionDoc>(genesis(sessionGenesis(s.id, generation)));
    let result: WriteResult = { added: 0, merged: 0 };
    const plain = loaded ? toPlain<DocEvent[]>(loaded.doc.events ?? []) : [];
    this.blobs.begin();
    let doc: A.Doc<SessionDoc>;
    try {
      doc = A.change(base, { message: `capture ${s.agent}` }, (d) => {
        result = applyCaptured(d, s, project.id, this.blobs, this.redact, plain);
      });
      this.blobs.commit();
    } catch (e) {
      this.blobs.rollback();
      throw e;
    }
    const since = loaded ? A.getHeads(loaded.doc) : [];
    const changed = A.getHeads(doc).join() !== since.join();
    if (changed) await persist(this.storage, docId, doc, since, loaded?.keys ?? []);
    if (changed || !existing) {
      this.library.change((lib) => {
        upsertEntry(lib, entryOf(doc, url));
        upsertProject(lib, project.id, project.name, project.root);
      });
      indexSession(
        this.db,
        { doc: toPlain<SessionDoc>(doc), url, projectName: project.name },
        (ref) => this.#text(ref),
      );
    }
    return { ...result, sessionId: s.id, url, created: !existing };
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
      "DELETE FROM sessions; DELETE FROM events; DELETE FROM changes; DELETE FROM fts_rows; INSERT INTO fts(fts) VALUES ('delete-all');",
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
      await this.repo.flush();
      await this.repo.shutdown();
    } finally {
      try {
        this.db.exec('PRAGMA incremental_vacuum'); // re-indexed sessions leave free pages
      } finally {
        this.blobs.close();
        this.db.close();
        this.lock.release();
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
