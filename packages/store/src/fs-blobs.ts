import type { ChangeJournal } from './journal.js';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { TrailError, asBlobHash, type BlobHash, type BlobRef, type BlobType } from '@trail/model';
import {
  checkEncoded,
  decodeBlob,
  encodeBlob,
  toBytes,
  type BlobHasher,
  type BlobStore,
} from './blobs.js';
import { BlobPack, PACK_MAX_BYTES } from './blob-pack.js';

const HASH_RE = /^(?:[0-9a-f]{2}){8,64}$/;

/**
 * Blobs under `<dir>`: small ones (encoded < 16 KiB) in one SQLite pack, larger ones as files
 * `<dir>/<first two hex>/<rest>`, written to a temporary name and renamed, so a crash never
 * leaves a half-written blob under its real name.
 */
export class FsBlobStore implements BlobStore {
  readonly #pack: BlobPack;
  #texts: Map<string, string> | undefined;

  constructor(
    private readonly dir: string,
    private readonly hasher: BlobHasher,
    /** Told of every blob written or deleted (the sync journal). */
    private readonly journal?: Pick<ChangeJournal, 'blob' | 'forgetBlob'>,
    opts: { readOnly?: boolean } = {},
  ) {
    this.#pack = new BlobPack(dir, opts.readOnly ?? false);
  }

  /** Batches puts into one transaction until commit() (or rollback()). */
  begin(): void {
    this.#pack.begin();
  }

  commit(): void {
    this.#pack.commit();
  }

  rollback(): void {
    this.#pack.rollback();
  }

  /**
   * While set, every text put is also kept in `texts` by hash, so the writer can index what it
   * just stored without reading and inflating it back.
   */
  rememberTexts(texts: Map<string, string> | undefined): void {
    this.#texts = texts;
  }

  /** Closes the pack. */
  close(): void {
    this.#pack.close();
  }

  #checked(hash: string): string {
    if (!HASH_RE.test(hash))
      throw new TrailError('BLOB_BAD_ID', `not a blob id: ${JSON.stringify(hash.slice(0, 80))}`, {
        hash,
      });
    return hash;
  }

  #path(hash: string): string {
    return join(this.dir, this.#checked(hash).slice(0, 2), hash.slice(2));
  }

  put(content: Uint8Array | string, type: BlobType): BlobRef {
    const bytes = toBytes(content);
    const hash = asBlobHash(this.hasher(bytes));
    if (!this.#holds(hash, bytes.length)) {
      this.journal?.blob(hash);
      this.#store(hash, encodeBlob(bytes));
    }
    if (typeof content === 'string') this.#texts?.set(hash, content);
    return { hash, size: bytes.length, type };
  }

  #store(hash: string, encoded: Uint8Array): void {
    if (encoded.length < PACK_MAX_BYTES) this.#pack.put(hash, encoded);
    else this.#write(this.#path(hash), encoded);
  }

  #write(path: string, encoded: Uint8Array): void {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, encoded, { mode: 0o600 });
    } catch (e) {
      rmSync(tmp, { force: true }); // a full disk must not keep a torn temporary file
      throw e;
    }
    renameSync(tmp, path);
  }

  readEncoded(hash: BlobHash): Uint8Array {
    const packed = this.#pack.get(this.#checked(hash));
    if (packed) return packed;
    try {
      return readFileSync(this.#path(hash));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new TrailError('BLOB_MISSING', `blob ${hash} is not in the store (${this.dir})`, {
          hash,
        });
      }
      throw e;
    }
  }

  putEncoded(hash: BlobHash, encoded: Uint8Array): boolean {
    if (this.has(hash)) return false;
    checkEncoded(hash, encoded, this.hasher);
    this.journal?.blob(hash);
    this.#store(hash, encoded);
    return true;
  }

  get(hash: BlobHash): Uint8Array {
    return decodeBlob(this.readEncoded(hash), hash);
  }

  getText(hash: BlobHash): string {
    return Buffer.from(this.get(hash)).toString('utf8');
  }

  has(hash: BlobHash): boolean {
    return this.#pack.has(this.#checked(hash)) || existsSync(this.#path(hash));
  }

  /** {@link has} for content of `size` bytes: content that small can only be in the pack. */
  #holds(hash: string, size: number): boolean {
    if (this.#pack.has(this.#checked(hash))) return true;
    return size + 1 >= PACK_MAX_BYTES && existsSync(this.#path(hash));
  }

  delete(hash: BlobHash): boolean {
    if (this.has(hash)) this.journal?.forgetBlob(hash);
    if (this.#pack.delete(this.#checked(hash))) return true;
    try {
      unlinkSync(this.#path(hash));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  list(): BlobHash[] {
    if (!existsSync(this.dir)) return [];
    const out: BlobHash[] = this.#pack.list().map(asBlobHash);
    for (const sub of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const f of readdirSync(join(this.dir, sub)))
        if (!f.endsWith('.tmp')) out.push(asBlobHash(sub + f));
    }
    return out;
  }
}
