import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSyncError } from '../errors.js';
import { deviceTag, epochKeys } from '../keys/epoch-keys.js';
import { body, testKeys } from '../test-support/keys.js';
import { openBundle, sealBundle } from './seal.js';

const doc = (bytes: Uint8Array) => ({
  kind: 'doc' as const,
  docId: '2DocForTests1111111111',
  heads: [],
  digest: 'ab'.repeat(32),
  part: 0,
  parts: 1,
  bytes,
});

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isSyncError(error, 'SYNC_BUNDLE_REJECTED')) return String(error.data.reason);
    throw error;
  }
  return 'accepted';
}

describe('sealed bundles', () => {
  it('open to exactly the body that was sealed, signed by its sender', async () => {
    const { identity, keys } = await testKeys();
    const sealed = sealBundle(
      keys,
      identity,
      body(keys, identity.deviceId, [doc(Uint8Array.of(1, 2, 3))]),
    );
    const opened = openBundle(keys, 'bundle-1', deviceTag(keys, identity.deviceId), sealed);
    expect(opened.body.entries).toEqual([doc(Uint8Array.of(1, 2, 3))]);
    expect(opened.signer).toEqual(identity.signPublicKey);
  });

  it('reveal no document id or content to whoever holds only the ciphertext', async () => {
    const { identity, keys } = await testKeys();
    const marker = new TextEncoder().encode('plaintext-marker-xyz');
    const sealed = Buffer.from(
      sealBundle(keys, identity, body(keys, identity.deviceId, [doc(marker)])),
    );
    expect(sealed.includes('plaintext-marker-xyz')).toBe(false);
    expect(sealed.includes('2DocForTests')).toBe(false);
    expect(sealed.includes(identity.deviceId)).toBe(false);
  });

  it('are rejected whole when any bit is flipped', async () => {
    const { identity, keys } = await testKeys();
    const sealed = sealBundle(
      keys,
      identity,
      body(keys, identity.deviceId, [doc(new Uint8Array(300).fill(7))]),
    );
    const tag = deviceTag(keys, identity.deviceId);
    fc.assert(
      fc.property(fc.nat(sealed.length * 8 - 1), (bit) => {
        const copy = Uint8Array.from(sealed);
        copy[bit >> 3]! ^= 1 << (bit & 7);
        expect(['tampered', 'foreign']).toContain(
          reason(() => openBundle(keys, 'bundle-1', tag, copy)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('are rejected when truncated or extended', async () => {
    const { identity, keys } = await testKeys();
    const sealed = sealBundle(
      keys,
      identity,
      body(keys, identity.deviceId, [doc(new Uint8Array(100))]),
    );
    const tag = deviceTag(keys, identity.deviceId);
    fc.assert(
      fc.property(fc.nat(sealed.length - 1), (cut) => {
        expect(['tampered', 'truncated']).toContain(
          reason(() => openBundle(keys, 'bundle-1', tag, sealed.subarray(0, cut))),
        );
      }),
      { numRuns: 200 },
    );
    expect(reason(() => openBundle(keys, 'bundle-1', tag, Uint8Array.from([...sealed, 0])))).toBe(
      'tampered',
    );
  });

  it('name the reason: replayed under another id, another key or epoch, another device tag', async () => {
    const { identity, keys } = await testKeys(3);
    const sealed = sealBundle(keys, identity, body(keys, identity.deviceId, []));
    const tag = deviceTag(keys, identity.deviceId);
    expect(reason(() => openBundle(keys, 'another-id', tag, sealed))).toBe('replayed');
    expect(
      reason(() => openBundle(epochKeys(3, new Uint8Array(32).fill(9)), 'bundle-1', tag, sealed)),
    ).toBe('foreign');
    expect(reason(() => openBundle(epochKeys(4, keys.key), 'bundle-1', tag, sealed))).toBe(
      'foreign',
    );
    expect(
      reason(() => openBundle(keys, 'bundle-1', deviceTag(keys, 'other-device'), sealed)),
    ).toBe('tampered');
  });

  it('refuse a body signed by another device than the sender it names', async () => {
    const { identity, keys } = await testKeys();
    const other = (await testKeys()).identity;
    const sealed = sealBundle(keys, identity, body(keys, other.deviceId, []));
    expect(
      reason(() => openBundle(keys, 'bundle-1', deviceTag(keys, identity.deviceId), sealed)),
    ).toBe('bad-signature');
  });
});
