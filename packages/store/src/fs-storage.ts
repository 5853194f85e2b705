import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chunk, StorageKey } from '@automerge/automerge-repo';
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs';
import type { ChangeJournal } from './journal.js';

/**
 * automerge-repo's NodeFSStorageAdapter (same on-disk layout, so a plain automerge-repo
 * program reads a trail store) with two changes that matter here:
 * - every chunk is written to a temporary file outside the document tree and renamed into
 *   place, so a kill -9 never leaves a torn chunk that would stop the document loading;
 * - no in-memory cache of every chunk ever written, so importing thousands of sessions
 *   keeps memory flat;
 * - synchronous file calls under the async interface: chunks are small, and a round trip
 *   through libuv's thread pool per chunk left an import waiting more than working.
 */
export class AtomicFsStorageAdapter extends NodeFSStorageAdapter {
  readonly #base: string;
  readonly #tmp: string;
  /** Directories known to exist (mkdir on every chunk was a tenth of import time). */
  readonly #dirs = new Set<string>();
  #seq = 0;
  /** Keys written by this process, in order: loadRange lists them first, as the parent does. */
  readonly #order = new Map<string, number>();
  #n = 0;
  #closed = false;

  /** @param journal told of every chunk saved and every document deleted (the sync journal) */
  constructor(
    baseDirectory: string,
    private readonly journal?: Pick<ChangeJournal, 'document' | 'forgetDocument'>,
  ) {
    super(baseDirectory);
    this.#base = baseDirectory;
    this.#tmp = join(baseDirectory, '.tmp');
  }

  /** The parent's layout: `<base>/<id[0:2]>/<id[2:]>/<rest...>`. */
  #path(key: StorageKey): string {
    const [first = '', ...rest] = key;
    return join(this.#base, first.slice(0, 2), first.slice(2), ...rest);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous on purpose (see above)
  override async load(key: StorageKey): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(readFileSync(this.#path(key)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /**
   * Ends writing: automerge-repo's throttled save of a handle can fire after `repo.flush()`
   * has already written the same state, and must not recreate a store that was moved away.
   */
  close(): void {
    this.#closed = true;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous on purpose (see above)
  override async save(key: StorageKey, data: Uint8Array): Promise<void> {
    if (this.#closed) return;
    const path = this.#path(key);
    const dir = join(path, '..');
    if (!this.#dirs.has(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      this.#dirs.add(dir);
    }
    if (!this.#dirs.has(this.#tmp)) {
      mkdirSync(this.#tmp, { recursive: true, mode: 0o700 });
      this.#dirs.add(this.#tmp);
    }
    // Journal first: a crash then leaves at worst an entry for a chunk that never landed.
    if (key[1] === 'incremental' || key[1] === 'snapshot') this.journal?.document(key[0]!);
    const tmp = join(this.#tmp, `${process.pid}-${Date.now()}-${this.#seq++}`);
    try {
      writeFileSync(tmp, data, { mode: 0o600 });
    } catch (e) {
      rmSync(tmp, { force: true }); // a full disk must not keep a torn temporary file
      throw e;
    }
    try {
      renameSync(tmp, path);
    } catch (e) {
      // the directory went away (removeRange of the document): make it again, once
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      renameSync(tmp, path);
    }
    this.#order.set(key.join('\u0000'), this.#n++);
  }

  override async removeRange(prefix: StorageKey): Promise<void> {
    // A whole document deleted for good (purge): journal it first, so the deletion reaches
    // the other devices even if this process dies half-way.
    if (prefix.length === 1 && prefix[0]) this.journal?.forgetDocument(prefix[0]);
    await super.removeRange(prefix);
  }

  override async remove(key: StorageKey): Promise<void> {
    this.#order.delete(key.join('\u0000'));
    await super.remove(key);
  }

  override async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const onDisk: StorageKey[] = [];
    const [first = '', ...rest] = prefix;
    const walk = async (dir: string, key: string[]): Promise<void> => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        if (['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '')) return;
        throw e;
      }
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.isDirectory()) await walk(join(dir, e.name), [...key, e.name]);
        else onDisk.push([...key, e.name]);
      }
    };
    await walk(this.#path(prefix), [first, ...rest]);
    const rank = (k: StorageKey) => this.#order.get(k.join('\u0000')) ?? Number.MAX_SAFE_INTEGER;
    const keys = this.#order.size
      ? onDisk
          .map((k) => ({ k, r: rank(k) }))
          .sort((a, b) => a.r - b.r)
          .map((x) => x.k)
      : onDisk;
    const out: Chunk[] = [];
    for (const key of keys) {
      const data = await this.load(key);
      if (data) out.push({ key, data });
    }
    return out;
  }
}
