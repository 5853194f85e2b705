// Shared pieces of the sync end-to-end tests: real relay processes, real CLIs, store snapshots.
import * as A from '@automerge/automerge';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedSession, LibraryDoc } from '@trail/model';
import { Store, toPlain } from '@trail/store';
import { afterEach } from 'vitest';
import { CLI, ROOT, envFor, tempDir } from './helpers.js';

export { makeSession } from '../packages/sync/src/test-support/sessions.js';

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const p of running) p.kill('SIGKILL');
  running.clear();
});

/** A child process with its output collected. */
export interface Child {
  readonly proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process ends. */
  readonly exited: Promise<number | null>;
  /** Resolves with the first stdout line matching `re` (rejects if the process ends first). */
  line(re?: RegExp, timeoutMs?: number): Promise<string>;
}

/** Starts the real CLI without waiting for it (killed after the test). */
export function spawnTrail(home: string, args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [CLI, ...args], {
    env: envFor(home, env),
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.splice(0)) w();
  });
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      running.delete(proc);
      for (const w of waiters.splice(0)) w();
      resolve(code);
    }),
  );
  const line = (re = /./, timeoutMs = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line matching ${String(re)}; stdout: ${out}; stderr: ${err}`)),
        timeoutMs,
      );
      const check = () => {
        const found = out.split('\n').find((l) => re.test(l));
        if (found !== undefined) {
          clearTimeout(timer);
          return resolve(found);
        }
        if (proc.exitCode !== null) {
          clearTimeout(timer);
          return reject(new Error(`exited ${proc.exitCode} first; stdout: ${out}; stderr: ${err}`));
        }
        waiters.push(check);
      };
      check();
    });
  return { proc, stdout: () => out, stderr: () => err, exited, line };
}

/** Runs the real CLI to completion; throws on a non-zero exit unless `allowFail`. */
export function runTrail(
  home: string,
  args: string[],
  opts: { env?: Record<string, string>; allowFail?: boolean; input?: string } = {},
) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    env: envFor(home, opts.env),
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0 && !opts.allowFail)
    throw new Error(`trail ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  return r;
}

/** Runs the real CLI to completion without blocking this process (needed when it serves the traffic). */
export async function runTrailAsync(
  home: string,
  args: string[],
  opts: { env?: Record<string, string>; allowFail?: boolean } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawnTrail(home, args, opts.env);
  const status = await child.exited;
  if (status !== 0 && !opts.allowFail)
    throw new Error(`trail ${args.join(' ')} exited ${String(status)}: ${child.stderr()}`);
  return { status, stdout: child.stdout(), stderr: child.stderr() };
}

/** A relay run by `trail relay` in its own process. */
export interface RelayProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly child: Child;
  /** Stops it (SIGKILL by default) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<RelayProcess>;
  /** Resident memory in bytes (Linux). */
  rss(): number;
}

/** Starts `trail relay` on 127.0.0.1 (port 0 = a free one) with a durable data directory. */
export async function startRelayProcess(
  opts: { dataDir?: string; port?: number; limits?: Record<string, number> } = {},
): Promise<RelayProcess> {
  const dataDir = opts.dataDir ?? join(tempDir('trail-relay-'), 'data');
  const limits = Object.entries(opts.limits ?? {}).flatMap(([k, v]) => ['--limit', `${k}=${v}`]);
  const child = spawnTrail(join(dataDir, '..', 'relay-home'), [
    'relay',
    '--port',
    String(opts.port ?? 0),
    '--data',
    dataDir,
    ...limits,
  ]);
  const url = await child.line(/^ws:\/\//);
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    dataDir,
    child,
    async kill(signal = 'SIGKILL') {
      child.proc.kill(signal);
      await child.exited;
    },
    restart: () => startRelayProcess({ ...opts, dataDir, port }),
    rss() {
      const status = readFileSync(`/proc/${child.proc.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
    },
  };
}

/** Pairs `joiner` into `inviter`'s space with `trail devices add` and `trail devices join`. */
export async function pairDevices(
  url: string,
  inviter: string,
  joiner: string,
  name: string,
  extra: string[] = [],
): Promise<{ fingerprint: string }> {
  const add = spawnTrail(inviter, [
    'devices',
    'add',
    '--json',
    '--yes',
    ...(url ? ['--relay', url] : []),
    ...extra,
  ]);
  const first = JSON.parse(await add.line(/"code"/)) as { version: number; code: string };
  const joined = await runTrailAsync(joiner, [
    'devices',
    'join',
    first.code,
    '--name',
    name,
    '--json',
  ]);
  const paired = JSON.parse(await add.line(/"paired"/)) as { paired: { fingerprint: string } };
  expectEqual(
    (JSON.parse(joined.stdout) as { joined: { fingerprint: string } }).joined.fingerprint,
    paired.paired.fingerprint,
  );
  await add.exited;
  return paired.paired;
}

function expectEqual(a: unknown, b: unknown): void {
  if (a !== b) throw new Error(`expected ${String(a)} to equal ${String(b)}`);
}

/** Writes sessions into a store through the Store API (no CLI start-up per session). */
export async function writeSessions(
  home: string,
  sessions: readonly CapturedSession[],
): Promise<void> {
  const store = await Store.open({ home });
  try {
    for (const s of sessions) await store.write(s);
  } finally {
    await store.close();
  }
}

/** Every document of a store (library and sessions: heads and content) and every blob. */
export async function storeSnapshot(home: string): Promise<{
  docs: Record<string, { heads: string[]; value: unknown }>;
  blobs: Record<string, string>;
}> {
  const store = await Store.open({ home });
  try {
    const load = async (id: string) => {
      const chunks = [
        ...(await store.storage.loadRange([id, 'snapshot'])),
        ...(await store.storage.loadRange([id, 'incremental'])),
      ];
      if (chunks.length === 0) return undefined;
      return A.loadIncremental(A.init(), Buffer.concat(chunks.map((c) => c.data!)));
    };
    const libUrl = (
      JSON.parse(readFileSync(join(home, 'store.json'), 'utf8')) as { libraryUrl: string }
    ).libraryUrl;
    const libId = libUrl.replace('automerge:', '');
    const lib = toPlain<LibraryDoc>(await load(libId));
    const docs: Record<string, { heads: string[]; value: unknown }> = {};
    for (const id of [
      libId,
      ...Object.values(lib.shards).flatMap((s) =>
        Object.values(s).map((e) => e.url.replace('automerge:', '')),
      ),
    ]) {
      const doc = await load(id);
      if (doc !== undefined) docs[id] = { heads: [...A.getHeads(doc)].sort(), value: toPlain(doc) };
    }
    const blobs: Record<string, string> = {};
    for (const hash of store.blobs.list().sort())
      blobs[hash] = Buffer.from(store.blobs.get(hash)).toString('base64');
    return { docs, blobs };
  } finally {
    await store.close();
  }
}

/** Session ids in a store's query index, sorted. */
export function indexedSessions(home: string, extra: string[] = []): string[] {
  const r = runTrail(home, ['log', '--all', '--json', ...extra]);
  return (JSON.parse(r.stdout) as { sessions: { id: string }[] }).sessions.map((s) => s.id).sort();
}
