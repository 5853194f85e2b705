#!/usr/bin/env node
// Runs the benchmarks: `npm run bench` for all, `npm run bench -- capture history` for some.
// Each bench/<name>.bench.ts prints a markdown table and writes bench/out/<name>.json.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const names = wanted.length ? wanted : all;
let failed = 0;
for (const name of names) {
  if (!all.includes(name)) {
    process.stderr.write(`no benchmark named ${name} (have: ${all.join(', ')})\n`);
    failed++;
    continue;
  }
  process.stderr.write(`\n== ${name} ==\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, `${name}.bench.ts`)], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
