import { createHash } from 'node:crypto';
import {
  deviceIdFromPublicKey,
  fromBase64Url,
  signEnvelope,
  toBase64Url,
  verifyEnvelope,
} from '@trail/crypto';
import { canonicalJson } from './canonical.js';
import type { SummaryPayload } from './summary.js';

/** A person's keys in a team: Ed25519 signs membership entries, X25519 receives epoch keys. */
export interface MemberKeys {
  /** The member id (derived from the signing key, like a device id). */
  readonly id: string;
  readonly name: string;
  /** base64url Ed25519 public key. */
  readonly sign: string;
  /** base64url X25519 public key. */
  readonly box: string;
}

/** The first entry: names the team and its founding admin. The team id is a hash of it. */
export interface GenesisEntry {
  readonly t: 'genesis';
  readonly name: string;
  readonly at: number;
  readonly admin: MemberKeys;
  /** Random, so two teams of the same name and founder differ. */
  readonly nonce: string;
}

/** Common fields of every entry after the genesis. */
interface Base {
  readonly team: string;
  /** Milliseconds since the Unix epoch, by the signer's clock. */
  readonly at: number;
}

/** An admin (or an invitation an admin made) adds a member. */
export interface AddEntry extends Base {
  readonly t: 'add';
  readonly member: MemberKeys;
  readonly role: 'admin' | 'member';
  /** The invitation's public key when the joiner signed with it. */
  readonly invite?: string;
}

/** An admin allows one join, signed by the key derived from the invitation's secret. */
export interface InviteEntry extends Base {
  readonly t: 'invite';
  readonly by: string;
  /** base64url Ed25519 public key derived from the invitation secret. */
  readonly invite: string;
  readonly expires: number;
  readonly role: 'admin' | 'member';
}

/** An admin removes a member and hands the next epoch's key to everyone else. */
export interface RemoveEntry extends Base {
  readonly t: 'remove';
  readonly by: string;
  readonly member: string;
  /** The new epoch. */
  readonly epoch: number;
  /** Member id → the new key sealed (crypto_box_seal) to that member's X25519 key, base64url. */
  readonly keys: Readonly<Record<string, string>>;
}

/** A member leaves on their own. */
export interface LeaveEntry extends Base {
  readonly t: 'leave';
  readonly member: string;
}

/** A member certifies one of their devices (signed with the member key). */
export interface DeviceEntry extends Base {
  readonly t: 'device';
  readonly member: string;
  readonly device: { readonly id: string; readonly sign: string; readonly name: string };
}

/** A shared session summary, signed by the author's device. */
export interface SummaryEntry extends Base {
  readonly t: 'summary';
  readonly author: string;
  readonly session: string;
  /** The key epoch it was written under. */
  readonly epoch: number;
  readonly summary: SummaryPayload;
}

/** The author withdraws a summary. */
export interface WithdrawEntry extends Base {
  readonly t: 'withdraw';
  readonly author: string;
  readonly session: string;
}

/** A teammate's comment on a summary. */
export interface CommentEntry extends Base {
  readonly t: 'comment';
  readonly author: string;
  /** The summary: its author and session. */
  readonly on: { readonly author: string; readonly session: string };
  /** Random, so concurrent comments never collide. */
  readonly id: string;
  readonly text: string;
}

/** A teammate's review status of a summary (the latest per reviewer counts). */
export interface ReviewEntry extends Base {
  readonly t: 'review';
  readonly author: string;
  readonly on: { readonly author: string; readonly session: string };
  readonly status: string;
}

/** Membership entries, signed by member keys (or an invitation key). */
export type MembershipEntry = AddEntry | InviteEntry | RemoveEntry | LeaveEntry | DeviceEntry;
/** Content entries, signed by device keys. */
export type ContentEntry = SummaryEntry | WithdrawEntry | CommentEntry | ReviewEntry;
/** Anything a team document holds. */
export type Entry = GenesisEntry | MembershipEntry | ContentEntry;

/** An entry whose envelope verified: who signed it and what it says. */
export interface SignedEntry {
  /** Key in the team document: a hash of the signed bytes. */
  readonly id: string;
  /** base64url of the signing key. */
  readonly signer: string;
  readonly entry: Entry;
}

/** Why an entry is ignored. */
export type EntryRejection =
  | 'unsigned'
  | 'bad-signature'
  | 'bad-id'
  | 'malformed'
  | 'other-team'
  | 'not-member'
  | 'not-admin'
  | 'wrong-author'
  | 'removed'
  | 'duplicate-genesis';

/** The document key of a signed entry: 32 hex digits of SHA-256 of its bytes. */
export function entryId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** Signs an entry: an Ed25519 envelope over its canonical JSON. */
export function signEntry(
  signer: { signPublicKey: Uint8Array; signSecretKey: Uint8Array },
  entry: Entry,
): { id: string; bytes: Uint8Array } {
  const bytes = signEnvelope(
    signer as Parameters<typeof signEnvelope>[0],
    new TextEncoder().encode(canonicalJson(entry)),
  );
  return { id: entryId(bytes), bytes };
}

const TYPES = new Set([
  'genesis',
  'add',
  'invite',
  'remove',
  'leave',
  'device',
  'summary',
  'withdraw',
  'comment',
  'review',
]);

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isMemberKeys(v: unknown): v is MemberKeys {
  const m = v as Partial<MemberKeys> | null;
  return !!m && isStr(m.id) && isStr(m.name) && isStr(m.sign) && isStr(m.box);
}

function isRef(v: unknown): v is { author: string; session: string } {
  const r = v as { author?: unknown; session?: unknown } | null;
  return !!r && isStr(r.author) && isStr(r.session);
}

/** Whether a parsed value has the shape of its entry type (fields a reader relies on). */
function wellFormed(e: Record<string, unknown>): boolean {
  if (!isStr(e.t) || !TYPES.has(e.t) || !isNum(e.at)) return false;
  if (e.t === 'genesis') return isStr(e.name) && isMemberKeys(e.admin) && isStr(e.nonce);
  if (!isStr(e.team)) return false;
  switch (e.t) {
    case 'add':
      return isMemberKeys(e.member) && (e.role === 'admin' || e.role === 'member');
    case 'invite':
      return isStr(e.by) && isStr(e.invite) && isNum(e.expires);
    case 'remove':
      return isStr(e.by) && isStr(e.member) && isNum(e.epoch) && typeof e.keys === 'object';
    case 'leave':
      return isStr(e.member);
    case 'device': {
      const d = e.device as Record<string, unknown> | null;
      return isStr(e.member) && !!d && isStr(d.id) && isStr(d.sign) && isStr(d.name);
    }
    case 'summary': {
      const s = e.summary as Record<string, unknown> | null;
      return (
        isStr(e.author) &&
        isStr(e.session) &&
        isNum(e.epoch) &&
        !!s &&
        s.schema === 'trail/team-summary' &&
        typeof s.session === 'object' &&
        typeof s.counts === 'object'
      );
    }
    case 'withdraw':
      return isStr(e.author) && isStr(e.session);
    case 'comment':
      return isStr(e.author) && isRef(e.on) && isStr(e.id) && isStr(e.text);
    case 'review':
      return isStr(e.author) && isRef(e.on) && isStr(e.status);
    default:
      return false;
  }
}

/** Opens one value of the team document, or says why it is ignored. */
export function openEntry(
  id: string,
  bytes: unknown,
): { ok: true; signed: SignedEntry } | { ok: false; reason: EntryRejection } {
  if (!(bytes instanceof Uint8Array)) return { ok: false, reason: 'unsigned' };
  if (entryId(bytes) !== id) return { ok: false, reason: 'bad-id' };
  let envelope;
  try {
    envelope = verifyEnvelope(bytes);
  } catch {
    // Plain JSON (no envelope) is "unsigned"; an envelope that fails is "bad-signature".
    return { ok: false, reason: bytes[0] === 0x7b ? 'unsigned' : 'bad-signature' };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(envelope.payload));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof value !== 'object' || value === null || !wellFormed(value as Record<string, unknown>))
    return { ok: false, reason: 'malformed' };
  // A member id is derived from the member's key: checked here, once, when the entry is indexed.
  const e = value as Entry;
  const keys = e.t === 'genesis' ? e.admin : e.t === 'add' ? e.member : undefined;
  if (keys !== undefined && !idMatchesKey(keys)) return { ok: false, reason: 'malformed' };
  return {
    ok: true,
    signed: { id, signer: toBase64Url(envelope.signPublicKey), entry: value as Entry },
  };
}

function idMatchesKey(keys: MemberKeys): boolean {
  try {
    return deviceIdFromPublicKey(fromBase64Url(keys.sign) as never) === keys.id;
  } catch {
    return false;
  }
}

/** A member's public keys as entries carry them. */
export function memberKeysOf(
  identity: { deviceId: string; signPublicKey: Uint8Array; boxPublicKey: Uint8Array },
  name: string,
): MemberKeys {
  return {
    id: identity.deviceId,
    name,
    sign: toBase64Url(identity.signPublicKey),
    box: toBase64Url(identity.boxPublicKey),
  };
}

/** Decodes a base64url public key. */
export function keyBytes(b64: string): Uint8Array {
  return fromBase64Url(b64);
}
