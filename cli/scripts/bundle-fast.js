// Bundles the read commands' fast path (dist/fast.js from tsc, and what `trail log` and
// `trail search` import) into dist/fast/ as CommonJS: Node then loads a handful of files
// instead of a hundred modules, and requires builtins without building ESM facades for them.
// Everything the fast path hands over to (the full CLI, the store's writer, capture) stays
// outside, loaded from dist/ as before. See docs/decisions/cli-bundle.md.
//
// dist/fast/inputs.json lists the .tsbuildinfo of every project bundled: bin/trail.js uses
// the bundle only while none of them is newer, so a `tsc -b` alone never runs stale code.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const cli = fileURLToPath(new URL('..', import.meta.url));
const out = join(cli, 'dist', 'fast');

/** Imports left to Node at run time, with their path from dist/fast/. */
const EXTERNAL = {
  './main.js': '../main.js',
  './store-session.js': '../store-session.js',
  '@trail/capture': '@trail/capture',
};
/** Packages that must never be inlined: heavy, native or WebAssembly, or stateful. */
const NEVER = /[/\\]node_modules[/\\](@automerge|libsodium[^/\\]*|ws|cbor-x|commander)[/\\]/;

rmSync(out, { recursive: true, force: true });
const { output } = await build({
  input: { fast: join(cli, 'dist', 'fast.js') },
  platform: 'node',
  logLevel: 'warn',
  plugins: [
    {
      name: 'trail-externals',
      resolveId(id) {
        return Object.hasOwn(EXTERNAL, id) ? { id: EXTERNAL[id], external: true } : null;
      },
      load(id) {
        if (NEVER.test(id)) throw new Error(`the read fast path must not bundle ${id}`);
        return null;
      },
    },
  ],
  output: {
    dir: out,
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
  },
});

const buildInfo = new Set();
for (const chunk of output) {
  for (const id of chunk.type === 'chunk' ? chunk.moduleIds : []) {
    for (let dir = dirname(id); dir !== dirname(dir); dir = dirname(dir)) {
      if (basename(dir) !== 'dist') continue;
      if (existsSync(join(dir, '.tsbuildinfo'))) buildInfo.add(join(dir, '.tsbuildinfo'));
      break;
    }
  }
}
if (!buildInfo.has(join(cli, 'dist', '.tsbuildinfo')))
  throw new Error('dist/.tsbuildinfo missing: run tsc -b before bundling');
writeFileSync(
  join(out, 'inputs.json'),
  JSON.stringify([...buildInfo].map((f) => relative(out, f)).sort(), null, 2) + '\n',
);
