import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateClaudeHistory } from '../bench/claude-import-gen.ts';
import { tempDir, trail, trailJson } from './helpers.js';

// A real full disk: a small tmpfs mounted for the test. Mounting needs root (as on the CI
// machines here); elsewhere the test is skipped, and says so.
function mountTmpfs(dir: string, megabytes: number): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]).status === 0;
}
function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
}

const probe = join(tmpdir(), `trail-disk-probe-${process.pid}`);
const canMount = process.getuid?.() === 0 && mountTmpfs(probe, 1);
if (canMount) unmount(probe);
rmSync(probe, { recursive: true, force: true });
const why = canMount ? '' : ' (skipped: mounting a tmpfs needs root here)';

type Log = { sessions: { id: string; counts: { events: number } }[] };
const summary = (log: Log) => log.sessions.map((s) => `${s.id}:${s.counts.events}`).sort();

describe.skipIf(!canMount)(`a full disk${why}`, () => {
  it('stops with a clear error, keeps what was recorded, and a re-run after freeing space finishes the job', () => {
    const root = tempDir('trail-disk-');
    const small = join(root, 'small');
    const big = join(root, 'big');
    generateClaudeHistory(small, { totalBytes: 900_000, sessions: 10, seed: 3 });
    generateClaudeHistory(big, { totalBytes: 6_000_000, sessions: 60, seed: 4 });
    // what the store holds when nothing goes wrong
    const clean = join(root, 'clean');
    trailJson(clean, ['import', 'claude', '--from', small]);
    trailJson(clean, ['import', 'claude', '--from', big]);
    const reference = trailJson<Log>(clean, ['log', '-n', '1000']);

    const disk = join(root, 'disk');
    expect(mountTmpfs(disk, 32)).toBe(true);
    try {
      fillAndRecover(disk, small, big, summary(reference));
    } finally {
      unmount(disk);
    }
  });
});

/** The scenario on the mounted disk: import, fill, fail, check, free, finish. */
function fillAndRecover(disk: string, small: string, big: string, reference: string[]): void {
  const home = join(disk, 'home');
  trailJson(home, ['import', 'claude', '--from', small]);
  const before = summary(trailJson<Log>(home, ['log', '-n', '1000']));
  expect(before).toHaveLength(10);

  // leave about 400 KiB free: far less than the big history needs
  const fs = statfsSync(disk);
  const filler = join(disk, 'filler');
  const fill = spawnSync('fallocate', ['-l', String(fs.bavail * fs.bsize - 400 * 1024), filler]);
  expect(fill.status).toBe(0);

  const failed = trail(home, ['import', 'claude', '--from', big]);
  expect(failed.status).toBe(1);
  expect(failed.stderr).toMatch(/^trail: no space left on the device/m);
  expect(failed.stderr).toContain('run the command again');
  expect(failed.stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
  // nothing recorded before was lost or damaged, and no torn temporary file is left
  const during = summary(trailJson<Log>(home, ['log', '-n', '1000']));
  for (const s of before) expect(during).toContain(s);
  for (const s of during) expect(reference).toContain(s);
  expect(readdirSync(join(home, 'automerge', '.tmp'))).toEqual([]);
  const shown = trail(home, ['show', before[0]!.split(':')[0]!]);
  expect(shown.status).toBe(0);

  rmSync(filler);
  trailJson(home, ['import', 'claude', '--from', big]);
  expect(summary(trailJson<Log>(home, ['log', '-n', '1000']))).toEqual(reference);
  // the library (what sync and reindex start from) has every session too
  trailJson(home, ['reindex']);
  expect(summary(trailJson<Log>(home, ['log', '-n', '1000']))).toEqual(reference);
}
