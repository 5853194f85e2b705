import type { BundleId } from '@trail/protocol';
import { describe, expect, it } from 'vitest';
import { bytes, connect, testRelay, waitFor } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';

const HOUR = 3_600_000;

describe('bundle expiry', () => {
  it('deletes bundles older than the TTL and keeps younger ones', async () => {
    let clock = 1_000 * HOUR;
    const relay = await testRelay({ bundleTtlMs: 24 * HOUR }, { now: () => clock });
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    await laptop.put('old' as BundleId, bytes(4));
    clock += 20 * HOUR;
    await laptop.put('young' as BundleId, bytes(4));
    clock += 5 * HOUR;
    expect(await relay.expireNow()).toBe(1);
    expect((await laptop.pull()).bundles.map((b) => b.bundleId)).toEqual(['young']);
    expect(relay.logs.some((l) => l.event === 'expired' && l.bundles === 1)).toBe(true);
  });

  it('runs expiry periodically on its own', async () => {
    let clock = 1_000 * HOUR;
    const relay = await testRelay(
      { bundleTtlMs: HOUR, expiryIntervalMs: 20 },
      { now: () => clock },
    );
    const laptop = await connect(relay, device(newSpace(), 'laptop'));
    await laptop.put('doomed' as BundleId, bytes(4));
    clock += 2 * HOUR;
    await waitFor(async () => (await laptop.pull()).bundles.length === 0, 'periodic expiry');
  });
});
