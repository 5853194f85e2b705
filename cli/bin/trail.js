#!/usr/bin/env node
// Cache compiled bytecode between runs: read commands must start in tens of milliseconds.
import module from 'node:module';
module.enableCompileCache?.();
// `trail log` and `trail search` with plain flags run from one bundle, without commander
// (src/fast.ts, bundled by scripts/bundle-fast.js); every other command line goes to main.js.
const { runFast } = freshBundle()
  ? module.createRequire(import.meta.url)('../dist/fast/fast.cjs')
  : await import('../dist/fast.js');
if (!(await runFast(process.argv.slice(2)))) await import('../dist/main.js');

/** True when the bundle exists and nothing it was built from was compiled again since. */
function freshBundle() {
  const { readFileSync, statSync } = process.getBuiltinModule('node:fs');
  const dir = new URL('../dist/fast/', import.meta.url);
  try {
    const built = statSync(new URL('fast.cjs', dir)).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', dir), 'utf8'));
    return inputs.every((f) => statSync(new URL(f, dir)).mtimeMs <= built);
  } catch {
    return false;
  }
}
