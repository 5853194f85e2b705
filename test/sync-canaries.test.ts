import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ready } from '@trail/crypto';
import { epochKeys, readKeyRing } from '@trail/sync';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import {
  makeSession,
  pairDevices,
  runTrail,
  runTrailAsync,
  startRelayProcess,
  storeSnapshot,
  writeSessions,
} from './sync-support.js';
import { recordingProxy, websocketPayloads } from './sync-traffic.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const hex = (n: number) => randomBytes(n).toString('hex');

describe('what the relay and the network see (end to end)', () => {
  it('never carries or stores any of 100 canary prompts, paths, secrets or project names in the clear', async () => {
    await ready();
    const canaries = [
      ...Array.from({ length: 40 }, () => `canary-prompt-${hex(8)}`),
      ...Array.from({ length: 20 }, () => `canaryfile${hex(6)}`),
      ...Array.from({ length: 20 }, (_, i) =>
        i % 2 ? `sk-ant-api03-${hex(16)}` : `AKIA${hex(8).toUpperCase()}`,
      ),
      ...Array.from({ length: 10 }, () => `canary-output-${hex(8)}`),
    ];
    const projects = Array.from({ length: 10 }, () => `canaryproj${hex(6)}`);
    const all = [...canaries, ...projects];
    expect(new Set(all).size).toBe(100);
    const sessions = Array.from({ length: 20 }, (_, i) =>
      makeSession(`canary-session-${i}`, {
        canaries: canaries.slice(i * 5, i * 5 + 5),
        cwd: `/home/alice/${projects[i % 10]}`,
      }),
    );

    const relay = await startRelayProcess();
    const proxy = await recordingProxy(relay.port);
    const root = tempDir('trail-sync-canary-');
    const laptop = join(root, 'laptop');
    const desktop = join(root, 'desktop');
    await writeSessions(laptop, sessions);
    await runTrailAsync(laptop, ['sync', '--relay', proxy.url]);
    await pairDevices('', laptop, desktop, 'desktop');
    await runTrailAsync(desktop, ['sync']);
    runTrail(desktop, ['annotate', 'canary-session-3', '--note', canaries[15]!]);
    await runTrailAsync(desktop, ['sync']);
    await runTrailAsync(laptop, ['sync']);
    await proxy.close();
    await relay.kill('SIGTERM');

    // The content did travel: the desktop has every session, canaries included.
    expect(await storeSnapshot(desktop)).toEqual(await storeSnapshot(laptop));
    const shown = runTrail(desktop, ['show', 'canary-session-0', '--full', '--json']).stdout;
    expect(shown).toContain(canaries[0]);

    const wire = proxy.connections.flatMap((c) => [
      Buffer.concat(c.toRelay),
      Buffer.concat(c.toClient),
    ]);
    const payloads = proxy.connections.flatMap((c) => [
      ...websocketPayloads(Buffer.concat(c.toRelay)),
      ...websocketPayloads(Buffer.concat(c.toClient)),
    ]);
    // The capture is real: the space's routing id, sent in the clear in `hello`, is found once unmasked.
    const ring = await readKeyRing(join(laptop, 'keys', 'epochs.key'));
    const routing = epochKeys(ring.current, ring.keys.get(ring.current)!).routingId;
    expect(payloads.some((p) => p.includes(routing))).toBe(true);
    expect(payloads.reduce((n, p) => n + p.length, 0)).toBeGreaterThan(100_000);

    const disk = files(relay.dataDir).map((f) => readFileSync(f));
    const log = Buffer.from(relay.child.stderr());
    expect(log.length).toBeGreaterThan(0);
    const haystacks = [...wire, ...payloads, ...disk, log];
    const leaked = all.filter((c) =>
      haystacks.some((h) => h.includes(c) || h.includes(Buffer.from(c, 'utf16le'))),
    );
    expect(leaked).toEqual([]);
  });
});
