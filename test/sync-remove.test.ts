import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  asCiphertext,
  isCryptoError,
  openFromDevice,
  parseIdentity,
  readKeyFileJson,
  ready,
} from '@trail/crypto';
import { deviceTag, epochKeys, isSyncError, openBundle, readKeyRing } from '@trail/sync';
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

function bundleFiles(relay: RelayProcess): string[] {
  const spaces = join(relay.dataDir, 'spaces');
  return readdirSync(spaces).flatMap((s) => {
    const dir = join(spaces, s, 'bundles');
    return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
  });
}

describe('removing a device (end to end)', () => {
  it('leaves the removed device unable to decrypt anything written after its removal, while the others keep syncing', async () => {
    await ready();
    const relay = await startRelayProcess();
    const root = tempDir('trail-sync-remove-');
    const [laptop, desktop, phone] = ['laptop', 'desktop', 'phone'].map((n) => join(root, n)) as [
      string,
      string,
      string,
    ];
    await writeSessions(laptop, [makeSession('before-removal')]);
    runTrail(laptop, ['sync', '--relay', relay.url]);
    await pairDevices('', laptop, desktop, 'desktop');
    await pairDevices('', laptop, phone, 'old-phone');
    for (const home of [desktop, phone, laptop]) runTrail(home, ['sync']);
    expect(indexedSessions(phone)).toEqual(['before-removal']);
    const phoneKeys = {
      ring: await readKeyRing(join(phone, 'keys', 'epochs.key')),
      identity: parseIdentity(await readKeyFileJson(join(phone, 'keys', 'device.key'))),
    };
    const deviceIds = (
      JSON.parse(runTrail(laptop, ['devices', 'list', '--json']).stdout) as {
        devices: { deviceId: string }[];
      }
    ).devices.map((d) => d.deviceId);
    const beforeRemoval = new Set(bundleFiles(relay));

    const removed = JSON.parse(
      runTrail(laptop, ['devices', 'remove', 'old-phone', '--yes', '--json']).stdout,
    );
    expect(removed.removed).toMatchObject({ name: 'old-phone', epoch: 2 });
    await writeSessions(laptop, [makeSession('secret-after-1')]);
    runTrail(laptop, ['sync']);
    runTrail(desktop, ['sync']);
    await writeSessions(desktop, [makeSession('secret-after-2')]);
    runTrail(desktop, ['sync']);
    runTrail(laptop, ['sync']);

    // The others go on without re-pairing.
    const everything = ['before-removal', 'secret-after-1', 'secret-after-2'];
    expect(indexedSessions(laptop)).toEqual(everything);
    expect(indexedSessions(desktop)).toEqual(everything);
    expect(await storeSnapshot(desktop)).toEqual(await storeSnapshot(laptop));
    expect(JSON.parse(runTrail(desktop, ['status', '--json']).stdout).status.epoch).toBe(2);

    // The removed device learns it was removed and receives nothing new.
    const phoneSync = runTrail(phone, ['sync'], { allowFail: true });
    expect(phoneSync.status).toBe(13);
    expect(phoneSync.stderr).toContain('removed');
    expect(indexedSessions(phone)).toEqual(['before-removal']);

    // Nor can it decrypt, with every key it holds, any bundle stored after its removal.
    const written = bundleFiles(relay).filter((f) => !beforeRemoval.has(f));
    expect(written.length).toBeGreaterThan(3);
    let readable = 0;
    for (const file of written) {
      const bytes = readFileSync(file);
      for (const [epoch, key] of phoneKeys.ring.keys) {
        const keys = epochKeys(epoch, key);
        for (const id of deviceIds) {
          try {
            openBundle(keys, 'probe', deviceTag(keys, id), bytes);
            throw new Error('unreachable: the probe id never matches');
          } catch (error) {
            if (!isSyncError(error, 'SYNC_BUNDLE_REJECTED')) throw error;
            if (['foreign', 'tampered', 'truncated'].includes(String(error.data.reason))) continue;
            // It opened (only the id differs): it must be the rotation notice, whose new key is
            // sealed to the remaining devices' X25519 keys and not to this one.
            readable++;
            const body = openBundle(
              keys,
              String(error.message.match(/made as bundle (\S+)/)?.[1]),
              deviceTag(keys, id),
              bytes,
            ).body;
            expect(body.entries.map((e) => e.kind)).toEqual(['rotate']);
            for (const entry of body.entries) {
              if (entry.kind !== 'rotate') continue;
              expect(entry.removed).toEqual([phoneKeys.identity.deviceId]);
              for (const k of entry.keys) {
                expect(() => openFromDevice(phoneKeys.identity, asCiphertext(k.sealed))).toThrow(
                  expect.objectContaining({ code: 'DECRYPT_FAILED' }),
                );
              }
            }
            expect(isCryptoError(error)).toBe(false);
          }
        }
      }
    }
    expect(readable).toBe(1);
    const leaked = written.filter((f) => readFileSync(f).includes('secret-after'));
    expect(leaked).toEqual([]);

    // Paired again, it keeps the history it has (same space) and catches up.
    await pairDevices('', laptop, phone, 'phone-again');
    runTrail(phone, ['sync']);
    expect(indexedSessions(phone)).toEqual(everything);
  });
});
