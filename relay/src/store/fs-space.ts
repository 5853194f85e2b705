import type { RoutingId } from '@trail/protocol';
import { isValidId } from '@trail/protocol';
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { appendDurable, writeFileDurable } from './fs-durable.js';
import { encodeLogRecord, parseLog, type LogRecord } from './fs-index-log.js';
import { MailboxError } from './mailbox-error.js';
import type { SpaceRecord } from './mailbox-store.js';
import { SpaceIndex } from './space-index.js';

/** Reports a recovered inconsistency (never a payload). */
export type StoreWarning = (event: string, fields: Record<string, string | number>) => void;

/** One space on disk and its in-memory index. */
export interface FsSpace {
  readonly record: SpaceRecord;
  readonly incarnation: string;
  readonly dir: string;
  readonly index: SpaceIndex;
  /** Records in index.log, live or not (compaction trigger). */
  logRecords: number;
  /** Length of index.log, to roll back a failed append. */
  logBytes: number;
  /** Set when the log could not be rolled back; the space refuses writes until restart. */
  broken: Error | undefined;
}

/** Directory name of a space: a hash, so ids never meet filesystem case or length rules. */
export function spaceDirName(routingId: RoutingId): string {
  return createHash('sha256').update(routingId).digest('hex');
}

/** Path of a bundle's file. */
export function bundlePath(space: FsSpace, seq: number): string {
  return join(space.dir, 'bundles', String(seq));
}

function logPath(dir: string): string {
  return join(dir, 'index.log');
}

/** Writes a new space: directories and empty log first, then space.json as the commit point. */
export async function createSpace(
  dir: string,
  record: SpaceRecord,
  incarnation: string,
): Promise<FsSpace> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'bundles'), { recursive: true });
  await writeFileDurable(logPath(dir), '');
  const json = JSON.stringify({
    routingId: record.routingId,
    authPublicKey: Buffer.from(record.authPublicKey).toString('base64url'),
    createdAt: record.createdAt,
    incarnation,
  });
  await writeFileDurable(join(dir, 'space.json'), json);
  return {
    record,
    incarnation,
    dir,
    index: new SpaceIndex(),
    logRecords: 0,
    logBytes: 0,
    broken: undefined,
  };
}

/** Appends one record durably, rolling the log back if the append fails part-way. */
export async function appendRecord(space: FsSpace, record: LogRecord): Promise<void> {
  if (space.broken !== undefined) throw space.broken;
  const line = encodeLogRecord(record);
  try {
    await appendDurable(logPath(space.dir), line);
  } catch (error) {
    try {
      const handle = await open(logPath(space.dir), 'r+');
      await handle.truncate(space.logBytes);
      await handle.sync();
      await handle.close();
    } catch {
      space.broken = error as Error;
    }
    throw error;
  }
  space.logBytes += Buffer.byteLength(line);
  space.logRecords += 1;
}

/** Rewrites the log as one put per live bundle, when deletions have made it mostly dead. */
export async function compactIfWorthIt(space: FsSpace): Promise<void> {
  if (space.logRecords <= 2 * space.index.count + 64) return;
  const text = space.index
    .entries()
    .map((e) => encodeLogRecord({ op: 'put', ...e }))
    .join('');
  await writeFileDurable(logPath(space.dir), text);
  space.logRecords = space.index.count;
  space.logBytes = Buffer.byteLength(text);
}

function parseRecord(json: string, file: string): { record: SpaceRecord; incarnation: string } {
  const corrupt = () =>
    new MailboxError('store_corrupt', `unreadable space record ${file}`, { file });
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw corrupt();
  }
  const { routingId, authPublicKey, createdAt, incarnation } = value;
  if (typeof routingId !== 'string' || !isValidId('routingId', routingId)) throw corrupt();
  if (typeof authPublicKey !== 'string' || typeof incarnation !== 'string') throw corrupt();
  if (!Number.isSafeInteger(createdAt)) throw corrupt();
  const key = Buffer.from(authPublicKey, 'base64url');
  if (key.length !== 32) throw corrupt();
  return {
    record: {
      routingId: routingId as RoutingId,
      authPublicKey: new Uint8Array(key),
      createdAt: createdAt as number,
    },
    incarnation,
  };
}

/**
 * Loads a space from disk: its record, then its log replayed into an index. A torn log tail
 * is truncated; bundle files the log does not reference (a crash between writing a bundle
 * and logging it, so never acknowledged) are removed; a logged bundle whose file is missing
 * is reported and dropped. Returns undefined for a directory without space.json (a
 * registration that never completed), after removing it.
 */
export async function loadSpace(dir: string, warn: StoreWarning): Promise<FsSpace | undefined> {
  const recordFile = join(dir, 'space.json');
  const json = await readFile(recordFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (json === undefined) {
    await rm(dir, { recursive: true, force: true });
    warn('store_incomplete_space_removed', { dir });
    return undefined;
  }
  const { record, incarnation } = parseRecord(json, recordFile);
  if (spaceDirName(record.routingId) !== dir.split(/[\\/]/).pop()) {
    throw new MailboxError('store_corrupt', `space record in the wrong directory ${recordFile}`, {
      file: recordFile,
    });
  }
  const file = logPath(dir);
  const raw = await readFile(file).catch(() => Buffer.alloc(0));
  const { records, validBytes } = parseLog(raw.toString('utf8'), file);
  if (validBytes < raw.length) {
    const handle = await open(file, 'r+');
    await handle.truncate(validBytes);
    await handle.sync();
    await handle.close();
    warn('store_torn_log_truncated', { file, bytes: raw.length - validBytes });
  }
  const index = new SpaceIndex();
  for (const r of records) {
    if (r.op === 'del') {
      index.removeSeqs(r.seqs);
      continue;
    }
    if (r.seq < index.nextSeq || index.get(r.bundleId) !== undefined) {
      throw new MailboxError('store_corrupt', `index record out of order in ${file}`, {
        file,
        seq: r.seq,
      });
    }
    index.add(r);
  }
  const space: FsSpace = {
    record,
    incarnation,
    dir,
    index,
    logRecords: records.length,
    logBytes: validBytes,
    broken: undefined,
  };
  await reconcileFiles(space, warn);
  await compactIfWorthIt(space);
  return space;
}

async function reconcileFiles(space: FsSpace, warn: StoreWarning): Promise<void> {
  const bundlesDir = join(space.dir, 'bundles');
  const names = new Set(await readdir(bundlesDir).catch(() => [] as string[]));
  const live = new Set(space.index.entries().map((e) => String(e.seq)));
  for (const name of names) {
    if (live.has(name)) continue;
    await unlink(join(bundlesDir, name)).catch(() => undefined);
    if (!name.endsWith('.tmp')) warn('store_orphan_bundle_removed', { dir: space.dir, file: name });
  }
  const missing = space.index.entries().filter((e) => !names.has(String(e.seq)));
  if (missing.length === 0) return;
  warn('store_bundle_files_missing', { dir: space.dir, count: missing.length });
  await appendRecord(space, { op: 'del', seqs: missing.map((e) => e.seq) });
  space.index.removeSeqs(missing.map((e) => e.seq));
}
