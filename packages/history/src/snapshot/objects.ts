import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Writes a blob into a git object directory as a loose object (git's own format) and
 * returns its id. Used for the few small placeholder blobs a snapshot makes, without
 * starting git for each.
 */
export function writeLooseBlob(gitDir: string, content: Buffer): string {
  const full = Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]);
  const oid = createHash('sha1').update(full).digest('hex');
  const dir = join(gitDir, 'objects', oid.slice(0, 2));
  const file = join(dir, oid.slice(2));
  if (existsSync(file)) return oid;
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, deflateSync(full), { mode: 0o444 });
  renameSync(tmp, file);
  return oid;
}
