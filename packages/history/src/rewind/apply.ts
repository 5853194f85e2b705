import {
  chmodSync,
  lstatSync,
  mkdirSync,
  renameSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { readObjects } from '../read/objects.js';
import type { GitTarget } from '../snapshot/git.js';
import type { PlannedChange } from './plan.js';

/** Blobs read per git process, so a rewind of thousands of files never holds them all at once. */
const BATCH = 256;

/**
 * Writes a plan's changes into the working tree: deletions first (deepest first, then the
 * directories they leave empty), so a file can replace a directory and the reverse; then
 * files, each written to a temporary name and renamed into place with its mode, or made
 * a symlink. Bytes are written exactly as recorded.
 */
export function applyChanges(
  root: string,
  changes: readonly PlannedChange[],
  t: GitTarget | undefined,
): void {
  const deletions = changes
    .filter((c) => c.op === 'delete')
    .sort((a, b) => depth(b.path) - depth(a.path));
  for (const c of deletions) {
    removePath(join(root, c.path));
    pruneEmptyDirs(root, dirname(c.path));
  }
  const writes = changes.filter((c) => c.op !== 'delete');
  for (let i = 0; i < writes.length; i += BATCH) {
    const batch = writes.slice(i, i + BATCH);
    const blobs = t
      ? readObjects(
          t,
          batch.flatMap((c) => (c.oid ? [c.oid] : [])),
        )
      : new Map<string, Buffer>();
    for (const c of batch) {
      const bytes = c.content ?? (c.oid ? blobs.get(c.oid) : undefined);
      if (!bytes) throw new Error(`the content of ${c.path} is missing from the checkpoint store`);
      writePath(join(root, c.path), bytes, c.kind ?? 'file');
    }
  }
}

function depth(p: string): number {
  return p.split('/').length;
}

function removePath(abs: string): void {
  try {
    unlinkSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Removes directories a deletion left empty, up to (not including) the root. */
function pruneEmptyDirs(root: string, rel: string): void {
  for (let d = rel; d !== '.' && d !== '' && d !== '/'; d = dirname(d)) {
    try {
      rmdirSync(join(root, d));
    } catch {
      return; // not empty (ignored files, other files) or already gone
    }
  }
}

function writePath(abs: string, bytes: Buffer, kind: 'file' | 'exec' | 'symlink'): void {
  makeParents(abs);
  const existing = lstatOrUndefined(abs);
  if (existing?.isDirectory()) rmdirSync(abs); // only empty directories; anything else fails loudly
  if (kind === 'symlink') {
    if (existing && !existing.isDirectory()) unlinkSync(abs);
    symlinkSync(bytes.toString('utf8'), abs);
    return;
  }
  const mode = kind === 'exec' ? 0o755 : 0o644;
  const tmp = `${abs}.trail-rewind-${process.pid}`;
  writeFileSync(tmp, bytes, { mode });
  chmodSync(tmp, existing?.isFile() ? withExec(existing.mode & 0o777, kind === 'exec') : mode);
  renameSync(tmp, abs);
}

/** Keeps a file's permission bits, with the executable bits as the checkpoint says. */
function withExec(mode: number, exec: boolean): number {
  return exec ? mode | ((mode & 0o444) >> 2) : mode & ~0o111;
}

function makeParents(abs: string): void {
  const parent = dirname(abs);
  const st = lstatOrUndefined(parent);
  if (st?.isDirectory()) return;
  if (st)
    throw new Error(`cannot restore ${abs}: ${parent} is a file now (include it in the rewind)`);
  makeParents(parent);
  mkdirSync(parent);
}

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
