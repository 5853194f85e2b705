import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TrailError, asBlobHash, type BlobHash, type BlobRef, type BlobType } from '@trail/model';
import { checkEncoded, decodeBlob, encodeBlob, toBytes, type BlobHasher, type BlobStore } from './blobs.js';

const HASH_RE = /^[0-9a-f]{16,128}$/;

/**
 * Blobs as files `<dir>/<first two hex>/<rest>`, written to a temporary name and renamed,
 * so a crash never leaves a half-written blob under its real name.
 */
export class FsBlobStore implements BlobStore {
  constructor(
    private readonly dir: string,
    private readonly hasher: BlobHasher,
    /** Told the hash of every blob newly written (the sync journal). */
    private readonly onNew?: (hash: string) => void,
  ) {}

  #path(hash: string): string {
    if (!HASH_RE.test(hash)) throw new TrailError('BLOB_BAD_ID', `not a blob id: ${JSON.stringify(hash.slice(0, 80))}`, { hash });
    return join(this.dir, hash.slice(0, 2), hash.slice(2));
  }

  put(content: Uint8Array | string, type: BlobType): BlobRef {
    const bytes = toBytes(content);
    const hash = asBlobHash(this.hasher(bytes));
    const path = this.#path(hash);
    if (!existsSync(path)) {
      this.onNew?.(hash);
      this.#write(path, encodeBlob(bytes));
    }
    return { hash, size: bytes.length, type };
  }

  #write(path: string, encoded: Uint8Array): void {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, encoded, { mode: 0o600 });
    renameSync(tmp, path);
  }

  readEncoded(hash: BlobHash): Uint8Array {
    try {
      return readFileSync(this.#path(hash));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new TrailError('BLOB_MISSING', `blob ${hash} is not in the store (${this.dir})`, { hash });
      }
      throw e;
    }
  }

  putEncoded(hash: BlobHash, encoded: Uint8Array): boolean {
    const path = this.#path(hash);
    if (existsSync(path)) return false;
    checkEncoded(hash, encoded, this.hasher);
    this.onNew?.(hash);
    this.#write(path, encoded);
    return true;
  }

  get(hash: BlobHash): Uint8Array {
    let raw: Buffer;
    try {
      raw = readFileSync(this.#path(hash));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new TrailError('BLOB_MISSING', `blob ${hash} is not in the store (${this.dir})`, { hash });
      }
      throw e;
    }
    return decodeBlob(raw, hash);
  }

  getText(hash: BlobHash): string {
    return Buffer.from(this.get(hash)).toString('utf8');
  }

  has(hash: BlobHash): boolean {
    return existsSync(this.#path(hash));
  }

  delete(hash: BlobHash): boolean {
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
    const out: BlobHash[] = [];
    for (const sub of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const f of readdirSync(join(this.dir, sub))) if (!f.endsWith('.tmp')) out.push(asBlobHash(sub + f));
    }
    return out;
  }
}
