// Issue 2 figures: hook latency, import throughput and peak memory, read latency with 10,000
// sessions, and store size against the raw transcripts. Baselines run in the same process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, HOOK, compare, du, machine, save, timeRun } from './lib.ts';
import { generateClaudeHistory } from './claude-import-gen.ts';

const node = process.execPath;
const work = mkdtempSync(join(tmpdir(), 'trail-bench-capture-'));
const env = (home: string) => ({ ...process.env, TRAIL_HOME: home, NO_COLOR: '1', CI: '1' });
const results: Record<string, unknown> = { machine: machine() };
const MB = Number(process.env.BENCH_IMPORT_MB ?? 200);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);

try {
  // 1. Hook latency: one PostToolUse invocation (a typical Edit payload) vs `node -e ""`.
  const hookHome = join(work, 'hook-home');
  const payload = JSON.stringify({
    session_id: '11111111-2222-3333-4444-555555555555',
    transcript_path: '/nonexistent.jsonl',
    cwd: '/tmp',
    hook_event_name: 'PostToolUse',
    tool_name: 'Edit',
    tool_use_id: 'toolu_bench',
    tool_input: {
      file_path: '/tmp/a.ts',
      old_string: 'a'.repeat(400),
      new_string: 'b'.repeat(400),
    },
    tool_response: {
      filePath: '/tmp/a.ts',
      oldString: 'a'.repeat(400),
      newString: 'b'.repeat(400),
      originalFile: 'x\n'.repeat(500),
      structuredPatch: [
        { oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-a', '+b'] },
      ],
      userModified: false,
      replaceAll: false,
    },
  });
  timeRun(node, [HOOK, '--home', hookHome], { input: payload }); // warm the compile cache
  const hook = compare(40, {
    baseline: () => timeRun(node, ['-e', '']),
    hook: () =>
      timeRun(node, [HOOK, '--agent', 'claude-code', '--home', hookHome], { input: payload }),
  });
  results.hook = {
    medianMs: hook.hook,
    baselineMs: hook.baseline,
    ratio: hook.hook! / hook.baseline!,
    payloadBytes: payload.length,
    target: '≤ 1.5 × node -e ""',
  };

  // 2. Import throughput on a generated ~200 MB, ~2,000-session history, and peak memory.
  const hist = join(work, 'claude-projects');
  const gen = generateClaudeHistory(hist, { totalBytes: MB * 1e6, sessions: Math.round(MB * 10) });
  const rawBytes = du(hist);
  const importHome = join(work, 'import-home');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', node, CLI, 'import', 'claude', '--from', hist, '--json'],
    { env: env(importHome), encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const importMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr.slice(-2000)}`);
  const peakKiB = Number(r.stderr.trim().split('\n').pop());
  const summary = JSON.parse(r.stdout).imports[0];
  const storeBytes = du(importHome);
  results.import = {
    rawMB: rawBytes / 1e6,
    sessions: summary.sessions,
    events: summary.events,
    seconds: importMs / 1000,
    mbPerSec: rawBytes / 1e6 / (importMs / 1000),
    peakRssMB: peakKiB / 1024,
    target: '≥ 10 MB/s',
    generated: gen,
  };
  // file bytes, and disk blocks as `du` counts them (directories and partly used blocks too:
  // automerge-repo's layout gives every document two directories of its own)
  const blocks = (dir: string) =>
    Number(
      spawnSync('du', ['-s', '--block-size=1', dir], { encoding: 'utf8' }).stdout.split('\t')[0],
    );
  results.storeSize = {
    storeMB: storeBytes / 1e6,
    rawMB: rawBytes / 1e6,
    fraction: storeBytes / rawBytes,
    storeDiskMB: blocks(importHome) / 1e6,
    rawDiskMB: blocks(hist) / 1e6,
    diskFraction: blocks(importHome) / blocks(hist),
    target: '≤ 0.5',
  };
  const reimport = timeRun(node, [CLI, 'import', 'claude', '--from', hist], {
    env: env(importHome),
  });
  results.reimport = { seconds: reimport / 1000 };

  // 3. Reads with 10,000 sessions in the store.
  const bigHist = join(work, 'claude-10k');
  generateClaudeHistory(bigHist, { totalBytes: SESSIONS * 12_000, sessions: SESSIONS });
  const bigHome = join(work, 'big-home');
  const tImp = timeRun(node, [CLI, 'import', 'claude', '--from', bigHist], { env: env(bigHome) });
  const reads = compare(30, {
    baseline: () => timeRun(node, ['-e', '']),
    log: () => timeRun(node, [CLI, 'log', '-n', '20'], { env: env(bigHome) }),
    search: () => timeRun(node, [CLI, 'search', 'refactor'], { env: env(bigHome) }),
  });
  results.reads = {
    sessions: SESSIONS,
    importSeconds: tImp / 1000,
    logMs: reads.log,
    searchMs: reads.search,
    baselineMs: reads.baseline,
    logRatio: reads.log! / reads.baseline!,
    searchRatio: reads.search! / reads.baseline!,
    target: '≤ 2 × node -e ""',
  };
} finally {
  rmSync(work, { recursive: true, force: true });
}

save('capture', results);
const f = (n: unknown, d = 1) => (typeof n === 'number' ? n.toFixed(d) : String(n));
const h = results.hook as Record<string, number>;
const i = results.import as Record<string, number>;
const s = results.storeSize as Record<string, number>;
const rd = results.reads as Record<string, number>;
console.log(`| measure | trail | baseline | ratio / figure | target |
|---|---:|---:|---:|---|
| hook, one PostToolUse (median ms) | ${f(h.medianMs)} | ${f(h.baselineMs)} (node -e "") | ${f(h.ratio, 2)}× | ≤ 1.5× |
| import ${f(i.rawMB, 0)} MB, ${i.sessions} sessions | ${f(i.seconds)} s | | ${f(i.mbPerSec)} MB/s, peak RSS ${f(i.peakRssMB, 0)} MB | ≥ 10 MB/s |
| re-import, nothing changed | ${f((results.reimport as Record<string, number>).seconds, 2)} s | | | |
| store size / raw transcripts (file bytes) | ${f(s.storeMB)} MB | ${f(s.rawMB)} MB | ${f(s.fraction, 2)} | ≤ 0.5 |
| store size / raw transcripts (disk blocks, du) | ${f(s.storeDiskMB)} MB | ${f(s.rawDiskMB)} MB | ${f(s.diskFraction, 2)} | ≤ 0.5 |
| \`trail log -n 20\`, ${rd.sessions} sessions (median ms) | ${f(rd.logMs)} | ${f(rd.baselineMs)} | ${f(rd.logRatio, 2)}× | ≤ 2× |
| \`trail search refactor\`, ${rd.sessions} sessions (median ms) | ${f(rd.searchMs)} | ${f(rd.baselineMs)} | ${f(rd.searchRatio, 2)}× | ≤ 2× |`);
