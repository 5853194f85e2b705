import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import {
  indexedSessions,
  makeSession,
  pairDevices,
  runTrail,
  spawnTrail,
  storeSnapshot,
  writeSessions,
} from './sync-support.js';

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('LAN sync (end to end)', () => {
  it('pairs and syncs two devices directly, with no relay running anywhere', async () => {
    const root = tempDir('trail-sync-lan-');
    const laptop = join(root, 'laptop');
    const desktop = join(root, 'desktop');
    const mine = Array.from({ length: 12 }, (_, i) => makeSession(`lan-laptop-${i}`));
    await writeSessions(laptop, mine);

    const serve = spawnTrail(laptop, [
      'devices',
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--json',
    ]);
    const { port } = (
      JSON.parse(await serve.line(/"listening"/)) as { listening: { port: number } }
    ).listening;
    const peer = `127.0.0.1:${port}`;
    await pairDevices('', laptop, desktop, 'desktop', ['--peer', peer]);

    runTrail(desktop, ['sync', '--peer', peer]);
    expect(indexedSessions(desktop)).toEqual(mine.map((s) => s.id).sort());

    await writeSessions(desktop, [makeSession('lan-desktop-1')]);
    runTrail(desktop, ['annotate', 'lan-laptop-3', '--tag', 'from-desktop']);
    runTrail(desktop, ['sync', '--peer', peer]);
    // The serving device picks the desktop's work up by itself while it serves.
    await until(
      () =>
        indexedSessions(laptop).includes('lan-desktop-1') &&
        indexedSessions(laptop, ['--tag', 'from-desktop']).length === 1,
      'the laptop to receive the desktop session',
    );

    serve.proc.kill('SIGINT');
    expect(await serve.exited).toBe(0);
    expect(await storeSnapshot(desktop)).toEqual(await storeSnapshot(laptop));
    // A LAN peer is not remembered as a relay by either device.
    for (const home of [laptop, desktop])
      expect(
        JSON.parse(runTrail(home, ['status', '--json']).stdout).status.relayUrl,
      ).toBeUndefined();
  });
});
