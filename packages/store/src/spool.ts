// The spool is the only part of the store capture hooks touch, so this module imports
// nothing but node builtins: a hook must start and return in milliseconds.
import { createRequire } from 'node:module';
import { join } from 'node:path';

// node:fs through require, not `import`: building its ESM namespace reads every export, and
// the lazy ones load fs/promises and Node's streams (~2.5 ms of a hook's ~30).
const { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } = createRequire(
  import.meta.url,
)('node:fs') as typeof import('node:fs');

/** One line a hook appended: the agent's payload, as received, with when and what. */
export interface SpoolRecord {
  v: 1;
  /** Milliseconds since the epoch when the hook ran. */
  t: number;
  agent: string;
  event: string;
  payload: unknown;
}

/** A spool line that could not be read. */
export interface SpoolProblem {
  line: number;
  offset: number;
  reason: string;
}

/** What reading a spool from an offset found. */
export interface SpoolRead {
  records: { line: number; offset: number; record: SpoolRecord }[];
  problems: SpoolProblem[];
  /** Where the next read starts: after the last complete line. */
  nextOffset: number;
  /** Line number of the line at nextOffset (1-based). */
  nextLine: number;
  /** Bytes after nextOffset that form an incomplete (torn or still being written) line. */
  pendingBytes: number;
}

/** A file-name-safe form of a session id. */
export function spoolName(sessionId: string): string {
  const safe = sessionId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 128);
  return safe.length > 0 && safe !== '.' && safe !== '..' ? safe : '_unknown';
}

/** The spool file of one session. */
export function spoolFile(spoolDir: string, agent: string, sessionId: string): string {
  return join(spoolDir, agent, `${spoolName(sessionId)}.jsonl`);
}

/**
 * Appends one line durably: a single write of the whole line (O_APPEND keeps concurrent
 * writers' lines whole) followed by fsync.
 */
export function appendDurably(file: string, line: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'a', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    fd = openSync(file, 'a', 0o600);
  }
  try {
    const buf = Buffer.from(line.endsWith('\n') ? line : line + '\n', 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the complete lines of a spool from `offset`. A last line without its newline is
 * left pending (a hook may be writing it, or a crash tore it); `final` reports it instead.
 */
export function readSpool(file: string, offset = 0, firstLine = 1, final = false): SpoolRead {
  const fd = openSync(file, 'r');
  let buf: Buffer;
  try {
    const size = fstatSync(fd).size;
    buf = Buffer.alloc(Math.max(0, size - offset));
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    buf = buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
  const records: SpoolRead['records'] = [];
  const problems: SpoolProblem[] = [];
  let pos = 0;
  let line = firstLine;
  for (;;) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    parseLine(buf.subarray(pos, nl), line, offset + pos, records, problems);
    pos = nl + 1;
    line++;
  }
  let pendingBytes = buf.length - pos;
  if (final && pendingBytes > 0) {
    problems.push({
      line,
      offset: offset + pos,
      reason: `truncated last line (${pendingBytes} bytes without a newline)`,
    });
    pos = buf.length;
    pendingBytes = 0;
    line++;
  }
  return { records, problems, nextOffset: offset + pos, nextLine: line, pendingBytes };
}

function parseLine(
  bytes: Buffer,
  line: number,
  offset: number,
  records: SpoolRead['records'],
  problems: SpoolProblem[],
): void {
  if (bytes.length === 0) return;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    problems.push({ line, offset, reason: 'not valid JSON' });
    return;
  }
  const r = value as Partial<SpoolRecord> | null;
  if (!r || typeof r !== 'object' || typeof r.event !== 'string' || typeof r.t !== 'number') {
    problems.push({ line, offset, reason: 'not a spool record (missing event or t)' });
    return;
  }
  records.push({ line, offset, record: r as SpoolRecord });
}
