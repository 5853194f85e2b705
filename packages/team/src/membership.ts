import { teamIdOf } from './base58.js';
import type { EntryRejection, MemberKeys, SignedEntry } from './entries.js';

/** A member as the signed log leaves them. */
export interface Member extends MemberKeys {
  readonly role: 'admin' | 'member';
  readonly addedAt: number;
  /** When an admin removed them, or they left. */
  removedAt?: number;
  /** The epoch whose key they never received (removal only). */
  removedEpoch?: number;
  left?: boolean;
  /** Device signing keys (base64url) this member certified → device id and name. */
  readonly devices: Map<string, { id: string; name: string }>;
}

/** A key rotation recorded in the log. */
export interface Rotation {
  readonly epoch: number;
  readonly removed: string;
  readonly by: string;
  readonly at: number;
  /** Member id → sealed key (base64url). */
  readonly keys: Readonly<Record<string, string>>;
}

/** The team's membership after replaying its signed log from the genesis entry. */
export interface Membership {
  readonly teamId: string;
  /** Undefined until the genesis entry has arrived. */
  readonly name: string | undefined;
  readonly createdAt: number | undefined;
  readonly members: Map<string, Member>;
  readonly rotations: Rotation[];
  /** Invitation public key → its terms and who used it. */
  readonly invites: Map<string, { expires: number; role: 'admin' | 'member'; usedBy?: string }>;
  readonly rejected: { id: string; reason: EntryRejection }[];
  /** Signing key (base64url) → the member who holds it (member key or a certified device). */
  readonly signers: Map<string, Member>;
}

const isActive = (m: Member | undefined): m is Member =>
  m !== undefined && m.removedAt === undefined;

/**
 * Replays membership entries in (time, id) order from the genesis entry, whose id must name the
 * team: only an active admin adds, invites or removes; a joiner may add themself once with an
 * invitation an admin made, before it expires; a member certifies their own devices. Anything
 * else is recorded as rejected and has no effect.
 */
export function replayMembership(teamId: string, entries: readonly SignedEntry[]): Membership {
  const m: Membership = {
    teamId,
    name: undefined,
    createdAt: undefined,
    members: new Map(),
    rotations: [],
    invites: new Map(),
    rejected: [],
    signers: new Map(),
  };
  const reject = (id: string, reason: EntryRejection) => m.rejected.push({ id, reason });
  const geneses = entries.filter((e) => e.entry.t === 'genesis');
  const genesis = geneses.find((g) => teamIdOf(g.id) === teamId);
  for (const g of geneses) if (g !== genesis) reject(g.id, 'duplicate-genesis');
  if (genesis === undefined || genesis.entry.t !== 'genesis') return m;
  // Member ids were checked against their keys when the entries were opened (openEntry).
  if (genesis.signer !== genesis.entry.admin.sign) {
    reject(genesis.id, 'bad-signature');
    return m;
  }
  const admin: Member = {
    ...genesis.entry.admin,
    role: 'admin',
    addedAt: genesis.entry.at,
    devices: new Map(),
  };
  m.members.set(admin.id, admin);
  const out = m as { name: string | undefined; createdAt: number | undefined };
  out.name = genesis.entry.name;
  out.createdAt = genesis.entry.at;
  const adminBySigner = (signer: string) =>
    [...m.members.values()].find((x) => isActive(x) && x.role === 'admin' && x.sign === signer);
  const log = entries
    .filter(
      (e) =>
        e.entry.t !== 'genesis' &&
        ['add', 'invite', 'remove', 'leave', 'device'].includes(e.entry.t),
    )
    .sort((a, b) => a.entry.at - b.entry.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const s of log) {
    const e = s.entry;
    if (e.t === 'genesis' || !('team' in e)) continue;
    if (e.team !== teamId) {
      reject(s.id, 'other-team');
      continue;
    }
    switch (e.t) {
      case 'add': {
        const byAdmin = adminBySigner(s.signer);
        const invite = e.invite !== undefined ? m.invites.get(e.invite) : undefined;
        const byInvite =
          invite !== undefined &&
          s.signer === e.invite &&
          invite.usedBy === undefined &&
          e.at <= invite.expires &&
          e.role === invite.role;
        if (!byAdmin && !byInvite) {
          reject(s.id, e.invite !== undefined ? 'not-member' : 'not-admin');
          break;
        }
        if (m.members.has(e.member.id)) {
          reject(
            s.id,
            m.members.get(e.member.id)!.removedAt !== undefined ? 'removed' : 'malformed',
          );
          break;
        }
        if (byInvite) invite.usedBy = e.member.id;
        m.members.set(e.member.id, {
          ...e.member,
          role: e.role,
          addedAt: e.at,
          devices: new Map(),
        });
        break;
      }
      case 'invite': {
        const by = adminBySigner(s.signer);
        if (by === undefined || by.id !== e.by) reject(s.id, 'not-admin');
        else if (!m.invites.has(e.invite))
          m.invites.set(e.invite, { expires: e.expires, role: e.role });
        break;
      }
      case 'remove': {
        const by = adminBySigner(s.signer);
        const target = m.members.get(e.member);
        if (by === undefined || by.id !== e.by) reject(s.id, 'not-admin');
        else if (!isActive(target)) reject(s.id, 'removed');
        else {
          target.removedAt = e.at;
          target.removedEpoch = e.epoch;
          m.rotations.push({ epoch: e.epoch, removed: e.member, by: e.by, at: e.at, keys: e.keys });
        }
        break;
      }
      case 'leave': {
        const target = m.members.get(e.member);
        if (!isActive(target) || target.sign !== s.signer) reject(s.id, 'not-member');
        else {
          target.removedAt = e.at;
          target.left = true;
        }
        break;
      }
      case 'device': {
        const target = m.members.get(e.member);
        if (!isActive(target) || target.sign !== s.signer) reject(s.id, 'not-member');
        else target.devices.set(e.device.sign, { id: e.device.id, name: e.device.name });
        break;
      }
    }
  }
  for (const member of m.members.values()) {
    m.signers.set(member.sign, member);
    for (const key of member.devices.keys()) if (!m.signers.has(key)) m.signers.set(key, member);
  }
  return m;
}

/** The fields of a content entry that decide whether it counts. */
export interface ContentFacts {
  readonly team: string;
  readonly at: number;
  readonly signer: string;
  readonly author: string;
  /** Summaries: the epoch they were written under. */
  readonly epoch?: number;
}

/**
 * Whether a content entry (summary, withdrawal, comment, review) counts: its signer must be a
 * device its author certified (or the author's member key), and the author must have been a
 * member when it was written (a removed member's later entries, and any summary written under
 * an epoch they never had, are ignored). Returns the reason when it does not.
 */
export function judgeContent(m: Membership, facts: ContentFacts): EntryRejection | undefined {
  if (facts.team !== m.teamId) return 'other-team';
  const member = m.signers.get(facts.signer);
  if (member === undefined) return 'not-member';
  if (member.id !== facts.author) return 'wrong-author';
  if (member.removedAt !== undefined) {
    if (facts.at > member.removedAt) return 'removed';
    if (member.removedEpoch !== undefined && (facts.epoch ?? 0) >= member.removedEpoch)
      return 'removed';
  }
  return undefined;
}

/** Members still in the team. */
export function activeMembers(m: Membership): Member[] {
  return [...m.members.values()].filter((x) => x.removedAt === undefined);
}
