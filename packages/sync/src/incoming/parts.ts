import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * Parts of entries too large for one bundle, kept in `sync/parts/<hash of name>/<n>` until all
 * have arrived (parts come in any order, over several syncs). The directory name is a hash, so
 * no name from a bundle ever becomes a path.
 */
export class PartStaging {
  constructor(private readonly dir: string) {}

  #dirOf(name: string): string {
    return join(this.dir, createHash('sha256').update(name).digest('hex'));
  }

  /** Stores one part; returns the whole content once every part is there (and forgets them). */
  add(name: string, part: number, parts: number, bytes: Uint8Array): Uint8Array | undefined {
    const dir = this.#dirOf(name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, String(part));
    if (!existsSync(file)) {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, bytes, { mode: 0o600 });
      renameSync(tmp, file);
    }
    const have = readdirSync(dir).filter((f) => /^\d+$/.test(f) && Number(f) < parts);
    if (have.length < parts) return undefined;
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < parts; i++) chunks.push(readFileSync(join(dir, String(i))));
    rmSync(dir, { recursive: true, force: true });
    return Buffer.concat(chunks);
  }
}
