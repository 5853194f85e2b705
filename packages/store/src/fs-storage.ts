import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StorageKey } from '@automerge/automerge-repo';
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs';

/**
 * automerge-repo's NodeFSStorageAdapter (same on-disk layout, so a plain automerge-repo
 * program reads a trail store) with two changes that matter here:
 * - every chunk is written to a temporary file outside the document tree and renamed into
 *   place, so a kill -9 never leaves a torn chunk that would stop the document loading;
 * - no in-memory cache of every chunk ever written, so importing thousands of sessions
 *   keeps memory flat.
 */
export class AtomicFsStorageAdapter extends NodeFSStorageAdapter {
  readonly #base: string;
  readonly #tmp: string;
  #seq = 0;

  constructor(baseDirectory: string) {
    super(baseDirectory);
    this.#base = baseDirectory;
    this.#tmp = join(baseDirectory, '.tmp');
  }

  /** The parent's layout: `<base>/<id[0:2]>/<id[2:]>/<rest...>`. */
  #path(key: StorageKey): string {
    const [first = '', ...rest] = key;
    return join(this.#base, first.slice(0, 2), first.slice(2), ...rest);
  }

  override async load(key: StorageKey): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.#path(key)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  override async save(key: StorageKey, data: Uint8Array): Promise<void> {
    const path = this.#path(key);
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    await mkdir(this.#tmp, { recursive: true, mode: 0o700 });
    const tmp = join(this.#tmp, `${process.pid}-${Date.now()}-${this.#seq++}`);
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, path);
  }
}
