import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import {
  indexedSessions,
  makeSession,
  pairDevices,
  spawnTrail,
  startRelayProcess,
  storeSnapshot,
  writeSessions,
  type RelayProcess,
} from './sync-support.js';

// Small bundles and a slow upload rate stretch each sync over seconds, so the kill lands in it.
const SLOW = {
  maxPayloadBytes: 65_536,
  maxFrameBytes: 300_000,
  bytesPerSecond: 400_000,
  bytesBurst: 300_000,
  pullMaxBundles: 1,
};

function bundlesOnDisk(relay: RelayProcess): number {
  const spaces = join(relay.dataDir, 'spaces');
  if (!existsSync(spaces)) return 0;
  return readdirSync(spaces).reduce(
    (n, s) =>
      n +
      (existsSync(join(spaces, s, 'bundles')) ? readdirSync(join(spaces, s, 'bundles')).length : 0),
    0,
  );
}

function cursorSaved(home: string): boolean {
  const path = join(home, 'sync', 'state.sqlite');
  if (!existsSync(path)) return false;
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return (
      (db.prepare("SELECT count(*) AS n FROM cursors WHERE cursor != ''").get() as { n: number })
        .n > 0
    );
  } catch {
    return false;
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('relay crash in the middle of a sync (end to end)', () => {
  it('completes the upload and the download across a kill -9 and restart, losing and duplicating nothing', async () => {
    let relay = await startRelayProcess({ limits: SLOW });
    const root = tempDir('trail-sync-crash-');
    const laptop = join(root, 'laptop');
    const desktop = join(root, 'desktop');
    await writeSessions(laptop, [makeSession('seed')]);
    const seeded = spawnTrail(laptop, ['sync', '--relay', relay.url]);
    expect(await seeded.exited).toBe(0);
    await pairDevices('', laptop, desktop, 'desktop');

    const sessions = Array.from({ length: 60 }, (_, i) =>
      makeSession(`crash-${i}`, { contentBytes: 8192, noiseBytes: i % 10 === 0 ? 150_000 : 0 }),
    );
    await writeSessions(laptop, sessions);
    const before = bundlesOnDisk(relay);
    const push = spawnTrail(laptop, ['sync', '--json']);
    await until(() => bundlesOnDisk(relay) >= before + 3, 'the upload to be under way');
    await relay.kill('SIGKILL');
    expect(push.proc.exitCode).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    relay = await relay.restart();
    expect(await push.exited).toBe(0);

    const pull = spawnTrail(desktop, ['sync', '--json']);
    await until(() => cursorSaved(desktop), 'the download to be under way');
    await relay.kill('SIGKILL');
    expect(pull.proc.exitCode).toBeNull();
    relay = await relay.restart();
    expect(await pull.exited, pull.stderr()).toBe(0);

    const [a, b] = [await storeSnapshot(laptop), await storeSnapshot(desktop)];
    expect(Object.keys(b.docs)).toHaveLength(62);
    expect(b).toEqual(a);
    expect(indexedSessions(desktop)).toEqual(['seed', ...sessions.map((s) => s.id)].sort());
  });
});
