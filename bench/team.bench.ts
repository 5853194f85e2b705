// Teams: (1) how long a shared summary takes to reach two online teammates through a loopback
// relay (both running `trail team sync --watch`), against one session reaching another device of
// the same person (`trail sync --watch`) in the same run; (2) `trail team log` with 10,000
// summaries in the team document, whole process, against `node -e ""`.
import { startRelay } from '@trail/relay';
import { Store } from '@trail/store';
import {
  closeDevice,
  openDevice,
  syncOnce,
  awaitJoiner,
  createInvite,
  inviterState,
  joinSpace,
  recordInvited,
} from '@trail/sync';
import { TeamReplica } from '@trail/team';
import { ready, toBase64Url } from '@trail/crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { signEntry } from '../packages/team/dist/entries.js';
import { listTeamKeys } from '../packages/team/dist/keys.js';
import { makeSession } from '../packages/sync/src/test-support/sessions.ts';
import { CLI, compare, machine, median, save, timeRun } from './lib.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 9);
const SUMMARIES = arg('summaries', 10_000);
const RUNS = arg('runs', 7);
/** `--only log` skips the latency part (the log figures alone); `--keep` keeps the work dir. */
const ONLY = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]
  : undefined;
const KEEP = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'trail-team-bench-'));
const env = (home: string) => ({
  ...process.env,
  TRAIL_HOME: home,
  HOME: join(work, 'userhome'),
  NO_COLOR: '1',
});

function cli(home: string, args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: env(home),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`trail ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The same CLI, without blocking this process (it serves the relay). */
function cliAsync(home: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: env(home) });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`trail ${args.join(' ')}: ${err}`)),
    );
  });
}

/** A watcher: resolves `next()` with the time of the next NDJSON line matching `hit`. */
function watcher(home: string, args: string[], hit: (line: Record<string, unknown>) => boolean) {
  const p: ChildProcess = spawn(process.execPath, [CLI, ...args], { env: env(home) });
  let buf = '';
  let waiting: ((t: number) => void) | undefined;
  p.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        if (hit(JSON.parse(line) as Record<string, unknown>)) waiting?.(performance.now());
      } catch {
        // not JSON
      }
    }
  });
  return {
    next: () => new Promise<number>((resolve) => (waiting = resolve)),
    stop: () => p.kill('SIGTERM'),
  };
}

async function record(home: string, id: string): Promise<void> {
  const store = await Store.open({ home });
  try {
    await store.write(makeSession(id, { contentBytes: 8 * 1024 }));
  } finally {
    await store.close();
  }
}

async function latency(url: string, results: Record<string, unknown>): Promise<void> {
  const [alice, bob, carol, desktop] = ['alice', 'bob', 'carol', 'desktop'].map((n) =>
    join(work, n),
  );
  await cliAsync(alice!, ['team', 'create', 'acme', '--relay', url, '--as', 'alice']);
  for (const [who, name] of [
    [bob!, 'bob'],
    [carol!, 'carol'],
  ] as const) {
    const { code } = JSON.parse(await cliAsync(alice!, ['team', 'invite', 'acme', '--json'])) as {
      code: string;
    };
    await cliAsync(who, ['team', 'join', code, '--as', name]);
  }
  // Device sync baseline: Alice's desktop, paired through the same relay.
  const d = await openDevice(alice!, { create: true });
  await syncOnce(d, { url, timeoutMs: 60_000 });
  await closeDevice(d);
  const state = await inviterState(alice!, url);
  const pending = createInvite(state);
  const [invited] = await Promise.all([
    awaitJoiner(state, pending, { confirm: () => Promise.resolve(true) }),
    joinSpace(desktop!, pending.code),
  ]);
  recordInvited(alice!, invited.cert);
  await cliAsync(alice!, ['sync']);
  await cliAsync(desktop!, ['sync']);

  const got = (l: Record<string, unknown>) =>
    ((l.team as { pulledChanges?: number } | undefined)?.pulledChanges ?? 0) > 0;
  const watchers = [bob!, carol!].map((h) =>
    watcher(h, ['team', 'sync', 'acme', '--watch', '--json'], got),
  );
  const device = watcher(
    desktop!,
    ['sync', '--watch', '--json'],
    (l) => ((l.pulled as { applied?: number } | undefined)?.applied ?? 0) > 0,
  );
  await new Promise((r) => setTimeout(r, 1500));
  const team: number[] = [];
  const shareCli: number[] = [];
  const dev: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const id = `${String(i).padStart(8, '0')}-aaaa-4000-8000-000000000000`;
    await record(alice!, id);
    const arrivals = Promise.all(watchers.map((w) => w.next()));
    const t0 = performance.now();
    await cliAsync(alice!, ['share', id.slice(0, 8), '--team', 'acme']);
    shareCli.push(performance.now() - t0);
    const [a, b] = await arrivals;
    team.push(Math.max(a!, b!) - t0);
    // The same session to Alice's other device.
    const arrived = device.next();
    const t1 = performance.now();
    await cliAsync(alice!, ['sync']);
    dev.push((await arrived) - t1);
    await new Promise((r) => setTimeout(r, 300));
  }
  for (const w of [...watchers, device]) w.stop();
  results.latency = {
    rounds: ROUNDS,
    teamBothTeammatesMs: median(team),
    shareCommandMs: median(shareCli),
    deviceSyncMs: median(dev),
    team,
    device: dev,
  };
}

function summaryEntry(teamId: string, author: string, at: number, i: number) {
  const files = Array.from({ length: 8 }, (_, k) => ({
    path: `src/module-${i % 50}/file-${k}.ts`,
    op: 'modify',
    added: 10 + k,
    removed: k,
  }));
  return {
    t: 'summary' as const,
    team: teamId,
    at,
    author,
    session: `${String(i).padStart(8, '0')}-bbbb-4000-8000-000000000000`,
    epoch: 1,
    summary: {
      schema: 'trail/team-summary' as const,
      version: 1 as const,
      policy: 'summary' as const,
      session: {
        id: `s-${i}`,
        agent: 'claude-code',
        model: 'claude-sonnet-4-6',
        agentVersion: '2.1',
        startedAt: new Date(at).toISOString(),
        endedAt: new Date(at + 600_000).toISOString(),
        durationSeconds: 600,
        title: `Fix the token refresh in module ${i % 50}`,
        project: `app-${i % 7}`,
        branch: 'main',
      },
      counts: {
        prompts: 4,
        toolCalls: 30,
        commands: 6,
        commandsFailed: 1,
        errors: 0,
        filesRead: 12,
        filesChanged: 8,
        linesAdded: 120,
        linesRemoved: 30,
        tests: 2,
        testsFailed: 0,
        subagents: 0,
        tokens: { input: 1000, output: 500, cacheRead: 0, cacheCreate: 0 },
      },
      files,
      commands: Array.from({ length: 6 }, (_, k) => ({
        prompt: 1 + (k % 4),
        command: k % 2 ? 'npm test' : `grep -rn token src/module-${i % 50}`,
        exitCode: k === 3 ? 1 : 0,
        status: k === 3 ? 'error' : 'ok',
        test: k % 2 === 1,
      })),
      prompts: Array.from({ length: 4 }, (_, k) => ({
        index: k + 1,
        ts: new Date(at + k * 60_000).toISOString(),
        text: `Please look at the refresh path in module ${i % 50}, step ${k}: keep the retry logic`,
        outcome: 'Done: the refresh now retries once and the tests pass.',
        errors: [],
      })),
      redactions: {},
    },
  };
}

async function logAtScale(results: Record<string, unknown>, url: string): Promise<void> {
  await ready();
  const home = join(work, 'big');
  // Created against the relay (which is not contacted again): the CLI then reads locally.
  await cliAsync(home, ['team', 'create', 'big', '--relay', url, '--as', 'alice']);
  const [keys] = await listTeamKeys(home);
  const device = JSON.parse(readFileSync(join(home, 'keys', 'device.key'), 'utf8')) as Record<
    string,
    string
  >;
  void device;
  const replica = TeamReplica.open(home, keys!.teamId);
  const t0 = performance.now();
  const now = Date.now() - SUMMARIES * 60_000;
  // One change per 100 summaries, as a team gathers them over many syncs.
  for (let at = 0; at < SUMMARIES; at += 100) {
    const batch = [];
    for (let i = at; i < Math.min(SUMMARIES, at + 100); i++)
      batch.push(
        signEntry(
          keys!.member,
          summaryEntry(keys!.teamId, keys!.member.deviceId, now + i * 60_000, i),
        ),
      );
    replica.add(batch);
  }
  const writeMs = performance.now() - t0;
  replica.close();
  const docBytes = statSync(join(home, 'teams', keys!.teamId, 'team.automerge')).size;
  const node = () => timeRun(process.execPath, ['-e', '']);
  const run = (args: string[]) => () =>
    timeRun(process.execPath, [CLI, ...args], { env: env(home) });
  // The member key signs here (it is also a certified signer of its member): count them all.
  const check = JSON.parse(cli(home, ['team', 'log', 'big', '--json'])) as {
    summaries: unknown[];
    ignored: { total: number };
  };
  const medians = compare(RUNS, {
    node,
    log20: run(['team', 'log', 'big', '-n', '20']),
    json20: run(['team', 'log', 'big', '-n', '20', '--json']),
    logAll: run(['team', 'log', 'big']),
    json: run(['team', 'log', 'big', '--json']),
    show: run(['team', 'show', 'big', '00004999']),
    members: run(['team', 'members', 'big']),
  });
  // Rebuilding the derived index from the document (a deleted index, or a fresh device).
  rmSync(join(home, 'teams', keys!.teamId, 'index.sqlite'));
  const rebuildMs = timeRun(process.execPath, [CLI, 'team', 'log', 'big', '-n', '1'], {
    env: env(home),
  });
  results.log = {
    summaries: SUMMARIES,
    listed: check.summaries.length,
    ignored: check.ignored.total,
    writeMs,
    docBytes,
    medianMs: medians,
    ratios: Object.fromEntries(Object.entries(medians).map(([k, v]) => [k, v / medians.node!])),
    rebuildIndexMs: rebuildMs,
  };
  void toBase64Url;
}

async function main(): Promise<void> {
  mkdirSync(join(work, 'relay'));
  const relay = await startRelay({ dataDir: join(work, 'relay'), logLevel: 'silent' });
  const results: Record<string, unknown> = { machine: { ...machine(), loadAverage: loadavg() } };
  try {
    const url = relay.url;
    if (ONLY !== 'log') await latency(url, results);
    if (ONLY !== 'latency') await logAtScale(results, url);
  } finally {
    await relay.close();
    if (KEEP) process.stderr.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
  // A partial run (--only) prints its figures but leaves bench/out/team.json as it was.
  if (ONLY === undefined) save('team', results);
  const rows = ['| measure | median |', '| --- | --- |'];
  const l = results.latency as Record<string, number> | undefined;
  if (l !== undefined)
    rows.push(
      `| shared summary reaches both teammates (watching) | ${l.teamBothTeammatesMs!.toFixed(0)} ms |`,
      `| \`trail share\` command | ${l.shareCommandMs!.toFixed(0)} ms |`,
      `| baseline: one session reaches another device (\`sync --watch\`) | ${l.deviceSyncMs!.toFixed(0)} ms |`,
    );
  const g = results.log as
    | {
        medianMs: Record<string, number>;
        ratios: Record<string, number>;
        docBytes: number;
        rebuildIndexMs: number;
        listed: number;
      }
    | undefined;
  if (g !== undefined) {
    const row = (label: string, k: string) =>
      `| ${label} | ${g.medianMs[k]!.toFixed(0)} ms (${g.ratios[k]!.toFixed(2)}×) |`;
    rows.push(
      `| \`node -e ""\` | ${g.medianMs.node!.toFixed(0)} ms |`,
      row(`\`team log -n 20\`, ${g.listed} summaries`, 'log20'),
      row('`team log -n 20 --json`', 'json20'),
      row('`team log` (all)', 'logAll'),
      row('`team log --json` (all)', 'json'),
      row('`team show <ref>`', 'show'),
      row('`team members`', 'members'),
      `| index rebuild from the document + log | ${g.rebuildIndexMs.toFixed(0)} ms |`,
      `| team document | ${(g.docBytes / 1e6).toFixed(1)} MB |`,
    );
  }
  process.stdout.write(rows.join('\n') + '\n');
}

await main();
