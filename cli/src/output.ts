import { diskFullError, isDiskFull, isTrailError } from '@trail/model';
import { exitFor } from './exit-codes.js';

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
  process.stdout.write(JSON.stringify({ version: JSON_VERSION, ...body }, null, 2) + '\n');
}

/** Writes data to stdout. */
export function out(line = ''): void {
  process.stdout.write(line + '\n');
}

/** Writes a message to stderr unless --quiet. */
export function info(opts: GlobalOptions, line: string): void {
  if (!opts.quiet) process.stderr.write(line + '\n');
}

/** Colours for a stream: only on a TTY, never with NO_COLOR or --no-color. */
export function palette(stream: NodeJS.WriteStream, opts: GlobalOptions) {
  const on =
    stream.isTTY === true &&
    !process.env.NO_COLOR &&
    opts.color !== false &&
    process.env.TERM !== 'dumb';
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
    process.stdout.write(
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
  process.stderr.write(`trail: ${msg}\n`);
  if (opts.debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
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
