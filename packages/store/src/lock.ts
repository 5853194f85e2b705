import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { TrailError } from '@trail/model';

/** A held single-writer lock; release it when done. */
export interface WriteLock {
  release(): void;
}

/**
 * Takes the store's single-writer lock, waiting while another live process holds it.
 * A lock left by a dead process (kill -9) is taken over, so a crash never wedges the store.
 */
export async function acquireWriteLock(path: string, timeoutMs = 120_000): Promise<WriteLock> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    const held = tryLock(path);
    if (held) return held;
    if (Date.now() > deadline) {
      throw new TrailError(
        'STORE_LOCKED',
        `the store is locked by another trail process (${path}); try again when it finishes`,
        { path },
      );
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 200);
  }
}

function tryLock(path: string): WriteLock | undefined {
  // Write the pid first, then link it into place: the lock never exists without its owner.
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, `${process.pid}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, path);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      },
    };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (isStale(path)) {
      try {
        unlinkSync(path);
      } catch {
        // someone else took it over first
      }
    }
    return undefined;
  } finally {
    unlinkSync(tmp);
  }
}

function isStale(path: string): boolean {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
