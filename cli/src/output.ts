import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { diskFullError, isDiskFull, isTrailError } from '@trail/model';
import { exitFor } from './exit-codes.js';

let direct = false;

/**
 * From now on, output goes straight to file descriptors 1 and 2 with synchronous writes
 * instead of through `process.stdout`/`stderr`, whose first use builds a stream (~2.5 ms of a
 * read command's ~30). For the fast read path, which writes nothing any other way; a closed
 * pipe (`trail log | head`) still ends the command quietly with its status.
 */
export function writeDirectly(): void {
  direct = true;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function write(fd: 1 | 2, text: string): void {
  if (!direct) {
    (fd === 1 ? process.stdout : process.stderr).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1); // a non-blocking pipe is full: let the reader catch up
    }
  }
}

/**
 * Whether a file descriptor is a terminal. A pipe or a file is answered by one fstat; only a
 * character device needs node:tty, whose loading (it brings in net and streams) costs ~2 ms.
 */
function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

/** Writes text to stdout as is. */
export function writeOut(text: string): void {
  write(1, text);
}

/** Writes text to stderr as is. */
export function writeErr(text: string): void {
  write(2, text);
}

/** Global flags every command sees. */
export interface GlobalOptions {
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
  debug?: boolean;
  home?: string;
}

/** JSON output is versioned: every object printed with --json carries `version: 1`. */
export const JSON_VERSION = 1;

/** Prints a versioned JSON object to stdout. */
export function printJson(body: Record<string, unknown>): void {
  write(1, JSON.stringify({ version: JSON_VERSION, ...body }, null, 2) + '\n');
}

/** Writes data to stdout. */
export function out(line = ''): void {
  write(1, line + '\n');
}

/** Writes a message to stderr unless --quiet. */
export function info(opts: GlobalOptions, line: string): void {
  if (!opts.quiet) write(2, line + '\n');
}

/** Colours for a stream (or file descriptor): only on a TTY, never with NO_COLOR or --no-color. */
export function palette(stream: NodeJS.WriteStream | 1 | 2, opts: GlobalOptions) {
  const on =
    !process.env.NO_COLOR &&
    opts.color !== false &&
    process.env.TERM !== 'dumb' &&
    (typeof stream === 'number' ? isTerminal(stream) : stream.isTTY === true);
  const wrap = (a: number, b: number) => (s: string) => (on ? `\u001b[${a}m${s}\u001b[${b}m` : s);
  return {
    on,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
    magenta: wrap(35, 39),
    cyan: wrap(36, 39),
  };
}

/** Reports an error as one clear line (stack only with --debug) and sets the exit status. */
export function fail(err: unknown, opts: GlobalOptions): void {
  // a full disk met outside the store's own writes (an index, a mark, a spool) reads the same
  const e = !isTrailError(err) && isDiskFull(err) ? diskFullError(err, undefined, 'writing') : err;
  const code = isTrailError(e) ? e.code : (e as { code?: string } | null)?.code;
  const msg = e instanceof Error ? e.message : String(e);
  if (opts.json) {
    write(
      1,
      JSON.stringify({
        version: JSON_VERSION,
        error: {
          code: code ?? 'ERROR',
          message: msg,
          ...(isTrailError(e) ? { data: e.data } : {}),
        },
      }) + '\n',
    );
  }
  write(2, `trail: ${msg}\n`);
  if (opts.debug && e instanceof Error && e.stack) write(2, e.stack + '\n');
  process.exitCode = exitFor(code);
}

/** Local time, short: `2026-11-21 23:45`. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || '-';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A duration between two ISO times, human-sized. */
export function duration(a: string, b: string): string {
  const ms = new Date(b).getTime() - new Date(a).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  return `${Math.floor(s / 3600)}h${String(Math.round((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * Parses --since/--until: ISO dates, or relative spans like `2d`, `3h`, `1w`, `yesterday`.
 */
export function parseWhen(s: string, now = Date.now()): string {
  const rel = /^(\d+)\s*(m|min|h|d|w)(?:\s*ago)?$/i.exec(s.trim());
  if (rel) {
    const n = Number(rel[1]);
    const unit = rel[2]!.toLowerCase();
    const ms = unit.startsWith('m')
      ? 60_000
      : unit === 'h'
        ? 3_600_000
        : unit === 'd'
          ? 86_400_000
          : 7 * 86_400_000;
    return new Date(now - n * ms).toISOString();
  }
  if (s === 'today' || s === 'yesterday') {
    const d = new Date(now);
    d.setHours(0, 0, 0, 0);
    if (s === 'yesterday') d.setDate(d.getDate() - 1);
    return d.toISOString();
  }
  const d = new Date(s);
  if (Number.isNaN(d.getTime()))
    throw Object.assign(
      new Error(`cannot read ${JSON.stringify(s)} as a date (try 2026-11-01, 3d, 12h, yesterday)`),
      { code: 'USAGE' },
    );
  return d.toISOString();
}
