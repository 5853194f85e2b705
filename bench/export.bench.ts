// Export of one 2,000-event session (100 prompts, each with reads, edits, commands, outputs and
// agent messages; a secret in one output in ten): building the redacted view and rendering it,
// in-process and through the CLI. Run after `npx tsc -b`:
//   node bench/export.bench.ts
// Prints a markdown table and writes bench/out/export.json.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapturedEvent, CapturedSession } from '@trail/model';
import { Store } from '@trail/store';
import { FsBlobStore } from '@trail/store/blobs';
import { findSession, openIndex, sessionEvents } from '@trail/store/query';
import { EXPORT_FORMATS, buildSessionExport, renderExport } from '@trail/export';
import { POLICIES, createRedactor, previewRedactor } from '@trail/redact';
import { CLI, machine, median, save, timeRun } from './lib.ts';

const PROMPTS = 100;
const RUNS = 5;
const CWD = '/home/bench/src/shop';

function session(): CapturedSession {
  const events: CapturedEvent[] = [];
  let t = Date.UTC(2026, 10, 21, 9);
  const ts = () => new Date((t += 3000)).toISOString();
  const lines = (n: number, w: string) =>
    Array.from(
      { length: n },
      (_, i) => `${w} line ${i}: const value${i} = compute(${i}, options);`,
    ).join('\n');
  for (let p = 0; p < PROMPTS; p++) {
    events.push({
      id: `p${p}`,
      kind: 'prompt',
      ts: ts(),
      text: `Step ${p}: refactor the parser module and keep the tests passing. ${lines(3, 'note')}`,
    });
    for (let k = 0; k < 4; k++) {
      const file = `${CWD}/src/module${p}_${k}.ts`;
      events.push({
        id: `a${p}_${k}`,
        kind: 'assistant',
        ts: ts(),
        text: `I will update ${file} next. ${lines(4, 'plan')}`,
      });
      events.push({
        id: `r${p}_${k}`,
        kind: 'tool',
        ts: ts(),
        name: 'Read',
        category: 'read',
        status: 'ok',
        input: { file_path: file },
        reads: [file],
        output: lines(40, 'src'),
      });
      const patch = `--- a/${file.slice(1)}\n+++ b/${file.slice(1)}\n@@ -1,10 +1,12 @@\n${lines(10, '-old').replace(/^/gm, '-')}\n${lines(12, '+new').replace(/^/gm, '+')}\n`;
      events.push({
        id: `e${p}_${k}`,
        kind: 'tool',
        ts: ts(),
        name: 'Edit',
        category: 'edit',
        status: 'ok',
        input: { file_path: file, old_string: 'a', new_string: 'b' },
        changes: [{ path: file, op: 'modify', added: 12, removed: 10, patch }],
      });
      const secret = p % 10 === 0 && k === 0 ? ` GITHUB_TOKEN=ghp_${'x9Y8z7W6'.repeat(4)}abcd` : '';
      events.push({
        id: `b${p}_${k}`,
        kind: 'tool',
        ts: ts(),
        name: 'Bash',
        category: 'command',
        status: 'ok',
        input: { command: 'npm test -- parser' },
        command: 'npm test -- parser',
        exitCode: 0,
        output: lines(60, 'PASS') + secret,
      });
    }
    events.push({
      id: `z${p}`,
      kind: 'assistant',
      ts: ts(),
      text: `Done with step ${p}; all tests pass.`,
    });
    events.push({
      id: `y${p}`,
      kind: 'tool',
      ts: ts(),
      name: 'Grep',
      category: 'search',
      status: 'ok',
      input: { pattern: 'compute(' },
      output: lines(10, 'hit'),
    });
    events.push({
      id: `x${p}`,
      kind: 'tool',
      ts: ts(),
      name: 'Bash',
      category: 'command',
      status: 'error',
      input: { command: 'npx tsc --noEmit' },
      command: 'npx tsc --noEmit',
      exitCode: 2,
      output: lines(5, 'error TS2345'),
    });
  }
  return {
    id: 'bench-export-session',
    agent: 'claude-code',
    cwd: CWD,
    model: 'claude-sonnet-4-6',
    title: 'Refactor the parser',
    events,
  };
}

const root = mkdtempSync(join(tmpdir(), 'trail-export-bench-'));
const home = join(root, 'home');
try {
  const s = session();
  const store = await Store.open({ home, redact: previewRedactor() });
  await store.write(s);
  await store.close();
  const { db } = openIndex(join(home, 'index.sqlite'));
  const blobs = new FsBlobStore(join(home, 'blobs'), () => '');
  const text = (ref: { hash: string }) => {
    try {
      return blobs.getText(ref.hash as never);
    } catch {
      return undefined;
    }
  };
  const summary = findSession(db, s.id);
  const events = sessionEvents(db, s.id);
  db.close();
  const redactor = createRedactor({ homeDir: '/home/bench', userName: 'bench' });
  const rows: {
    policy: string;
    buildMs: number;
    renders: Record<string, { ms: number; bytes: number }>;
    cli: Record<string, number>;
  }[] = [];
  for (const policy of POLICIES) {
    const builds: number[] = [];
    let x = buildSessionExport({ summary, events, text }, { redactor, policy });
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      x = buildSessionExport({ summary, events, text }, { redactor, policy });
      builds.push(performance.now() - t);
    }
    const renders: Record<string, { ms: number; bytes: number }> = {};
    const cli: Record<string, number> = {};
    for (const format of EXPORT_FORMATS) {
      const times: number[] = [];
      let body = '';
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        body = renderExport(x, format);
        times.push(performance.now() - t);
      }
      renders[format] = { ms: median(times), bytes: Buffer.byteLength(body) };
      const env = { ...process.env, TRAIL_HOME: home, NO_COLOR: '1' };
      cli[format] = median(
        Array.from({ length: RUNS }, () =>
          timeRun(process.execPath, [CLI, 'export', s.id, '--format', format, '--policy', policy], {
            env,
          }),
        ),
      );
    }
    rows.push({ policy, buildMs: median(builds), renders, cli });
  }
  console.log(
    `Export of one session of ${events.length} events (${PROMPTS} prompts), median of ${RUNS} runs\n`,
  );
  console.log(
    '| Policy | Build (redact + view) | md | html | json | `trail export` md / html / json |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  for (const r of rows) {
    const f = (k: string) => `${r.renders[k]!.ms.toFixed(1)} ms (${kb(r.renders[k]!.bytes)})`;
    console.log(
      `| ${r.policy} | ${r.buildMs.toFixed(0)} ms | ${f('md')} | ${f('html')} | ${f('json')} | ${['md', 'html', 'json'].map((k) => `${r.cli[k]!.toFixed(0)}`).join(' / ')} ms |`,
    );
  }
  save('export', { machine: machine(), events: events.length, rows });
} finally {
  rmSync(root, { recursive: true, force: true });
}
