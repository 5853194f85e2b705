import { beforeAll, describe, expect, it } from 'vitest';
import {
  asInviteSecret,
  asPublicKey,
  asSpaceKey,
  deviceIdFromPublicKey,
  encodeInvitation,
  fingerprint,
  generateDeviceIdentity,
  generateSpaceKey,
  invitationKeys,
  kdfContext,
  ready,
  routingId,
  sealBlob,
  signEnvelope,
} from './index.js';

// These values are on disk and on the wire; a change here breaks every existing store,
// relay mailbox and invitation, so it needs a format version bump, not a test update.

beforeAll(async () => {
  await ready();
});

const counting = (start = 0): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => start + i);

describe('pinned formats', () => {
  it('keeps the crypto_kdf contexts of the documented purposes', () => {
    expect(kdfContext('blob-ids')).toBe('WT8qBbbQ');
  });

  it('keeps device ids', () => {
    expect(deviceIdFromPublicKey(asPublicKey(counting()))).toBe('gy49rm71s98nbwm3ccekfayg');
  });

  it('keeps routing ids and invitation mailbox ids', () => {
    expect(routingId(asSpaceKey(counting()), 0)).toBe(
      'hXxPcUPzYPa0_xy4ds_Mkdkkqfe1WUn0kBKiVsjt9z4',
    );
    expect(invitationKeys(asInviteSecret(counting())).mailboxId).toBe(
      'iq8IB1bR1IMk4lcoZfSmvXYboJcHh3bGgb7xWcYm11w',
    );
  });

  it('keeps fingerprints', () => {
    const reversed = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    expect(fingerprint(counting(), reversed)).toBe('18083 56455 30896 55923 68950 58639');
  });

  it('keeps invitation codes', () => {
    const code = encodeInvitation({
      secret: asInviteSecret(counting()),
      relayUrl: 'wss://relay.example',
      payload: Uint8Array.of(1, 2, 3),
    });
    expect(code).toBe(
      'TRAIL040020G30G2GC1R81450P30D1R7H048J2CA1A5GQ30CHM6RW3MF1Y00KEXSQ6EHF5XS6AV31F4Q6AY31DNR6RS800C0G40RFAD684',
    );
  });

  it('lays out envelopes as version, signer key, signature, payload', () => {
    const identity = generateDeviceIdentity();
    const envelope = signEnvelope(identity, Uint8Array.of(9, 8));
    expect(envelope).toHaveLength(1 + 32 + 64 + 2);
    expect(envelope[0]).toBe(1);
    expect(envelope.subarray(1, 33)).toEqual(identity.signPublicKey);
    expect([...envelope.subarray(97)]).toEqual([9, 8]);
  });

  it('lays out sealed blobs as version, header, then 64 KiB records of 17 bytes overhead', () => {
    const key = generateSpaceKey();
    expect(sealBlob(key, new Uint8Array(0))).toHaveLength(1 + 24 + 17);
    expect(sealBlob(key, new Uint8Array(65536))).toHaveLength(1 + 24 + 65536 + 17);
    expect(sealBlob(key, new Uint8Array(65537))).toHaveLength(1 + 24 + 65537 + 2 * 17);
    expect(sealBlob(key, new Uint8Array(1))[0]).toBe(1);
  });
});
