// Small helpers shared by the benchmarks (erasable TypeScript only: Node runs it directly).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(BENCH, '..');
export const CLI = join(ROOT, 'cli', 'bin', 'trail.js');
export const HOOK = join(ROOT, 'cli', 'bin', 'trail-hook.js');

/** Median of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Wall time in ms of one run of a command (spawnSync, stdio captured). */
export function timeRun(
  cmd: string,
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    input: opts.input ?? '',
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ['pipe', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`,
    );
  return ms;
}

/** Interleaves runs of several commands so machine noise hits them alike; returns medians. */
export function compare(runs: number, cases: Record<string, () => number>): Record<string, number> {
  const times: Record<string, number[]> = {};
  for (const k of Object.keys(cases)) times[k] = [];
  for (let i = 0; i < runs; i++) for (const [k, f] of Object.entries(cases)) times[k]!.push(f());
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(times)) out[k] = median(v);
  return out;
}

/** Bytes under a directory. */
export function du(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += du(p);
    else if (e.isFile()) n += statSync(p).size;
  }
  return n;
}

/** The machine, for the record. */
export function machine(): Record<string, string | number> {
  return {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    memGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    date: new Date().toISOString(),
  };
}

/** Writes bench/out/<name>.json. */
export function save(name: string, data: unknown): void {
  const f = join(BENCH, 'out', `${name}.json`);
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, JSON.stringify(data, null, 2) + '\n');
}
