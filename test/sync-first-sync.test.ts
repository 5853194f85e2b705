import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import {
  indexedSessions,
  makeSession,
  pairDevices,
  runTrail,
  spawnTrail,
  startRelayProcess,
  storeSnapshot,
  writeSessions,
} from './sync-support.js';

describe('first sync to a new device (end to end)', () => {
  it('gives a device that joins later every document and blob of 200 sessions', async () => {
    const relay = await startRelayProcess();
    const root = tempDir('trail-sync-first-');
    const laptop = join(root, 'laptop');
    const desktop = join(root, 'desktop');
    const sessions = Array.from({ length: 200 }, (_, i) =>
      makeSession(`first-${String(i).padStart(3, '0')}`, { contentBytes: 4096 }),
    );
    await writeSessions(laptop, sessions);

    const pushed = JSON.parse(runTrail(laptop, ['sync', '--relay', relay.url, '--json']).stdout);
    expect(pushed.pushed.documents).toBe(201);
    await pairDevices('', laptop, desktop, 'desktop');
    // The laptop is offline from here on: nothing of it runs.
    const pulled = JSON.parse(runTrail(desktop, ['sync', '--json']).stdout);
    expect(pulled).toMatchObject({ pulled: { rejected: 0 }, indexed: 200 });

    const [a, b] = [await storeSnapshot(laptop), await storeSnapshot(desktop)];
    expect(Object.keys(b.docs)).toHaveLength(201);
    expect(Object.keys(b.blobs).length).toBeGreaterThan(600);
    expect(b).toEqual(a);
    expect(indexedSessions(desktop)).toEqual(sessions.map((s) => s.id).sort());
    const hit = JSON.parse(runTrail(desktop, ['show', 'first-007', '--full', '--json']).stdout);
    expect(hit.session.events[0].text).toBe(
      sessions[7]!.events[0]!.kind === 'prompt' ? sessions[7]!.events[0]!.text : '',
    );

    const again = JSON.parse(runTrail(desktop, ['sync', '--json']).stdout);
    expect(again.pushed.bundles).toBe(0);
    expect(again.pulled.applied).toBe(0);
  });

  it('refuses to join a store that holds sessions of another space, without spending the code', async () => {
    const relay = await startRelayProcess();
    const root = tempDir('trail-sync-join-');
    const [laptop, busy, fresh] = ['laptop', 'busy', 'fresh'].map((n) => join(root, n)) as [
      string,
      string,
      string,
    ];
    await writeSessions(laptop, [makeSession('laptop-only')]);
    await writeSessions(busy, [makeSession('busy-own')]);
    runTrail(laptop, ['sync', '--relay', relay.url]);
    const add = spawnTrail(laptop, ['devices', 'add', '--json', '--yes']);
    const { code } = JSON.parse(await add.line(/"code"/)) as { code: string };
    const refused = runTrail(busy, ['devices', 'join', code], { allowFail: true });
    expect(refused.status).toBe(14);
    expect(refused.stderr).toContain('another space');
    expect(indexedSessions(busy)).toEqual(['busy-own']);
    runTrail(fresh, ['devices', 'join', code]);
    expect(await add.exited).toBe(0);
    runTrail(fresh, ['sync']);
    expect(indexedSessions(fresh)).toEqual(['laptop-only']);
  });
});
