import { execFileSync } from 'node:child_process';
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const lock = join(tmpdir(), 'trail-relay-build.lock');
const STALE_MS = 120_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds relay/dist (and protocol's) with `tsc -b`, for tests that run the built code as a
 * real process. Test files run in parallel workers, so builds take turns behind a lock
 * directory; tsc -b is incremental, so the later ones find nothing to do.
 */
export function buildRelay(): void {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_MS) rmdirSync(lock, { recursive: false });
      else sleep(100);
    }
  }
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(root, 'relay')],
      {
        stdio: 'inherit',
      },
    );
  } finally {
    rmdirSync(lock);
  }
}
