// Checkpoints, blame and rewind against git itself. Run after `npx tsc -b`:
//   node bench/history.bench.ts [--quick]
// 1. checkpoint of a 10,000-file, 200 MB repository with one changed file, against
//    `git add -A && git write-tree` with a private index on the same repository;
// 2. `trail blame` of a 5,000-line file touched by 300 recorded edits (whole process), against
//    `git blame` of the same file in an equivalent 300-commit repository;
// 3. `trail rewind` of 100 changed files (whole process), and the hook's added latency.
// Prints a markdown table and writes bench/out/history.json.
// --quick: smaller and fewer runs; --only=checkpoint|blame|rewind; --keep: leave the
// generated repositories and stores in place (for profiling) and print where.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hookCheckpoint, resolveWorkTree, takeSnapshot } from '@trail/history';
import { unifiedDiff, type CapturedEvent } from '@trail/model';
import { Store } from '@trail/store';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'cli', 'bin', 'trail.js');
const HOOK = join(ROOT, 'cli', 'bin', 'trail-hook.js');
const QUICK = process.argv.includes('--quick');
const KEEP = process.argv.includes('--keep');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const RUNS = QUICK ? 3 : 9;
const FILES = QUICK ? 1000 : 10_000;
const FILE_BYTES = 20_000;

interface Row {
  measure: string;
  trailMs: number;
  baselineMs: number | null;
  baseline: string;
  ratio: number | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (fn: () => unknown) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const gitIn = (cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(
    'git',
    ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', ...args],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 },
  ).toString();
const run = (args: string[], env: NodeJS.ProcessEnv) => {
  const r = spawnSync(args[0]!, args.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr.toString()}`);
};

const base = realpathSync(mkdtempSync(join(tmpdir(), 'trail-bench-history-')));
const rows: Row[] = [];
const notes: Record<string, number> = {};

try {
  if (!ONLY || ONLY === 'checkpoint') checkpointBench();
  // 2. blame of a 5,000-line file touched by 300 recorded edits vs git blame, 300 commits
  if (!ONLY || ONLY === 'blame') rows.push(await blameBench());
  // 3. rewind of 100 changed files
  if (!ONLY || ONLY === 'rewind') rows.push(...(await rewindBench()));
} finally {
  if (KEEP) console.log(`kept ${base}`);
  else rmSync(base, { recursive: true, force: true });
}

/** 1. checkpoint vs git add -A && git write-tree, and the hook's added latency. */
function checkpointBench(): void {
  const repo = join(base, 'big');
  for (let i = 0; i < FILES; i++) {
    const dir = join(repo, `d${i % 100}`, `e${i % 7}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `f${i}.txt`),
      randomBytes((FILE_BYTES * 3) / 4)
        .toString('base64')
        .replace(/(.{76})/g, '$1\n'),
    );
  }
  gitIn(repo, ['init', '-q']);
  gitIn(repo, ['add', '-A']);
  gitIn(repo, ['commit', '-q', '-m', 'generated']);
  const home = join(base, 'home');
  const tree = resolveWorkTree(repo);
  const snap = () =>
    takeSnapshot({ checkpointsDir: join(home, 'checkpoints'), tree, storeHome: home });
  notes.firstCheckpointMs = time(snap);
  const pdir = join(base, 'baseline.git');
  const benv = {
    ...process.env,
    GIT_DIR: pdir,
    GIT_WORK_TREE: repo,
    GIT_INDEX_FILE: join(pdir, 'bench-index'),
  };
  gitIn(base, ['init', '-q', '--bare', pdir]);
  run(['git', 'add', '-A'], benv);
  const touch = (k: number) => appendFileSync(join(repo, 'd1', 'e1', 'f1.txt'), `change ${k}\n`);
  const trailRuns: number[] = [];
  const gitRuns: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    touch(k);
    trailRuns.push(time(snap));
    touch(k + 0.5);
    gitRuns.push(time(() => (run(['git', 'add', '-A'], benv), run(['git', 'write-tree'], benv))));
  }
  rows.push(
    row(
      `checkpoint, ${FILES} files / ${Math.round((FILES * FILE_BYTES) / 1e6)} MB, one changed`,
      median(trailRuns),
      median(gitRuns),
      'git add -A && git write-tree (private index)',
    ),
  );

  // the hook's added latency: a prompt (checkpoint) against a tool call (none)
  const session = '00000000-0000-4000-8000-000000000001';
  const hook = (event: string) =>
    time(() =>
      spawnSync(process.execPath, [HOOK, '--agent', 'claude-code', '--home', home], {
        input: JSON.stringify({
          session_id: session,
          hook_event_name: event,
          cwd: repo,
          prompt: 'p',
          tool_name: 'Read',
          tool_input: {},
        }),
      }),
    );
  const withCp: number[] = [];
  const without: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    touch(k + 0.25);
    withCp.push(hook('UserPromptSubmit'));
    without.push(hook('PreToolUse'));
  }
  rows.push(
    row(
      `hook process: UserPromptSubmit with checkpoint (${FILES} files)`,
      median(withCp),
      median(without),
      'hook process: PreToolUse, no checkpoint',
    ),
  );
  rmSync(repo, { recursive: true, force: true });
  rmSync(pdir, { recursive: true, force: true });
}

function row(measure: string, trailMs: number, baselineMs: number | null, baseline: string): Row {
  return {
    measure,
    trailMs: round(trailMs),
    baselineMs: baselineMs === null ? null : round(baselineMs),
    baseline,
    ratio: baselineMs ? round(trailMs / baselineMs) : null,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function blameBench(): Promise<Row> {
  const repo = join(base, 'blame');
  const mirror = join(base, 'blame-git');
  mkdirSync(repo);
  mkdirSync(mirror);
  const lines = Array.from(
    { length: 5000 },
    (_, i) => `  const value${i} = compute(${i}); // original line ${i}\n`,
  );
  const file = 'src/module.ts';
  const put = (dir: string) => {
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, file), lines.join(''));
  };
  put(repo);
  put(mirror);
  gitIn(repo, ['init', '-q']);
  gitIn(repo, ['add', '-A']);
  gitIn(repo, ['commit', '-q', '-m', 'start']);
  gitIn(mirror, ['init', '-q']);
  gitIn(mirror, ['add', '-A']);
  gitIn(mirror, ['commit', '-q', '-m', 'start']);
  const home = join(base, 'blame-home');
  const store = await Store.open({ home });
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const tick = () => new Date((clock += 1000)).toISOString();
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  let edits = 0;
  for (let s = 0; s < 10; s++) {
    const id = `bench-session-${s}`;
    const events: CapturedEvent[] = [];
    const checkpoint = (moment: 'start' | 'end') => {
      const p = hookCheckpoint({ home, cwd: repo, sessionId: id, moment });
      events.push({
        kind: 'checkpoint',
        id: `c-${s}-${events.length}`,
        ts: tick(),
        checkpointId: String(p.checkpoint),
        moment,
        root: String(p.root),
        changed: p.changed as string[],
      });
    };
    for (let p = 0; p < 10; p++) {
      checkpoint('start');
      events.push({
        kind: 'prompt',
        id: `p-${s}-${p}`,
        ts: tick(),
        text: `prompt ${p} of session ${s}`,
      });
      for (let e = 0; e < 3; e++) {
        const before = lines.join('');
        const at = rand(lines.length);
        if (e === 0)
          lines.splice(at, 1, `  const edited${edits} = compute(${edits}); // edit ${edits}\n`);
        else if (e === 1) lines.splice(at, 0, `  // note ${edits}\n`, `  check(${edits});\n`);
        else lines.splice(at, 2);
        const after = lines.join('');
        writeFileSync(join(repo, file), after);
        writeFileSync(join(mirror, file), after);
        gitIn(mirror, ['commit', '-q', '-a', '-m', `edit ${edits}`]);
        const path = join(repo, file);
        events.push({
          kind: 'tool',
          id: `t-toolu_${edits}`,
          ts: tick(),
          name: 'Edit',
          category: 'edit',
          input: { file_path: path },
          status: 'ok',
          changes: [
            {
              path,
              op: 'modify',
              added: 0,
              removed: 0,
              patch: unifiedDiff(path, before, after),
              before,
              after,
            },
          ],
        });
        edits++;
      }
      checkpoint('end');
    }
    await store.write({ id, agent: 'claude-code', cwd: repo, model: 'claude-bench', events });
  }
  await store.close();
  const env = { ...process.env, TRAIL_HOME: home };
  const trailRuns: number[] = [];
  const gitRuns: number[] = [];
  for (let k = 0; k < RUNS + 2; k++) {
    const t = time(() => run([process.execPath, CLI, 'blame', join(repo, file)], env));
    const g = time(() => run(['git', '-C', mirror, 'blame', file], env));
    if (k < 2) continue; // warm the compile cache and the page cache
    trailRuns.push(t);
    gitRuns.push(g);
  }
  notes.blameEdits = edits;
  notes.blameLines = lines.length;
  return row(
    `trail blame, ${lines.length}-line file, ${edits} recorded edits (whole process)`,
    median(trailRuns),
    median(gitRuns),
    `git blame, same file, ${edits + 1} commits`,
  );
}

async function rewindBench(): Promise<Row[]> {
  const repo = join(base, 'rewind');
  for (let i = 0; i < 1000; i++) {
    mkdirSync(join(repo, `m${i % 20}`), { recursive: true });
    writeFileSync(
      join(repo, `m${i % 20}`, `file${i}.ts`),
      `export const n${i} = ${i};\n`.repeat(200),
    );
  }
  gitIn(repo, ['init', '-q']);
  gitIn(repo, ['add', '-A']);
  gitIn(repo, ['commit', '-q', '-m', 'start']);
  const home = join(base, 'rewind-home');
  const store = await Store.open({ home });
  const events: CapturedEvent[] = [];
  const cp = (moment: 'start' | 'end', ts: string) => {
    const p = hookCheckpoint({ home, cwd: repo, sessionId: 'rewind-bench', moment });
    events.push({
      kind: 'checkpoint',
      id: `c-${moment}`,
      ts,
      checkpointId: String(p.checkpoint),
      moment,
      root: String(p.root),
      changed: p.changed as string[],
    });
  };
  cp('start', '2026-01-01T00:00:00.000Z');
  events.push({
    kind: 'prompt',
    id: 'p-1',
    ts: '2026-01-01T00:00:01.000Z',
    text: 'change a hundred files',
  });
  for (let i = 0; i < 100; i++)
    writeFileSync(join(repo, `m${i % 20}`, `file${i * 7}.ts`), `// rewritten ${i}\n`.repeat(150));
  cp('end', '2026-01-01T00:00:02.000Z');
  await store.write({
    id: 'rewind-bench',
    agent: 'claude-code',
    cwd: repo,
    model: 'claude-bench',
    events,
  });
  await store.close();
  const env = { ...process.env, TRAIL_HOME: home };
  const rewinds: number[] = [];
  const undos: number[] = [];
  for (let k = 0; k < Math.max(3, Math.ceil(RUNS / 2)); k++) {
    let undo = '';
    rewinds.push(
      time(() => {
        const r = spawnSync(process.execPath, [CLI, 'rewind', 'rewind-bench:1', '--json'], {
          env,
          cwd: repo,
        });
        undo = (JSON.parse(r.stdout.toString()) as { rewind: { saved: string } }).rewind.saved;
      }),
    );
    undos.push(time(() => run([process.execPath, CLI, 'rewind', undo], env)));
  }
  const changed = readFileSync(join(repo, 'm0', 'file0.ts'), 'utf8').startsWith('// rewritten');
  if (!changed) throw new Error('rewind bench: the undo did not restore the changed files');
  return [
    row('trail rewind, 100 changed files of 1,000 (whole process)', median(rewinds), null, ''),
    row('trail rewind <undo>, the same 100 files back (whole process)', median(undos), null, ''),
  ];
}

const machine = {
  uname: execFileSync('uname', ['-a']).toString().trim(),
  nproc: Number(execFileSync('nproc').toString().trim()),
  node: process.version,
  git: execFileSync('git', ['--version']).toString().trim(),
  date: new Date().toISOString(),
};
console.log('| measure | trail (median ms) | baseline (median ms) | baseline | ratio |');
console.log('|---|---:|---:|---|---:|');
for (const r of rows)
  console.log(
    `| ${r.measure} | ${r.trailMs} | ${r.baselineMs ?? ''} | ${r.baseline} | ${r.ratio ?? ''} |`,
  );
console.log(
  `\nfirst checkpoint of the ${FILES}-file repository: ${round(notes.firstCheckpointMs ?? 0)} ms`,
);
console.log(
  `${machine.uname}; ${machine.nproc} CPUs; node ${machine.node}; ${machine.git}; ${machine.date}`,
);
const outDir = join(ROOT, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'history.json'),
  JSON.stringify({ machine, runs: RUNS, quick: QUICK, rows, notes }, null, 2) + '\n',
);
