import { createHash } from 'node:crypto';
import {
  closeSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { writeLooseBlob } from './objects.js';

/** Files larger than this are recorded by size and SHA-256 only (override: TRAIL_CHECKPOINT_MAX_BYTES). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** First line of the placeholder blob that stands for a file too large to snapshot. */
export const PLACEHOLDER_MAGIC = 'trail-large-file v1';

/** A large file as recorded: by size and hash, with the stat data that tells when it changed. */
export interface LargeEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
  oid: string;
}

/** The large files a private index holds as placeholders, by path. */
export type LargeFiles = Record<string, LargeEntry>;

const LARGE_FILE = 'trail-large.json';

/** The size limit in force: the option, else TRAIL_CHECKPOINT_MAX_BYTES, else 5 MB. */
export function maxBytesFrom(
  option: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): number {
  if (option !== undefined) return option;
  const v = Number(env.TRAIL_CHECKPOINT_MAX_BYTES);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : DEFAULT_MAX_BYTES;
}

/** Reads the large-file table of a private repository. */
export function readLarge(gitDir: string): LargeFiles {
  try {
    return JSON.parse(readFileSync(join(gitDir, LARGE_FILE), 'utf8')) as LargeFiles;
  } catch {
    return {};
  }
}

/** Writes the large-file table atomically. */
export function writeLarge(gitDir: string, files: LargeFiles): void {
  const file = join(gitDir, LARGE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(files));
  renameSync(tmp, file);
}

/** The text of a placeholder blob. */
export function placeholderText(size: number, sha256: string): string {
  return `${PLACEHOLDER_MAGIC}\nsize ${size}\nsha256 ${sha256}\n`;
}

/** Parses a placeholder blob; undefined when the content is not one. */
export function parsePlaceholder(
  content: Buffer | string,
): { size: number; sha256: string } | undefined {
  if (content.length > 200) return undefined;
  const s = typeof content === 'string' ? content : content.toString('utf8');
  const m = /^trail-large-file v1\nsize (\d+)\nsha256 ([0-9a-f]{64})\n$/.exec(s);
  return m ? { size: Number(m[1]), sha256: m[2]! } : undefined;
}

/** SHA-256 of a file, read in chunks. */
export function sha256File(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/** Records a large file: its placeholder blob written, its entry returned. */
export function recordLarge(gitDir: string, absPath: string, st: Stats): LargeEntry {
  const sha256 = sha256File(absPath);
  const oid = writeLooseBlob(gitDir, Buffer.from(placeholderText(st.size, sha256)));
  return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256, oid };
}

/** The stat of a path, or undefined when it is gone. */
export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** True when a large file's stat data no longer matches what was recorded. */
export function largeChanged(e: LargeEntry, st: Stats): boolean {
  return st.size !== e.size || st.mtimeMs !== e.mtimeMs || st.ino !== e.ino;
}
