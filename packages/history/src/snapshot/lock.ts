import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { SnapshotError } from './errors.js';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Runs `fn` holding an exclusive lock file (the pid inside), waiting while another live
 * process holds it. Two hooks of one working tree (a prompt and a subagent's end, two
 * sessions in one repository) share a private index, so their snapshots must not overlap.
 * A lock left by a dead process is taken over.
 */
export function withLock<T>(file: string, fn: () => T, timeoutMs = 20_000): T {
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      try {
        return fn();
      } finally {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    }
    if (isStale(file)) {
      try {
        unlinkSync(file);
      } catch {
        // another waiter took it over first
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new SnapshotError(
        'CHECKPOINT_LOCKED',
        `another trail process is snapshotting this tree (${file})`,
        { file },
      );
    }
    sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}

function isStale(file: string): boolean {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) {
    // Created but not yet filled in: its owner gets a few seconds, a crashed one no more.
    try {
      return Date.now() - statSync(file).mtimeMs > 5000;
    } catch {
      return false;
    }
  }
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
