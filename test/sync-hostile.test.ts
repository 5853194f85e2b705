import * as A from '@automerge/automerge';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  deriveSubkey,
  fromHex,
  generateDeviceIdentity,
  keyedHash,
  parseIdentity,
  readKeyFileJson,
  ready,
  sign,
  toHex,
  asSymmetricKey,
  type DeviceIdentity,
} from '@trail/crypto';
import { RelayConnection, parseBundleId, parseDeviceTag, parseRoutingId } from '@trail/protocol';
import { encodeBlob } from '@trail/store';
import { deviceTag, epochKeys, readKeyRing, sealBundle, type EpochKeys } from '@trail/sync';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { fuzzRelay } from './sync-fuzz.js';
import {
  indexedSessions,
  makeSession,
  pairDevices,
  runTrail,
  runTrailAsync,
  startRelayProcess,
  storeSnapshot,
  writeSessions,
} from './sync-support.js';

/** What an attacker holding the relay's position (or its disk) and a copy of a legit bundle can do. */
async function mailboxAs(url: string, keys: EpochKeys, tag: string): Promise<RelayConnection> {
  return RelayConnection.connect({
    url,
    reconnect: false,
    space: {
      routingId: parseRoutingId(keys.routingId),
      authPublicKey: keys.auth.publicKey,
      deviceTag: parseDeviceTag(tag),
      sign: (m) => sign(keys.auth.secretKey, m),
    },
  });
}

describe('hostile bundles (end to end)', () => {
  it('rejects bit-flipped, truncated, replayed, foreign-key and unknown-device bundles, reports each, and applies nothing of them', async () => {
    await ready();
    const relay = await startRelayProcess();
    const root = tempDir('trail-sync-hostile-');
    const laptop = join(root, 'laptop');
    const desktop = join(root, 'desktop');
    await writeSessions(laptop, [makeSession('honest-1')]);
    runTrail(laptop, ['sync', '--relay', relay.url]);
    await pairDevices('', laptop, desktop, 'desktop');

    // A bundle the laptop could have made, carrying content the desktop must never get.
    const ring = await readKeyRing(join(laptop, 'keys', 'epochs.key'));
    const keys = epochKeys(ring.current, ring.keys.get(ring.current)!);
    const identity = parseIdentity(await readKeyFileJson(join(laptop, 'keys', 'device.key')));
    const spaceKey = fromHex(
      (JSON.parse(readFileSync(join(laptop, 'keys', 'space.key'), 'utf8')) as { key: string }).key,
    );
    const evilText = `EVIL-${randomBytes(8).toString('hex')}`;
    const evilHash = toHex(
      keyedHash(deriveSubkey(asSymmetricKey(spaceKey), 'blob-ids', 1), evilText, 32),
    );
    const evilDoc = A.save(A.from({ evil: evilText }));
    const evilDocId = '2EviLDoc1111111111111111111';
    const body = (by: DeviceIdentity, bundleId: string) => ({
      bundleId,
      epoch: keys.epoch,
      sender: by.deviceId,
      createdAt: Date.now(),
      certs: [],
      entries: [
        {
          kind: 'blob' as const,
          hash: evilHash,
          part: 0,
          parts: 1,
          bytes: encodeBlob(Buffer.from(evilText)),
        },
        {
          kind: 'doc' as const,
          docId: evilDocId,
          heads: [],
          digest: createHash('sha256').update(evilDoc).digest('hex'),
          part: 0,
          parts: 1,
          bytes: evilDoc,
        },
      ],
    });
    const legit = sealBundle(keys, identity, body(identity, 'legit-never-uploaded'));
    const flipped = Uint8Array.from(legit);
    flipped[flipped.length - 40]! ^= 0x01;
    const stranger = generateDeviceIdentity();
    const foreign = epochKeys(keys.epoch, randomBytes(32));
    const asLaptop = await mailboxAs(relay.url, keys, deviceTag(keys, identity.deviceId));
    const asStranger = await mailboxAs(relay.url, keys, deviceTag(keys, stranger.deviceId));
    await asLaptop.put(parseBundleId('bit-flipped'), flipped);
    await asLaptop.put(parseBundleId('cut-short'), legit.subarray(0, 30));
    await asLaptop.put(parseBundleId('cut-tail'), legit.subarray(0, legit.length - 10));
    await asLaptop.put(parseBundleId('replayed-under-new-id'), legit);
    await asLaptop.put(
      parseBundleId('foreign-key'),
      sealBundle(foreign, identity, body(identity, 'foreign-key')),
    );
    await asStranger.put(
      parseBundleId('unknown-device'),
      sealBundle(keys, stranger, body(stranger, 'unknown-device')),
    );
    await Promise.all([asLaptop.close(), asStranger.close()]);
    // Honest work goes on beside the forgeries.
    await writeSessions(laptop, [makeSession('honest-2')]);
    // The laptop meets the stranger's bundle too (the others sit under its own tag, which it skips).
    expect(runTrail(laptop, ['sync'], { allowFail: true }).stderr).toContain(
      'rejected (unknown-device)',
    );

    const result = runTrail(desktop, ['sync', '--json'], { allowFail: true });
    expect(result.status).toBe(11);
    expect(JSON.parse(result.stdout).pulled.rejected).toBe(6);
    for (const reason of ['tampered', 'truncated', 'replayed', 'foreign', 'unknown-device'])
      expect(result.stderr).toContain(`rejected (${reason})`);
    const status = JSON.parse(runTrail(desktop, ['status', '--json']).stdout).status;
    expect(status.rejections.map((r: { reason: string }) => r.reason).sort()).toEqual([
      'foreign',
      'replayed',
      'tampered',
      'tampered',
      'truncated',
      'unknown-device',
    ]);

    expect(indexedSessions(desktop)).toEqual(['honest-1', 'honest-2']);
    const snapshot = await storeSnapshot(desktop);
    expect(snapshot.blobs[evilHash]).toBeUndefined();
    expect(JSON.stringify(snapshot)).not.toContain(evilText);
    expect(runTrail(desktop, ['search', evilText, '--json']).stdout).not.toContain('honest');
    expect(snapshot).toEqual(await storeSnapshot(laptop));
  });

  it('stays up with bounded memory under 100,000 malformed frames while a real sync runs beside them', async () => {
    // Rate limits raised so the fuzzer reaches its count in seconds; the limits themselves are
    // covered by relay/src/limits.test.ts. Everything else is the relay's default configuration.
    const relay = await startRelayProcess({
      limits: { messagesPerSecond: 50_000, messageBurst: 50_000 },
    });
    const root = tempDir('trail-sync-fuzz-');
    const laptop = join(root, 'laptop');
    const desktop = join(root, 'desktop');
    await writeSessions(laptop, [makeSession('before-fuzz')]);
    await runTrailAsync(laptop, ['sync', '--relay', relay.url]);
    await pairDevices('', laptop, desktop, 'desktop');
    const baseline = relay.rss();

    const sessions = Array.from({ length: 40 }, (_, i) => makeSession(`during-fuzz-${i}`));
    await writeSessions(laptop, sessions);
    const fuzz = fuzzRelay(relay.url, {
      frames: 100_000,
      connections: 24,
      sample: () => relay.rss(),
    });
    await runTrailAsync(laptop, ['sync']);
    await runTrailAsync(desktop, ['sync']);
    const stats = await fuzz;
    const peak = Math.max(relay.rss(), stats.peakRss);

    expect(stats.sent).toBeGreaterThanOrEqual(100_000);
    expect(stats.connections).toBeGreaterThan(24);
    const health = await fetch(`http://127.0.0.1:${relay.port}/healthz`);
    expect(health.status).toBe(200);
    expect(peak - baseline).toBeLessThan(200 * 1024 * 1024);
    expect(indexedSessions(desktop)).toEqual(['before-fuzz', ...sessions.map((s) => s.id)].sort());
    expect(await storeSnapshot(desktop)).toEqual(await storeSnapshot(laptop));
  });
});
