import type { BundleId, RoutingId } from '@trail/protocol';
import { START_CURSOR } from '@trail/protocol';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, writeFileDurable } from './fs-durable.js';
import { lockDirectory } from './fs-lock.js';
import {
  appendRecord,
  bundlePath,
  compactIfWorthIt,
  createSpace,
  loadSpace,
  spaceDirName,
  type FsSpace,
  type StoreWarning,
} from './fs-space.js';
import { KeyedMutex } from './keyed-mutex.js';
import { MailboxError } from './mailbox-error.js';
import type {
  MailboxStore,
  NewBundle,
  PullPage,
  PullRequest,
  PutLimits,
  PutOutcome,
  RegisterOutcome,
  SpaceRecord,
  SpaceUsage,
} from './mailbox-store.js';
import { cursorSeq, formatCursor, newIncarnation } from './seq-cursor.js';

/** Where and how to open a filesystem mailbox. */
export interface FsMailboxStoreOptions {
  /** The data directory (created if missing). */
  readonly dir: string;
  /** Told about recovered inconsistencies at start-up (torn log tails, orphan files). */
  readonly onWarning?: StoreWarning;
}

/**
 * A MailboxStore on the local filesystem. Each bundle is one file, written to a temporary
 * name, fsynced, renamed and its directory fsynced; then a checksummed record is appended to
 * the space's index log and fsynced; only then does `put` resolve (and the relay ack). A
 * kill -9 at any point loses nothing acknowledged; start-up replays the logs and cleans up.
 * See docs/decisions/relay-storage.md.
 */
export class FsMailboxStore implements MailboxStore {
  readonly #dir: string;
  readonly #spaces = new Map<RoutingId, FsSpace>();
  readonly #mutex = new KeyedMutex<RoutingId>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #release: () => Promise<void>;
  #reserved = 0;
  #closed = false;

  private constructor(dir: string, release: () => Promise<void>) {
    this.#dir = dir;
    this.#release = release;
  }

  /** Opens (or creates) a data directory, takes its lock, and loads every space. */
  static async open(options: FsMailboxStoreOptions): Promise<FsMailboxStore> {
    const warn = options.onWarning ?? (() => undefined);
    await mkdir(join(options.dir, 'spaces'), { recursive: true });
    await mkdir(join(options.dir, 'trash'), { recursive: true });
    const release = await lockDirectory(join(options.dir, 'LOCK'));
    try {
      const store = new FsMailboxStore(options.dir, release);
      await rm(join(options.dir, 'trash'), { recursive: true, force: true });
      await mkdir(join(options.dir, 'trash'), { recursive: true });
      const names = await readdir(join(options.dir, 'spaces'));
      for (let i = 0; i < names.length; i += 32) {
        const batch = names
          .slice(i, i + 32)
          .map((n) => loadSpace(join(options.dir, 'spaces', n), warn));
        for (const space of await Promise.all(batch)) {
          if (space !== undefined) store.#spaces.set(space.record.routingId, space);
        }
      }
      return store;
    } catch (error) {
      await release();
      throw error;
    }
  }

  #run<T>(routingId: RoutingId, fn: () => Promise<T>): Promise<T> {
    if (this.#closed)
      return Promise.reject(new MailboxError('store_closed', 'the store is closed'));
    const promise = this.#mutex.run(routingId, fn);
    this.#inFlight.add(promise);
    const forget = () => void this.#inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Returns the space record, if known. */
  getSpace(routingId: RoutingId): Promise<SpaceRecord | undefined> {
    return this.#run(routingId, () => Promise.resolve(this.#spaces.get(routingId)?.record));
  }

  /** Pins a new routing id to its key (first use wins); durable before it resolves. */
  registerSpace(record: SpaceRecord, maxSpaces: number): Promise<RegisterOutcome> {
    return this.#run(record.routingId, async () => {
      const existing = this.#spaces.get(record.routingId);
      if (existing !== undefined) return { status: 'exists', record: existing.record };
      if (this.#spaces.size + this.#reserved >= maxSpaces) return { status: 'full' };
      this.#reserved++;
      try {
        const copy = { ...record, authPublicKey: record.authPublicKey.slice() };
        const dir = join(this.#dir, 'spaces', spaceDirName(record.routingId));
        const space = await createSpace(dir, copy, newIncarnation());
        await fsyncDir(join(this.#dir, 'spaces'));
        this.#spaces.set(record.routingId, space);
        return { status: 'registered', record: copy };
      } finally {
        this.#reserved--;
      }
    });
  }

  /** Storage use of a space. */
  usage(routingId: RoutingId): Promise<SpaceUsage> {
    const index = this.#spaces.get(routingId)?.index;
    return Promise.resolve({ bytes: index?.bytes ?? 0, bundles: index?.count ?? 0 });
  }

  /** Writes the bundle file, then its log record, each durably, then resolves. */
  put(
    routingId: RoutingId,
    bundle: NewBundle,
    now: number,
    limits: PutLimits,
  ): Promise<PutOutcome> {
    return this.#run(routingId, async () => {
      const space = this.#spaces.get(routingId);
      if (space === undefined) return { status: 'no_space' };
      const { index } = space;
      const existing = index.get(bundle.bundleId);
      if (existing !== undefined)
        return { status: 'duplicate', cursor: formatCursor(space.incarnation, existing.seq) };
      if (
        index.bytes + bundle.bytes.length > limits.quotaBytes ||
        index.count + 1 > limits.quotaBundles
      ) {
        return { status: 'over_quota' };
      }
      if (space.broken !== undefined) throw space.broken;
      const entry = {
        seq: index.nextSeq,
        bundleId: bundle.bundleId,
        deviceTag: bundle.deviceTag,
        size: bundle.bytes.length,
        storedAt: now,
      };
      await writeFileDurable(bundlePath(space, entry.seq), bundle.bytes);
      await appendRecord(space, { op: 'put', ...entry });
      index.add(entry);
      return { status: 'stored', cursor: formatCursor(space.incarnation, entry.seq) };
    });
  }

  /** Reads one page of bundle files after a cursor. */
  pull(routingId: RoutingId, request: PullRequest): Promise<PullPage> {
    return this.#run(routingId, async () => {
      const space = this.#spaces.get(routingId);
      if (space === undefined) return { bundles: [], cursor: START_CURSOR, more: false };
      const after = cursorSeq(request.after, space.incarnation);
      const page = space.index.page(after, request.limit, request.maxBytes, request.excludeDevice);
      const bundles = await Promise.all(
        page.entries.map(async (e) => {
          const file = bundlePath(space, e.seq);
          const bytes = await readFile(file);
          if (bytes.length !== e.size) {
            throw new MailboxError('store_corrupt', `bundle file has the wrong size: ${file}`, {
              file,
            });
          }
          const cursor = formatCursor(space.incarnation, e.seq);
          return {
            cursor,
            deviceTag: e.deviceTag,
            bundleId: e.bundleId,
            storedAt: e.storedAt,
            bytes,
          };
        }),
      );
      return { bundles, cursor: formatCursor(space.incarnation, page.lastSeq), more: page.more };
    });
  }

  /** Logs the deletion durably, then removes the files. */
  delete(routingId: RoutingId, bundleIds: readonly BundleId[]): Promise<number> {
    return this.#run(routingId, async () => {
      const space = this.#spaces.get(routingId);
      if (space === undefined) return 0;
      const seqs = [...new Set(bundleIds)].flatMap((id) => space.index.get(id)?.seq ?? []);
      if (seqs.length === 0) return 0;
      await appendRecord(space, { op: 'del', seqs });
      const removed = space.index.removeSeqs(seqs);
      // A file left behind by a crash here is an orphan, removed at the next start.
      await Promise.all(
        removed.map((e) => unlink(bundlePath(space, e.seq)).catch(() => undefined)),
      );
      await compactIfWorthIt(space);
      return removed.length;
    });
  }

  /** Moves the space's directory to the trash (the commit point), then erases it. */
  deleteSpace(routingId: RoutingId): Promise<boolean> {
    return this.#run(routingId, async () => {
      const space = this.#spaces.get(routingId);
      if (space === undefined) return false;
      const trash = join(
        this.#dir,
        'trash',
        `${spaceDirName(routingId)}-${randomBytes(6).toString('hex')}`,
      );
      await rename(space.dir, trash);
      await fsyncDir(join(this.#dir, 'spaces'));
      this.#spaces.delete(routingId);
      await rm(trash, { recursive: true, force: true }).catch(() => undefined);
      return true;
    });
  }

  /** Deletes every bundle stored before `cutoff`, space by space. */
  async expire(cutoff: number): Promise<number> {
    let count = 0;
    for (const [routingId, space] of [...this.#spaces]) {
      const ids = space.index.storedBefore(cutoff);
      if (ids.length > 0) count += await this.delete(routingId, ids);
    }
    return count;
  }

  /** Number of spaces. */
  spaceCount(): Promise<number> {
    return Promise.resolve(this.#spaces.size);
  }

  /** Waits for operations in flight, then releases the directory lock. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    this.#spaces.clear();
    await this.#release();
  }
}
