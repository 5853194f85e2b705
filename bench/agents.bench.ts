// Issue 4 figures, in one run: Codex import throughput through `trail import codex` on a
// generated history of every rollout era, and the overhead of `trail record` on a command
// that prints 100 MB, against running the same command directly. Run after `npx tsc -b`:
//   node bench/agents.bench.ts        (BENCH_CODEX_MB, BENCH_RECORD_MB, BENCH_RUNS to change sizes)
// The record comparison is made twice, each side on equal terms:
// - pty: both commands run in a pseudo-terminal this process reads (as in a terminal window);
//   trail adds its own pty between, the transcript and the checkpoints.
// - pipe: both write to a pipe this process reads; trail still runs the command in a pty.
// Prints a markdown table and writes bench/out/agents.json.
import { spawn as spawnChild, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { CLI, ROOT, du, machine, median, save } from './lib.ts';
import { generateCodexHistory } from './codex-import-gen.ts';

const node = process.execPath;
const work = mkdtempSync(join(tmpdir(), 'trail-bench-agents-'));
const CODEX_MB = Number(process.env.BENCH_CODEX_MB ?? 100);
const OUT_MB = Number(process.env.BENCH_RECORD_MB ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MARK = 'PRINTER-DONE';
const env = (home: string) => ({ ...process.env, TRAIL_HOME: home, NO_COLOR: '1', CI: '1' });
const results: Record<string, unknown> = { machine: machine() };
const peakRss = (cmd: string[], envs: NodeJS.ProcessEnv, cwd?: string): number | undefined => {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...cmd], {
    env: envs,
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  return Number(r.stderr.trim().split('\n').pop()) / 1024;
};

/** Runs a command in a pseudo-terminal, reading everything; seconds to exit, and to the printer's last line. */
function inPty(
  argv: string[],
  cwd: string,
  envs: NodeJS.ProcessEnv,
): Promise<{ s: number; doneS: number; bytes: number }> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    let done = 0;
    let bytes = 0;
    let tail = '';
    const p = spawnPty(argv[0]!, argv.slice(1), {
      cwd,
      env: envs,
      cols: 120,
      rows: 40,
      name: 'xterm-256color',
      encoding: null,
    });
    p.onData((d: string | Buffer) => {
      bytes += d.length;
      if (!done) {
        tail = (tail + d.toString()).slice(-64);
        if (tail.includes(MARK)) done = Number(process.hrtime.bigint() - t0) / 1e9;
      }
    });
    p.onExit(() => resolve({ s: Number(process.hrtime.bigint() - t0) / 1e9, doneS: done, bytes }));
  });
}

/** Runs a command with stdout to a pipe this process reads. */
function inPipe(
  argv: string[],
  cwd: string,
  envs: NodeJS.ProcessEnv,
): Promise<{ s: number; doneS: number; bytes: number }> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    let done = 0;
    let bytes = 0;
    let tail = '';
    const c = spawnChild(argv[0]!, argv.slice(1), {
      cwd,
      env: envs,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    c.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
      if (!done) {
        tail = (tail + d.toString()).slice(-64);
        if (tail.includes(MARK)) done = Number(process.hrtime.bigint() - t0) / 1e9;
      }
    });
    c.on('close', () =>
      resolve({ s: Number(process.hrtime.bigint() - t0) / 1e9, doneS: done, bytes }),
    );
  });
}

try {
  // 1. Codex import throughput, and peak memory, on a generated history of every era.
  const hist = join(work, 'codex-home');
  const gen = generateCodexHistory(hist, {
    totalBytes: CODEX_MB * 1e6,
    sessions: Math.round(CODEX_MB * 4),
  });
  const rawBytes = du(hist);
  const importHome = join(work, 'import-home');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', node, CLI, 'import', 'codex', '--from', hist, '--json'],
    { env: env(importHome), encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr.slice(-2000)}`);
  const summary = JSON.parse(r.stdout).imports[0];
  const t1 = process.hrtime.bigint();
  spawnSync(node, [CLI, 'import', 'codex', '--from', hist], {
    env: env(importHome),
    stdio: 'ignore',
  });
  results.codexImport = {
    rawMB: rawBytes / 1e6,
    files: gen.files.length,
    eventsPerMB: summary.events / (rawBytes / 1e6),
    eras: gen.eras,
    sessions: summary.sessions,
    events: summary.events,
    problems: summary.problems.length,
    seconds,
    mbPerSec: rawBytes / 1e6 / seconds,
    peakRssMB: Number(r.stderr.trim().split('\n').pop()) / 1024,
    reimportSeconds: Number(process.hrtime.bigint() - t1) / 1e9,
    target: '≥ 10 MB/s',
  };

  // The real Codex rollouts beside the checkout, when there: far fewer events per MB.
  const corpus = join(ROOT, '..', 'shared', 'corpus', 'codex');
  if (existsSync(corpus)) {
    const home = join(work, 'corpus-home');
    const t = process.hrtime.bigint();
    const c = spawnSync(node, [CLI, 'import', 'codex', '--from', corpus, '--json'], {
      env: env(home),
      encoding: 'utf8',
    });
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    const sum = JSON.parse(c.stdout).imports[0];
    results.codexCorpus = {
      rawMB: du(corpus) / 1e6,
      files: sum.files,
      events: sum.events,
      seconds: s,
      mbPerSec: du(corpus) / 1e6 / s,
    };
  }

  // 2. trail record on a command printing OUT_MB MB of coloured test-runner lines.
  const repo = join(work, 'repo');
  mkdirSync(repo);
  spawnSync('git', ['init', '-q'], { cwd: repo });
  const printer = join(work, 'printer.mjs');
  writeFileSync(
    printer,
    `const total = ${OUT_MB * 1e6};
let n = 0, i = 0, parts = [], size = 0;
while (n < total) {
  const line = '\\x1b[32m✓\\x1b[0m test ' + i++ + ' passes: ' + 'the quick brown fox jumps over the lazy dog '.repeat(1) + '\\x1b[2m(' + (i % 97) + ' ms)\\x1b[0m\\n';
  parts.push(line); size += line.length; n += line.length;
  if (size >= 65536) { process.stdout.write(parts.join('')); parts = []; size = 0; }
}
process.stdout.write(parts.join('') + '${MARK}\\n');
`,
  );
  const direct = [node, printer];
  const recorded = [node, CLI, 'record', '--', node, printer];
  const times: Record<string, number[]> = {
    ptyDirect: [],
    ptyTrail: [],
    ptyTrailDone: [],
    pipeDirect: [],
    pipeTrail: [],
    pipeTrailDone: [],
  };
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const home = (k: string) => join(work, `rec-${k}-${i}`);
    const a = await inPty(direct, repo, env(home('a')));
    const b = await inPty(recorded, repo, env(home('b')));
    const c = await inPipe(direct, repo, env(home('c')));
    const d = await inPipe(recorded, repo, env(home('d')));
    bytes = a.bytes;
    times.ptyDirect!.push(a.s);
    times.ptyTrail!.push(b.s);
    times.ptyTrailDone!.push(b.doneS);
    times.pipeDirect!.push(c.s);
    times.pipeTrail!.push(d.s);
    times.pipeTrailDone!.push(d.doneS);
    for (const k of ['a', 'b', 'c', 'd']) rmSync(home(k), { recursive: true, force: true });
  }
  const m = (k: string) => median(times[k]!);
  const storeHome = join(work, 'rec-size');
  const rss = peakRss(recorded, env(storeHome), repo);
  results.record = {
    outputMB: OUT_MB,
    bytesSeenInPty: bytes,
    runs: RUNS,
    pty: {
      directS: m('ptyDirect'),
      trailS: m('ptyTrail'),
      outputDoneS: m('ptyTrailDone'),
      overheadS: m('ptyTrail') - m('ptyDirect'),
      ratio: m('ptyTrail') / m('ptyDirect'),
    },
    pipe: {
      directS: m('pipeDirect'),
      trailS: m('pipeTrail'),
      outputDoneS: m('pipeTrailDone'),
      overheadS: m('pipeTrail') - m('pipeDirect'),
      ratio: m('pipeTrail') / m('pipeDirect'),
    },
    peakRssMB: rss,
    storeMB: du(storeHome) / 1e6,
    times,
  };
} finally {
  rmSync(work, { recursive: true, force: true });
}

save('agents', results);
const f = (n: unknown, d = 1) => (typeof n === 'number' ? n.toFixed(d) : String(n));
const ci = results.codexImport as Record<string, number>;
const cc = results.codexCorpus as Record<string, number> | undefined;
const rec = results.record as {
  outputMB: number;
  pty: Record<string, number>;
  pipe: Record<string, number>;
  peakRssMB?: number;
  storeMB: number;
};
const rows = [
  '| measure | trail | baseline | figure |',
  '|---|---:|---:|---|',
  `| \`trail import codex\`, ${f(ci.rawMB, 0)} MB, ${ci.files} generated rollouts of every era, ${f(ci.eventsPerMB, 0)} events/MB | ${f(ci.seconds)} s | | ${f(ci.mbPerSec)} MB/s, peak RSS ${f(ci.peakRssMB, 0)} MB (target ≥ 10 MB/s) |`,
  `| re-import, nothing changed | ${f(ci.reimportSeconds, 2)} s | | |`,
  ...(cc
    ? [
        `| \`trail import codex\`, the real corpus (${f(cc.rawMB)} MB, ${cc.files} rollouts, ${cc.events} events) | ${f(cc.seconds, 2)} s | | ${f(cc.mbPerSec)} MB/s, process start included |`,
      ]
    : []),
  `| \`trail record\`, ${rec.outputMB} MB printed, in a pty (median s) | ${f(rec.pty.trailS, 2)} | ${f(rec.pty.directS, 2)} (same command in a pty) | ${f(rec.pty.ratio, 2)}×, +${f(rec.pty.overheadS, 2)} s; output done at ${f(rec.pty.outputDoneS, 2)} s |`,
  `| \`trail record\`, ${rec.outputMB} MB printed, to a pipe (median s) | ${f(rec.pipe.trailS, 2)} | ${f(rec.pipe.directS, 2)} (same command to a pipe) | ${f(rec.pipe.ratio, 2)}×, +${f(rec.pipe.overheadS, 2)} s; output done at ${f(rec.pipe.outputDoneS, 2)} s |`,
  `| \`trail record\` peak RSS, store size after | ${f(rec.peakRssMB, 0)} MB | | store ${f(rec.storeMB, 1)} MB |`,
];
console.log(rows.join('\n'));
