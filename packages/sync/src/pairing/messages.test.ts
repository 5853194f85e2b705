import {
  generateDeviceIdentity,
  invitationKeys,
  randomBytes,
  ready,
  type InviteSecret,
} from '@trail/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCert } from '../keys/device-cert.js';
import {
  decodeInvitePayload,
  decodeRequest,
  decodeWelcome,
  encodeInvitePayload,
  encodeRequest,
  encodeWelcome,
  openPairing,
  sealPairing,
  spaceIdOf,
} from './messages.js';

beforeAll(() => ready());

describe('pairing messages', () => {
  it('carry the keys to the requesting device only, sealed to its X25519 key and signed by the inviter', () => {
    const inviter = generateDeviceIdentity();
    const joiner = generateDeviceIdentity();
    const eavesdropper = generateDeviceIdentity();
    const { mailboxId, pairingKey } = invitationKeys(randomBytes(32) as InviteSecret);
    const request = {
      deviceId: joiner.deviceId,
      signPublicKey: joiner.signPublicKey,
      boxPublicKey: joiner.boxPublicKey,
      name: 'desktop',
    };
    const sealedRequest = sealPairing(
      pairingKey,
      mailboxId,
      'request',
      joiner,
      encodeRequest(request),
    );
    const opened = openPairing(pairingKey, mailboxId, 'request', sealedRequest)!;
    expect(opened.deviceId).toBe(joiner.deviceId);
    expect(decodeRequest(opened.payload)).toEqual(request);
    // A message of one kind never opens as another, nor under another invitation.
    expect(openPairing(pairingKey, mailboxId, 'welcome', sealedRequest)).toBeUndefined();
    expect(
      openPairing(
        invitationKeys(randomBytes(32) as InviteSecret).pairingKey,
        mailboxId,
        'request',
        sealedRequest,
      ),
    ).toBeUndefined();

    const welcome = {
      spaceSecret: randomBytes(32),
      currentEpoch: 2,
      epochKeys: new Map([
        [1, randomBytes(32)],
        [2, randomBytes(32)],
      ]),
      certs: [issueCert(inviter, inviter, 'laptop', 1)],
      relayUrl: 'wss://relay.example',
    };
    const sealedWelcome = sealPairing(
      pairingKey,
      mailboxId,
      'welcome',
      inviter,
      encodeWelcome(welcome, request),
    );
    const w = openPairing(pairingKey, mailboxId, 'welcome', sealedWelcome)!;
    expect(w.deviceId).toBe(inviter.deviceId);
    expect(decodeWelcome(w.payload, joiner)).toEqual(welcome);
    // Someone else who knows the code (and so the pairing key) still cannot read the keys.
    expect(() => decodeWelcome(w.payload, eavesdropper)).toThrow(
      expect.objectContaining({ code: 'SYNC_PAIRING_FAILED' }),
    );
  });

  it('bind the expiry, the inviting device and the space id into the invitation', () => {
    const inviter = generateDeviceIdentity();
    const spaceId = spaceIdOf(randomBytes(32));
    expect(spaceId).toHaveLength(16);
    expect(
      decodeInvitePayload(encodeInvitePayload(1_800_000_000_000, inviter.deviceId, spaceId)),
    ).toEqual({
      expiresAt: 1_800_000_000_000,
      inviter: inviter.deviceId,
      spaceId,
    });
    expect(() => decodeInvitePayload(Uint8Array.of(2, 0))).toThrow(
      expect.objectContaining({ code: 'SYNC_INVITE_INVALID' }),
    );
  });
});
