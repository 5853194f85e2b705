import {
  asBoxPublicKey,
  asCiphertext,
  asPublicKey,
  encodeAssociatedData,
  keyedHash,
  open,
  openFromDevice,
  seal,
  sealToDevice,
  signEnvelope,
  verifyEnvelope,
  type BoxPublicKey,
  type DeviceIdentity,
  type PublicKey,
  type SymmetricKey,
} from '@trail/crypto';
import { ByteReader, MalformedInput } from '../bytes/reader.js';
import { ByteWriter } from '../bytes/writer.js';
import { decodeCert, encodeCert, DEVICE_NAME_MAX, type DeviceCert } from '../keys/device-cert.js';
import { SyncError } from '../errors.js';

/** The joiner's first message: who it is. */
export interface PairRequest {
  readonly deviceId: string;
  readonly signPublicKey: PublicKey;
  readonly boxPublicKey: BoxPublicKey;
  readonly name: string;
}

/** What the inviter hands over: every key and the roster, for the joiner's eyes only. */
export interface PairWelcome {
  /** The stable space secret (document and blob ids derive from it). */
  readonly spaceSecret: Uint8Array;
  readonly currentEpoch: number;
  readonly epochKeys: ReadonlyMap<number, Uint8Array>;
  /** Every member's certificate, the joiner's own (signed by the inviter) included. */
  readonly certs: readonly DeviceCert[];
  /** The relay the space syncs through ('' when the devices sync only on the LAN). */
  readonly relayUrl: string;
}

type Kind = 'request' | 'welcome' | 'done';
const DEVICE_ID = /^[0-9a-hjkmnp-tv-z]{24}$/;

function failed(message: string): never {
  throw new SyncError('SYNC_PAIRING_FAILED', `pairing failed: ${message}`);
}

function ad(mailboxId: string, kind: Kind): Uint8Array {
  return encodeAssociatedData({
    docId: mailboxId,
    sender: kind === 'welcome' ? 'inviter' : 'joiner',
    epoch: 0,
    kind: `trail/pair-${kind}/v1`,
  });
}

/** Seals a signed pairing message under the invitation's pairing key (the relay sees ciphertext). */
export function sealPairing(
  key: SymmetricKey,
  mailboxId: string,
  kind: Kind,
  identity: DeviceIdentity,
  payload: Uint8Array,
): Uint8Array {
  return seal(key, signEnvelope(identity, payload), ad(mailboxId, kind));
}

/** Opens a pairing message; returns the signer's key and the payload, or undefined if it is not one. */
export function openPairing(
  key: SymmetricKey,
  mailboxId: string,
  kind: Kind,
  bytes: Uint8Array,
): { signer: PublicKey; deviceId: string; payload: Uint8Array } | undefined {
  let plain: Uint8Array;
  try {
    plain = open(key, asCiphertext(bytes), ad(mailboxId, kind));
  } catch {
    return undefined;
  }
  try {
    const env = verifyEnvelope(plain);
    return { signer: env.signPublicKey, deviceId: env.deviceId, payload: env.payload };
  } catch {
    return failed('a pairing message carries a bad signature');
  }
}

/** The joiner's request payload. */
export function encodeRequest(r: PairRequest): Uint8Array {
  return new ByteWriter(160)
    .str(r.deviceId)
    .raw(r.signPublicKey)
    .raw(r.boxPublicKey)
    .str(r.name.slice(0, DEVICE_NAME_MAX))
    .finish();
}

/** Parses a request payload; SYNC_PAIRING_FAILED if malformed. */
export function decodeRequest(bytes: Uint8Array): PairRequest {
  try {
    const r = new ByteReader(bytes);
    const out = {
      deviceId: r.str('deviceId', 24, DEVICE_ID),
      signPublicKey: asPublicKey(r.raw(32, 'signPublicKey')),
      boxPublicKey: asBoxPublicKey(r.raw(32, 'boxPublicKey')),
      name: r.str('name', DEVICE_NAME_MAX),
    };
    r.end();
    return out;
  } catch (error) {
    if (error instanceof MalformedInput) failed(`malformed request (${error.message})`);
    throw error;
  }
}

/** The welcome payload: the secrets sealed to the joiner's X25519 key, bound to its device id. */
export function encodeWelcome(w: PairWelcome, joiner: PairRequest): Uint8Array {
  const inner = new ByteWriter(4096).raw(w.spaceSecret).u32(w.currentEpoch).u32(w.epochKeys.size);
  for (const [epoch, key] of w.epochKeys) inner.u32(epoch).raw(key);
  inner.u32(w.certs.length);
  for (const c of w.certs) inner.bytes(encodeCert(c));
  inner.str(w.relayUrl);
  const sealed = sealToDevice(joiner.boxPublicKey, inner.finish());
  return new ByteWriter(4096).str(joiner.deviceId).bytes(sealed).finish();
}

/** Opens a welcome addressed to this device; SYNC_PAIRING_FAILED otherwise. */
export function decodeWelcome(bytes: Uint8Array, identity: DeviceIdentity): PairWelcome {
  try {
    const outer = new ByteReader(bytes);
    const to = outer.str('recipient', 24, DEVICE_ID);
    const sealed = outer.bytes('sealed', 1 << 20);
    outer.end();
    if (to !== identity.deviceId) failed('the welcome was made for another device');
    const r = new ByteReader(openFromDevice(identity, asCiphertext(sealed)));
    const spaceSecret = r.raw(32, 'space secret');
    const currentEpoch = r.u32('current epoch');
    const epochKeys = new Map<number, Uint8Array>();
    for (let n = r.count('epochs', 1024); n > 0; n--)
      epochKeys.set(r.u32('epoch'), r.raw(32, 'epoch key'));
    const certs: DeviceCert[] = [];
    for (let n = r.count('certificates', 1024); n > 0; n--)
      certs.push(decodeCert(r.bytes('certificate', 1024)));
    const relayUrl = r.str('relay URL', 1024);
    r.end();
    if (!epochKeys.has(currentEpoch)) failed('the welcome lacks the current key');
    return { spaceSecret, currentEpoch, epochKeys, certs, relayUrl };
  } catch (error) {
    if (error instanceof MalformedInput) failed(`malformed welcome (${error.message})`);
    if (error instanceof SyncError) throw error;
    return failed('the welcome could not be opened by this device');
  }
}

/** Invitation payload: format, expiry, the inviter's device id (the joiner checks the welcome's
 * signer against it) and the space id (a joiner already in that space keeps its history). */
export function encodeInvitePayload(
  expiresAt: number,
  inviterDeviceId: string,
  spaceId: Uint8Array,
): Uint8Array {
  return new ByteWriter(64).u8(1).u64(expiresAt).str(inviterDeviceId).raw(spaceId).finish();
}

/** Parses an invitation payload; SYNC_INVITE_INVALID if malformed. */
export function decodeInvitePayload(bytes: Uint8Array): {
  expiresAt: number;
  inviter: string;
  spaceId: Uint8Array;
} {
  try {
    const r = new ByteReader(bytes);
    if (r.u8('format') !== 1) throw new MalformedInput('unknown format');
    const out = {
      expiresAt: r.u64('expiresAt'),
      inviter: r.str('inviter', 24, DEVICE_ID),
      spaceId: r.raw(16, 'space id'),
    };
    r.end();
    return out;
  } catch {
    throw new SyncError(
      'SYNC_INVITE_INVALID',
      'this invitation code was made by a newer trail, or is damaged',
    );
  }
}

/** A space's public name: 16 bytes of a keyed hash of its stable secret (reveals nothing of it). */
export function spaceIdOf(spaceSecret: Uint8Array): Uint8Array {
  return keyedHash(spaceSecret, 'trail/space-id/v1', 16);
}
