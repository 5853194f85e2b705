// Relay benchmark: memory of idle authenticated devices, and bundles per second through
// one relay process (one core). Run after `npx tsc -b relay`:  node bench/relay.bench.ts
// Prints a markdown table and writes bench/out/relay.json. Erasable TypeScript only, so
// Node runs it directly.
import type { BundleId, Cursor, DeviceTag, RoutingId, SpaceCredentials } from '@trail/protocol';
import { RelayConnection, START_CURSOR } from '@trail/protocol';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const IDLE_DEVICES = Number(process.env.BENCH_DEVICES ?? 1000);
const BUNDLE_BYTES = 4096;
const PAIRS = 4;
const FORWARD_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Relay {
  readonly child: ChildProcess;
  readonly url: string;
  readonly pid: number;
}

const OPEN_LIMITS = [
  'maxConnectionsPerIp=5000',
  'maxConnections=5000',
  'maxConnectionsPerSpace=1000',
  'messagesPerSecond=1000000',
  'messageBurst=1000000',
  'bytesPerSecond=4000000000',
  'bytesBurst=4000000000',
  'spaceQuotaBytes=4000000000',
  'spaceQuotaBundles=1000000',
  'maxBufferedBytes=67108864',
  'spaceRegistrationsPerIpPerHour=1000000',
].flatMap((limit) => ['--limit', limit]);

async function startRelay(store: string[]): Promise<Relay> {
  const main = join(root, 'relay/dist/main.js');
  const child = spawn(
    process.execPath,
    [main, '--port', '0', '--log-level', 'warn', ...store, ...OPEN_LIMITS],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return { child, url, pid: child.pid! };
}

async function stopRelay(relay: Relay): Promise<void> {
  relay.child.kill('SIGTERM');
  await once(relay.child, 'exit');
}

/** Resident memory of a process in bytes (Linux /proc; ps elsewhere). */
function rss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
  } catch {
    return (
      Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) *
      1024
    );
  }
}

/** CPU seconds (user + system) a process has used (Linux only; NaN elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function space(): {
  routingId: RoutingId;
  authPublicKey: Uint8Array;
  sign: (m: Uint8Array) => Uint8Array;
} {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return {
    routingId: randomBytes(32).toString('base64url') as RoutingId,
    authPublicKey: new Uint8Array(der.subarray(der.length - 32)),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

function device(s: ReturnType<typeof space>, tag: string): SpaceCredentials {
  return { ...s, deviceTag: tag as DeviceTag };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connectAll(url: string, creds: SpaceCredentials[]): Promise<RelayConnection[]> {
  const connections: RelayConnection[] = [];
  for (let i = 0; i < creds.length; i += 50) {
    const batch = creds
      .slice(i, i + 50)
      .map((c) => RelayConnection.connect({ url, space: c, reconnect: false }));
    connections.push(...(await Promise.all(batch)));
  }
  return connections;
}

interface MemoryResult {
  devices: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  perDeviceKiB: number;
}

interface ThroughputResult {
  bundles: number;
  seconds: number;
  bundlesPerSecond: number;
  mibPerSecond: number;
  relayCpuPercent: number;
  /** Throughput per second of relay CPU time: what one fully busy core would do. */
  perRelayCpuSecond: number;
}

interface ForwardResult {
  sent: number;
  delivered: number;
  seconds: number;
  forwardsPerSecond: number;
  mibPerSecond: number;
  relayCpuPercent: number;
  /** Throughput per second of relay CPU time: what one fully busy core would do. */
  perRelayCpuSecond: number;
}

async function idleMemory(): Promise<MemoryResult> {
  const relay = await startRelay(['--memory']);
  await sleep(500);
  const before = rss(relay.pid);
  const spaces = Array.from({ length: IDLE_DEVICES / 4 }, space);
  const creds = spaces.flatMap((s, i) => [0, 1, 2, 3].map((d) => device(s, `s${i}d${d}`)));
  const connections = await connectAll(relay.url, creds);
  await sleep(2000);
  const after = rss(relay.pid);
  await Promise.all(connections.map((c) => c.close()));
  await stopRelay(relay);
  return {
    devices: connections.length,
    rssBeforeMiB: before / 2 ** 20,
    rssAfterMiB: after / 2 ** 20,
    perDeviceKiB: (after - before) / connections.length / 1024,
  };
}

async function putPull(store: string[], total: number): Promise<ThroughputResult> {
  const relay = await startRelay(store);
  const payload = randomBytes(BUNDLE_BYTES);
  const pairs = await Promise.all(
    Array.from({ length: PAIRS }, async () => {
      const s = space();
      const [writer, reader] = await connectAll(relay.url, [
        device(s, 'writer'),
        device(s, 'reader'),
      ]);
      return { writer: writer!, reader: reader! };
    }),
  );
  const perPair = Math.floor(total / PAIRS);
  const cpu0 = cpuSeconds(relay.pid);
  const start = performance.now();
  await Promise.all(
    pairs.map(async ({ writer, reader }, p) => {
      let next = 0;
      const window = async () => {
        while (next < perPair) await writer.put(`p${p}-${next++}` as BundleId, payload);
      };
      const writing = Promise.all(Array.from({ length: 16 }, window));
      let received = 0;
      let after: Cursor = START_CURSOR;
      while (received < perPair) {
        const page = await reader.pull({ after, limit: 200 });
        received += page.bundles.length;
        after = page.cursor;
        if (page.bundles.length === 0) await sleep(1);
      }
      await writing;
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(relay.pid) - cpu0;
  await Promise.all(pairs.flatMap(({ writer, reader }) => [writer.close(), reader.close()]));
  await stopRelay(relay);
  const bundles = perPair * PAIRS;
  return {
    bundles,
    seconds,
    bundlesPerSecond: bundles / seconds,
    mibPerSecond: (bundles * BUNDLE_BYTES) / seconds / 2 ** 20,
    relayCpuPercent: (cpu / seconds) * 100,
    perRelayCpuSecond: bundles / cpu,
  };
}

async function forwards(): Promise<ForwardResult> {
  const relay = await startRelay(['--memory']);
  const payload = randomBytes(BUNDLE_BYTES);
  let received = 0;
  let sent = 0;
  const pairs = await Promise.all(
    Array.from({ length: PAIRS }, async () => {
      const s = space();
      const [sender, receiver] = await connectAll(relay.url, [
        device(s, 'sender'),
        device(s, 'receiver'),
      ]);
      receiver!.on('forwarded', () => void received++);
      return { sender: sender!, receiver: receiver! };
    }),
  );
  const cpu0 = cpuSeconds(relay.pid);
  const start = performance.now();
  const deadline = start + FORWARD_SECONDS * 1000;
  await Promise.all(
    pairs.map(async ({ sender }) => {
      while (performance.now() < deadline) {
        // Keep a bounded amount in flight: roughly what the relay has not yet delivered.
        if (sent - received > 256 * PAIRS) {
          await sleep(0);
          continue;
        }
        for (let i = 0; i < 32; i++) if (sender.forward(payload)) sent++;
        await sleep(0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(relay.pid) - cpu0;
  await sleep(200);
  await Promise.all(pairs.flatMap(({ sender, receiver }) => [sender.close(), receiver.close()]));
  await stopRelay(relay);
  return {
    sent,
    delivered: received,
    seconds,
    forwardsPerSecond: received / seconds,
    mibPerSecond: (received * BUNDLE_BYTES) / seconds / 2 ** 20,
    relayCpuPercent: (cpu / seconds) * 100,
    perRelayCpuSecond: received / cpu,
  };
}

async function repeat<T>(fn: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await fn());
  return results;
}

function medianBy<T>(runs: T[], key: (run: T) => number): T {
  return [...runs].sort((a, b) => key(a) - key(b))[Math.floor(runs.length / 2)]!;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trail-relay-bench-'));
  try {
    const memory = await idleMemory();
    // Throughput is noisy on a shared machine: run each scenario RUNS times, report the median.
    const putPullMemoryRuns = await repeat(() => putPull(['--memory'], 20_000));
    const putPullDiskRuns = await repeat(() =>
      putPull(['--data', mkdtempSync(join(dataDir, 'run-'))], 4_000),
    );
    const forwardRuns = await repeat(forwards);
    const putPullMemory = medianBy(putPullMemoryRuns, (r) => r.bundlesPerSecond);
    const putPullDisk = medianBy(putPullDiskRuns, (r) => r.bundlesPerSecond);
    const forward = medianBy(forwardRuns, (r) => r.forwardsPerSecond);
    const machine = {
      uname: execFileSync('uname', ['-a'], { encoding: 'utf8' }).trim(),
      nproc: availableParallelism(),
      node: process.version,
    };
    const loadAverage = loadavg().map((x) => Math.round(x * 100) / 100);
    const results = {
      date: new Date().toISOString(),
      machine: { ...machine, loadAverage },
      bundleBytes: BUNDLE_BYTES,
      pairs: PAIRS,
      runs: RUNS,
      memory,
      putPullMemory,
      putPullDisk,
      forward,
      allRuns: {
        putPullMemory: putPullMemoryRuns,
        putPullDisk: putPullDiskRuns,
        forward: forwardRuns,
      },
    };
    mkdirSync(join(root, 'bench/out'), { recursive: true });
    writeFileSync(join(root, 'bench/out/relay.json'), `${JSON.stringify(results, null, 2)}\n`);
    const rows = [
      [
        'Idle authenticated devices',
        fmt(memory.devices),
        '',
        `${fmt(memory.perDeviceKiB, 1)} KiB RSS per device (${fmt(memory.rssBeforeMiB, 1)} → ${fmt(memory.rssAfterMiB, 1)} MiB)`,
      ],
      [
        'Put + pull, 4 KiB, memory store',
        `${fmt(putPullMemory.bundlesPerSecond)} bundles/s`,
        fmt(putPullMemory.perRelayCpuSecond),
        `${fmt(putPullMemory.mibPerSecond, 1)} MiB/s, relay CPU ${fmt(putPullMemory.relayCpuPercent)} %`,
      ],
      [
        'Put + pull, 4 KiB, filesystem store (fsync)',
        `${fmt(putPullDisk.bundlesPerSecond)} bundles/s`,
        fmt(putPullDisk.perRelayCpuSecond),
        `${fmt(putPullDisk.mibPerSecond, 1)} MiB/s, relay CPU ${fmt(putPullDisk.relayCpuPercent)} %`,
      ],
      [
        'Live forward, 4 KiB',
        `${fmt(forward.forwardsPerSecond)} forwards/s`,
        fmt(forward.perRelayCpuSecond),
        `${fmt(forward.mibPerSecond, 1)} MiB/s, relay CPU ${fmt(forward.relayCpuPercent)} %, ${fmt(forward.sent - forward.delivered)} not delivered`,
      ],
    ];
    console.log(
      `Relay benchmark, ${results.date}, ${machine.nproc} cores, Node ${machine.node}, ` +
        `load ${loadAverage.join(' ')}, median of ${RUNS} runs\n`,
    );
    console.log('| Scenario | Result | Per relay CPU second | Detail |\n| --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
