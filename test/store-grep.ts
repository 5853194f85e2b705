// Reads everything under a store home as text, the way an attacker with the disk would: every
// file's raw bytes, blobs decompressed (loose files and the SQLite pack), and every change of
// every Automerge document decoded (its columns may be compressed on disk).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inflateRawSync, inflateSync } from 'node:zlib';
import * as A from '@automerge/automerge';

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) yield* files(p);
    else if (st.isFile()) yield p;
  }
}

function decodeBlob(bytes: Uint8Array): string | undefined {
  try {
    if (bytes[0] === 0) return Buffer.from(bytes.subarray(1)).toString('utf8');
    if (bytes[0] === 1) return inflateRawSync(bytes.subarray(1)).toString('utf8');
  } catch {
    return undefined;
  }
  return undefined;
}

function automergeText(bytes: Uint8Array): string | undefined {
  try {
    const doc = A.loadIncremental(A.init(), bytes);
    return A.getAllChanges(doc)
      .map((c) => JSON.stringify(A.decodeChange(c)))
      .join('\n');
  } catch {
    return undefined;
  }
}

function packText(file: string): string {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db.prepare('SELECT data FROM blobs').all() as { data: Uint8Array }[];
    return rows.map((r) => decodeBlob(r.data) ?? '').join('\n');
  } catch {
    return '';
  } finally {
    db.close();
  }
}

function gitObject(bytes: Uint8Array): string {
  try {
    return inflateSync(bytes).toString('utf8');
  } catch {
    return '';
  }
}

/** Files under `home` whose bytes, decompressed blob or decoded document hold `needle`. */
export function filesHolding(home: string, needle: string): string[] {
  const hits: string[] = [];
  for (const file of files(home)) {
    const bytes = readFileSync(file);
    const rel = relative(home, file);
    const views = [bytes.toString('latin1'), bytes.toString('utf8')];
    if (rel.startsWith('blobs/')) views.push(decodeBlob(bytes) ?? '');
    if (rel === join('blobs', 'pack.sqlite')) views.push(packText(file));
    if (rel.startsWith('automerge/')) views.push(automergeText(bytes) ?? '');
    if (/objects\/[0-9a-f]{2}\/[0-9a-f]{38}$/.test(rel)) views.push(gitObject(bytes));
    if (views.some((v) => v.includes(needle))) hits.push(rel);
  }
  return hits;
}
