import type { BundleId } from '@trail/protocol';
import { isRelayError } from '@trail/protocol';
import { describe, expect, it } from 'vitest';
import { bytes, events, connect, testRelay, waitFor } from './test-support/harness.js';
import { device, newSpace } from './test-support/keys.js';

describe('space isolation', () => {
  it('never shows, forwards or deletes across spaces', async () => {
    const relay = await testRelay();
    const a = await connect(relay, device(newSpace(), 'device'));
    const b = await connect(relay, device(newSpace(), 'device'));
    const forwardsToB = events(b, 'forwarded');
    await b.put('b-secret' as BundleId, bytes(16, 0xbb));
    await a.put('a-bundle' as BundleId, bytes(16, 0xaa));
    expect((await a.pull()).bundles.map((x) => x.bundleId)).toEqual(['a-bundle']);
    expect(await a.delete(['b-secret' as BundleId])).toBe(0);
    a.forward(bytes(4));
    await a.put('a-sync-point' as BundleId, bytes(1));
    expect(forwardsToB).toEqual([]);
    expect((await b.pull()).bundles.map((x) => x.bundleId)).toEqual(['b-secret']);
  });

  it('does not let a client that fills its own space’s quota affect another space', async () => {
    const relay = await testRelay({
      spaceQuotaBytes: 1 << 20,
      spaceQuotaBundles: 5,
      maxPayloadBytes: 1 << 19,
      maxFrameBytes: (1 << 19) + 1024,
    });
    const a = await connect(relay, device(newSpace(), 'flooder'));
    const b = await connect(relay, device(newSpace(), 'victim'));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => a.put(`f${i}` as BundleId, bytes(1000))),
    );
    const refused = results.filter(
      (r) => r.status === 'rejected' && isRelayError(r.reason, 'quota_exceeded'),
    );
    expect(refused).toHaveLength(5);
    for (let i = 0; i < 5; i++) await b.put(`v${i}` as BundleId, bytes(1000));
    expect((await b.pull()).bundles).toHaveLength(5);
  });

  it('keeps a space’s mailbox out of reach of a client holding only its routing id', async () => {
    const relay = await testRelay();
    const victim = newSpace();
    const owner = await connect(relay, device(victim, 'owner'));
    await owner.put('private' as BundleId, bytes(8));
    const error = await connect(relay, device(newSpace(victim.routingId), 'thief')).catch(
      (e: unknown) => e,
    );
    expect(isRelayError(error, 'auth_key_mismatch')).toBe(true);
    await waitFor(() => relay.stats().connections === 1, 'thief disconnected');
    expect((await owner.pull()).bundles).toHaveLength(1);
  });
});
