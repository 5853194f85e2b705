import {
  createInvitation,
  equalBytes,
  fingerprint,
  invitationKeys,
  type DeviceIdentity,
  type InvitationCode,
} from '@trail/crypto';
import type { WebSocketFactory } from '@trail/protocol';
import { SyncError } from '../errors.js';
import { issueCert, type DeviceCert } from '../keys/device-cert.js';
import type { KeyRing } from '../keys/key-ring.js';
import {
  decodeRequest,
  encodeInvitePayload,
  spaceIdOf,
  encodeWelcome,
  openPairing,
  sealPairing,
  type PairRequest,
} from './messages.js';
import { Rendezvous } from './rendezvous.js';

/** How long an invitation lives. */
export const INVITATION_TTL_MS = 10 * 60_000;

/** What the inviting device hands over, read from it before waiting (so its store is not locked meanwhile). */
export interface InviterState {
  readonly identity: DeviceIdentity;
  readonly spaceSecret: Uint8Array;
  readonly ring: KeyRing;
  readonly certs: readonly DeviceCert[];
  /** Where the two devices meet for pairing. */
  readonly relayUrl: string;
  /** The relay this device syncs with, handed to the new device (none for LAN-only use). */
  readonly remembered?: string;
}

/** A pending invitation: the code to show, and the secret to answer it with. */
export interface PendingInvitation {
  readonly code: InvitationCode;
  readonly expiresAt: number;
  readonly mailboxId: string;
  readonly pairingKey: Uint8Array;
}

/** A one-time invitation to the inviter's space, valid for ten minutes, meeting at `relayUrl`. */
export function createInvite(inviter: InviterState, now = Date.now()): PendingInvitation {
  const expiresAt = now + INVITATION_TTL_MS;
  const invitation = createInvitation({
    relayUrl: inviter.relayUrl,
    payload: encodeInvitePayload(
      expiresAt,
      inviter.identity.deviceId,
      spaceIdOf(inviter.spaceSecret),
    ),
  });
  const { mailboxId, pairingKey } = invitationKeys(invitation.secret);
  return { code: invitation.code, expiresAt, mailboxId, pairingKey };
}

/** The outcome of an answered invitation. */
export interface Invited {
  /** The new device's certificate, to add to the roster. */
  readonly cert: DeviceCert;
  readonly fingerprint: string;
  /** The new device confirmed it installed the keys. */
  readonly confirmed: boolean;
}

/** Options of {@link awaitJoiner}. */
export interface AwaitOptions {
  /** Shown the fingerprint and the new device's name; false aborts without sending any key. */
  readonly confirm: (fingerprint: string, name: string) => Promise<boolean>;
  readonly webSocket?: WebSocketFactory;
}

/**
 * Waits (until the invitation expires) for a device to answer, checks its signed request,
 * lets the user compare fingerprints, then sends the keys: sealed to the new device's X25519
 * key, signed by this device, inside the invitation's AEAD. Deletes the mailbox afterwards,
 * so the code cannot be used twice.
 */
export async function awaitJoiner(
  inviter: InviterState,
  pending: PendingInvitation,
  options: AwaitOptions,
): Promise<Invited> {
  const key = pending.pairingKey as Parameters<typeof sealPairing>[0];
  const rendezvous = await Rendezvous.open(
    inviter.relayUrl,
    pending.mailboxId,
    pending.expiresAt,
    options.webSocket,
  );
  try {
    const request = await rendezvous.next<PairRequest>(
      (bytes) => {
        const opened = openPairing(key, pending.mailboxId, 'request', bytes);
        if (opened === undefined) return undefined;
        const r = decodeRequest(opened.payload);
        return r.deviceId === opened.deviceId && equalBytes(r.signPublicKey, opened.signer)
          ? r
          : undefined;
      },
      pending.expiresAt,
      'device',
    );
    const print = fingerprint(inviter.identity.signPublicKey, request.signPublicKey);
    if (!(await options.confirm(print, request.name)))
      throw new SyncError('SYNC_ABORTED', 'pairing declined; no key was sent');
    const cert = issueCert(inviter.identity, request, request.name, Date.now());
    const welcome = encodeWelcome(
      {
        spaceSecret: inviter.spaceSecret,
        currentEpoch: inviter.ring.current,
        epochKeys: inviter.ring.keys,
        certs: [...inviter.certs, cert],
        relayUrl: inviter.remembered ?? '',
      },
      request,
    );
    const deadline = Math.min(pending.expiresAt, Date.now() + 60_000);
    await rendezvous.put(
      sealPairing(key, pending.mailboxId, 'welcome', inviter.identity, welcome),
      deadline,
    );
    const confirmed = await rendezvous
      .next(
        (bytes) =>
          openPairing(key, pending.mailboxId, 'done', bytes)?.deviceId === request.deviceId
            ? true
            : undefined,
        deadline,
        'confirmation',
      )
      .catch(() => false);
    return { cert, fingerprint: print, confirmed };
  } finally {
    await rendezvous.close(true);
  }
}
