import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { FileChange } from '@trail/model';
import { checkpointDiff } from '@trail/history';

/**
 * What changed in a working tree between two checkpoints, as file changes with unified
 * diffs: paths absolute, and patch headers `a/<absolute path>`, as edit tools record them,
 * so diff, blame and rewind read them like any agent's edits.
 */
export function changesBetween(home: string, root: string, from: string, to: string): FileChange[] {
  const abs = (rel: string) => join(root, rel);
  const header = root.replace(/^\/+/, '');
  return checkpointDiff(join(home, 'checkpoints'), root, from, to).map((d) => ({
    path: abs(d.path),
    op: d.op,
    added: d.added,
    removed: d.removed,
    patch: d.patch.replace(
      /^(---|\+\+\+) (a|b)\/(.*)$/gm,
      (_m, sign: string, side: string, p: string) => `${sign} ${side}/${header}/${p}`,
    ),
  }));
}

/** Bytes `[start, end)` of a file; fewer when it is shorter, none when it is gone. */
export function readRange(file: string, start: number, end: number): Buffer {
  if (end <= start) return Buffer.alloc(0);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const buf = Buffer.alloc(end - start);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return got === buf.length ? buf : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
