// Issue 8 figures: with 10,000 sessions in the store, time to first render of the session list
// and of a 2,000-event session's timeline, in the real browser (Debian's headless Chromium
// driven by playwright-core), against the real `trail ui`.
// Run: npm run build && node bench/ui.bench.ts [--sessions 10000] [--runs 7]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClaudeHistory } from './claude-import-gen.ts';
import { CLI, machine, median, save } from './lib.ts';
import { env } from '../test/ui/fixture.ts';
import { launch, noBrowser, startUi } from '../test/ui/browser.ts';
import { http } from '../test/ui/http.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SESSIONS = arg('sessions', 10_000);
const RUNS = arg('runs', 7);
const why = noBrowser();
if (why) {
  console.error(`ui bench: ${why}`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'trail-ui-bench-'));
const home = join(work, 'home');
const importFrom = (dir: string) => {
  const r = spawnSync(process.execPath, [CLI, 'import', 'claude', '--from', dir, '--json'], {
    env: env(home),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr.slice(-2000)}`);
};
try {
  const t0 = Date.now();
  generateClaudeHistory(join(work, 'many'), {
    sessions: SESSIONS - 1,
    totalBytes: (SESSIONS - 1) * 5000,
  });
  generateClaudeHistory(join(work, 'big'), {
    sessions: 1,
    totalBytes: 7_500_000,
    seed: 7,
    projects: 1,
  });
  importFrom(join(work, 'many'));
  importFrom(join(work, 'big'));
  const log = JSON.parse(
    spawnSync(process.execPath, [CLI, 'log', '--json'], {
      env: env(home),
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }).stdout,
  ) as { sessions: { id: string; counts: { events: number } }[] };
  const big = log.sessions.reduce((a, b) => (b.counts.events > a.counts.events ? b : a));
  console.error(
    `store ready in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${log.sessions.length} sessions, the largest with ${big.counts.events} events`,
  );

  const ui = await startUi(home);
  const browser = await launch();
  const token = new URL(ui.url).searchParams.get('token')!;
  const apiMs = async (path: string) => {
    const t = performance.now();
    const r = await http(ui.port, path, { headers: { 'x-trail-token': token } });
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return performance.now() - t;
  };
  const list: number[] = [];
  const timeline: number[] = [];
  const timelineAll: number[] = [];
  const listApi: number[] = [];
  const timelineApi: number[] = [];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      let t = performance.now();
      await page.goto(ui.url);
      await page.locator('a.row').first().waitFor();
      const listMs = performance.now() - t;
      t = performance.now();
      await page.goto(`http://127.0.0.1:${ui.port}/#/s/${big.id}`);
      await page.reload();
      await page.locator('article.ev').first().waitFor();
      const firstMs = performance.now() - t;
      await page.locator('[role=feed][aria-busy=false]').waitFor({ timeout: 60_000 });
      const allMs = performance.now() - t;
      await ctx.close();
      if (i === 0) continue; // warm-up: first launch, caches
      list.push(listMs);
      timeline.push(firstMs);
      timelineAll.push(allMs);
      listApi.push(await apiMs('/api/sessions?offset=0&limit=200'));
      timelineApi.push(await apiMs(`/api/sessions/${big.id}/timeline?offset=0&limit=400`));
    }
  } finally {
    await browser.close();
    await ui.stop();
  }
  const results = {
    machine: machine(),
    sessions: log.sessions.length,
    bigSessionEvents: big.counts.events,
    runs: RUNS,
    loadAverage: loadavg()[0],
    listFirstRenderMs: median(list),
    listFirstRenderMinMs: Math.min(...list),
    timelineFirstRenderMinMs: Math.min(...timeline),
    timelineFirstRenderMs: median(timeline),
    timelineAllLoadedMs: median(timelineAll),
    listApiMs: median(listApi),
    timelinePageApiMs: median(timelineApi),
  };
  save('ui', results);
  const f = (n: number) => n.toFixed(0);
  console.log(`| measure (median of ${RUNS}, ${results.sessions.toLocaleString()} sessions) | ms |
|---|---:|
| session list: page load to first row drawn | ${f(results.listFirstRenderMs)} |
| timeline of a ${results.bigSessionEvents.toLocaleString()}-event session: load to first event drawn | ${f(results.timelineFirstRenderMs)} |
| same timeline: load to every event loaded | ${f(results.timelineAllLoadedMs)} |
| API: first page of the list (200 sessions) | ${f(results.listApiMs)} |
| API: first page of the timeline (400 rows) | ${f(results.timelinePageApiMs)} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
