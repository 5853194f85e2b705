import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ready } from '@trail/crypto';
import { decodeBlob } from '@trail/store';
import {
  deviceTag,
  epochKeys,
  isSyncError,
  openBundle,
  readKeyRing,
  type OpenedBundle,
} from '@trail/sync';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import {
  indexedSessions,
  makeSession,
  pairDevices,
  runTrail,
  startRelayProcess,
  storeSnapshot,
  writeSessions,
  type RelayProcess,
} from './sync-support.js';

/** Every bundle on the relay's disk, opened with the space's keys (the test plays the user). */
async function relayBundles(
  relay: RelayProcess,
  keysHome: string,
  deviceIds: string[],
): Promise<OpenedBundle[]> {
  const ring = await readKeyRing(join(keysHome, 'keys', 'epochs.key'));
  const spaces = join(relay.dataDir, 'spaces');
  const files = readdirSync(spaces).flatMap((s) =>
    existsSync(join(spaces, s, 'bundles'))
      ? readdirSync(join(spaces, s, 'bundles')).map((f) => join(spaces, s, 'bundles', f))
      : [],
  );
  const opened: OpenedBundle[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const [epoch, key] of ring.keys) {
      const keys = epochKeys(epoch, key);
      for (const id of deviceIds) {
        try {
          openBundle(keys, 'probe', deviceTag(keys, id), bytes);
        } catch (error) {
          if (!isSyncError(error) || error.data.reason !== 'replayed') continue;
          opened.push(
            openBundle(
              keys,
              /made as bundle (\S+)/.exec(error.message)![1]!,
              deviceTag(keys, id),
              bytes,
            ),
          );
        }
      }
    }
  }
  return opened;
}

describe('purge across devices (end to end)', () => {
  it("removes a purged secret from the other device and deletes the relay's copies of it", async () => {
    await ready();
    const relay = await startRelayProcess();
    const root = tempDir('trail-sync-purge-');
    const laptop = join(root, 'laptop');
    const desktop = join(root, 'desktop');
    const secret = 'sk-ant-api03-PURGEME0123456789abcdefXYZ';
    // In a prompt and a command output (blobs and previews), not in the title: the library
    // document is not rebuilt by purge (docs/redaction.md).
    const leaky = makeSession('leaky');
    const prompt = leaky.events[0]!;
    const output = leaky.events[3]!;
    if (prompt.kind !== 'prompt' || output.kind !== 'tool') throw new Error('unexpected fixture');
    prompt.text += ` my key is ${secret}`;
    output.output += `\nexport ANTHROPIC_API_KEY=${secret}\n`;
    await writeSessions(laptop, [leaky, makeSession('clean')]);
    runTrail(laptop, ['sync', '--relay', relay.url]);
    await pairDevices('', laptop, desktop, 'desktop');
    runTrail(desktop, ['sync']);
    expect(runTrail(desktop, ['show', 'leaky', '--full', '--json']).stdout).toContain(secret);
    const deviceIds = (
      JSON.parse(runTrail(laptop, ['devices', 'list', '--json']).stdout) as {
        devices: { deviceId: string }[];
      }
    ).devices.map((d) => d.deviceId);
    const before = await relayBundles(relay, laptop, deviceIds);
    expect(before.length).toBeGreaterThan(0);

    runTrail(laptop, ['purge', '--secret', '-', '--yes'], { input: secret });
    runTrail(laptop, ['sync']);
    runTrail(desktop, ['sync']);
    runTrail(laptop, ['sync']);

    for (const home of [laptop, desktop]) {
      expect(indexedSessions(home)).toEqual(['clean', 'leaky']);
      expect(runTrail(home, ['show', 'leaky', '--full', '--json']).stdout).not.toContain(secret);
      const snapshot = await storeSnapshot(home);
      expect(JSON.stringify(snapshot.docs)).not.toContain(secret);
      expect(
        Object.values(snapshot.blobs).some((b) =>
          Buffer.from(b, 'base64').toString('utf8').includes(secret),
        ),
      ).toBe(false);
    }
    expect(await storeSnapshot(desktop)).toEqual(await storeSnapshot(laptop));
    // Nor is it left in any document file on disk (the old generation's chunks are deleted).
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    expect(
      files(join(desktop, 'automerge')).filter((f) => readFileSync(f).includes(secret)),
    ).toEqual([]);
    expect(before.length).toBeGreaterThan(0);

    // What stays on the relay, opened with the space's own keys, no longer holds it.
    const after = await relayBundles(relay, laptop, deviceIds);
    const holds = (b: OpenedBundle) =>
      b.body.entries.some(
        (e) =>
          (e.kind === 'blob' && Buffer.from(decodeBlob(e.bytes, e.hash)).includes(secret)) ||
          (e.kind === 'doc' && Buffer.from(e.bytes).includes(secret)),
      );
    expect(before.some(holds)).toBe(true);
    expect(after.filter(holds)).toEqual([]);
  });

  it('moves the other device to the rebuilt library when the secret was in a session title', async () => {
    await ready();
    const relay = await startRelayProcess();
    const root = tempDir('trail-sync-purge-lib-');
    const laptop = join(root, 'laptop');
    const desktop = join(root, 'desktop');
    const secret = 'ghp_TITLEPURGE0123456789abcdefghijklmnop';
    // The fixture plants it in the title, a prompt, a file path and contents, an output.
    await writeSessions(laptop, [
      makeSession('titled', { canaries: [secret] }),
      makeSession('plain'),
    ]);
    runTrail(laptop, ['sync', '--relay', relay.url]);
    await pairDevices('', laptop, desktop, 'desktop');
    runTrail(desktop, ['sync']);
    expect(runTrail(desktop, ['log', '--json']).stdout).toContain(secret);

    runTrail(laptop, ['purge', '--secret', '-', '--yes'], { input: secret });
    runTrail(laptop, ['sync']);
    runTrail(desktop, ['sync']);

    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    for (const home of [laptop, desktop]) {
      const meta = JSON.parse(readFileSync(join(home, 'store.json'), 'utf8')) as {
        libraryGeneration?: number;
      };
      expect(meta.libraryGeneration).toBe(1);
      expect(indexedSessions(home)).toEqual(['plain', 'titled']);
      expect(runTrail(home, ['log', '--json']).stdout).not.toContain(secret);
      expect(
        files(join(home, 'automerge')).filter((f) => readFileSync(f).includes(secret)),
      ).toEqual([]);
    }
    expect(await storeSnapshot(desktop)).toEqual(await storeSnapshot(laptop));
  });
});
