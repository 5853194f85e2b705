import { hostname, userInfo } from 'node:os';
import {
  asCiphertext,
  asSymmetricKey,
  asBoxPublicKey,
  createInvitation,
  fromBase64Url,
  generateDeviceIdentity,
  generateSpaceKey,
  keyedHash,
  open,
  parseInvitation,
  randomBytes,
  ready,
  relayAuthKeyPair,
  seal,
  sealToDevice,
  toBase64Url,
  toHex,
  fromHex,
  isCryptoError,
} from '@trail/crypto';
import { epochKeys } from '@trail/sync';
import * as Am from '@automerge/automerge';
import { teamIdOf } from './base58.js';
import {
  addAsMember,
  closeTeam,
  membership,
  openTeam,
  openTeamKeys,
  self,
  type OpenTeam,
} from './context.js';
import { memberKeysOf, signEntry, type GenesisEntry } from './entries.js';
import { TeamError } from './errors.js';
import {
  deleteTeamKeys,
  listTeamKeys,
  withTeamEpoch,
  writeTeamKeys,
  type TeamKeys,
} from './keys.js';
import { activeMembers, type Member } from './membership.js';
import { carryTeamKeys } from './personal.js';
import { TeamReplica } from './replica.js';
import { syncOpenTeam, type TeamSyncReport } from './sync-team.js';
import { TeamLinks, emptyStats, pushTeam, putChanges } from './transport.js';
import { changesSince } from './doc.js';

/** How long a team invitation stays valid. */
export const TEAM_INVITE_TTL_MS = 24 * 60 * 60 * 1000;

/** The display name a person gets by default: git's user.name is read by the CLI; else the OS user. */
export function defaultMemberName(): string {
  try {
    return userInfo().username || hostname();
  } catch {
    return hostname();
  }
}

function checkName(name: string, what: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 64 || /[\u0000-\u001f]/.test(n))
    throw new TeamError('TEAM_USAGE', `a ${what} is 1 to 64 printable characters`);
  return n;
}

/** A created team. */
export interface CreatedTeam {
  readonly teamId: string;
  readonly name: string;
  readonly member: { readonly id: string; readonly name: string };
  readonly relayUrl: string;
  readonly sync: TeamSyncReport;
}

/**
 * `team create`: a genesis entry naming the team and this person as its admin (a fresh member
 * identity), epoch 1's key, the team's first upload, and the keys carried to this person's
 * other devices. The team id is a hash of the genesis entry.
 */
export async function createTeam(
  home: string,
  options: { name: string; memberName?: string; relayUrl: string; timeoutMs?: number },
): Promise<CreatedTeam> {
  await ready();
  const name = checkName(options.name, 'team name');
  if ((await listTeamKeys(home)).some((t) => t.name === name && t.gone === undefined))
    throw new TeamError(
      'TEAM_EXISTS',
      `this device is already in a team named ${JSON.stringify(name)}`,
    );
  const memberName = checkName(options.memberName ?? defaultMemberName(), 'member name');
  const member = generateDeviceIdentity();
  const genesis: GenesisEntry = {
    t: 'genesis',
    name,
    at: Date.now(),
    admin: memberKeysOf(member, memberName),
    nonce: toBase64Url(randomBytes(16)),
  };
  const signed = signEntry(member, genesis);
  const teamId = teamIdOf(signed.id);
  const keys: TeamKeys = {
    teamId,
    name,
    relayUrl: options.relayUrl,
    current: 1,
    epochs: new Map([[1, generateSpaceKey()]]),
    member,
    memberName,
  };
  await writeTeamKeys(home, keys);
  const replica = TeamReplica.open(home, teamId);
  replica.add([signed]);
  replica.close();
  await carryTeamKeys(home, keys);
  const t = await openTeamKeys(home, keys);
  try {
    const sync = await syncOpenTeam(
      t,
      options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {},
    );
    return {
      teamId,
      name,
      member: { id: member.deviceId, name: memberName },
      relayUrl: options.relayUrl,
      sync,
    };
  } finally {
    closeTeam(t);
  }
}

/** The invitation's derived keys: one signs the joiner's `add` entry, one seals the key package. */
function inviteKeys(secret: Uint8Array) {
  const signer = relayAuthKeyPair(
    asSymmetricKey(keyedHash(secret, 'trail/team-invite/sign/v1', 32)),
    1,
  );
  const box = epochKeys(0, keyedHash(secret, 'trail/team-invite/box/v1', 32));
  return { signer: { signPublicKey: signer.publicKey, signSecretKey: signer.secretKey }, box };
}

const PACKAGE_AD = new TextEncoder().encode('trail/team-invite-package/v1');

interface InvitePayload {
  readonly k: 'team';
  readonly t: string;
  readonly x: number;
}

/** A team invitation made. */
export interface TeamInvitation {
  readonly code: string;
  readonly team: string;
  readonly teamId: string;
  readonly expiresAt: number;
}

function requireAdmin(t: OpenTeam): Member {
  const me = self(t);
  if (me.role !== 'admin')
    throw new TeamError('TEAM_NOT_ADMIN', `only an admin of ${t.keys.name} can do this`);
  return me;
}

/**
 * `team invite`: a one-time code. An admin-signed `invite` entry allows exactly one join, signed
 * with a key derived from the code's secret, before it expires; the team's epoch keys wait on
 * the relay sealed with another key derived from it, so the admin need not be online when the
 * teammate joins. The joiner deletes the package once read.
 */
export async function inviteMember(
  home: string,
  team: string,
  options: { role?: 'admin' | 'member'; ttlMs?: number; timeoutMs?: number } = {},
): Promise<TeamInvitation> {
  const t = await openTeam(home, team);
  try {
    await syncOpenTeam(t, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    const me = requireAdmin(t);
    const expiresAt = Date.now() + (options.ttlMs ?? TEAM_INVITE_TTL_MS);
    const payload: InvitePayload = { k: 'team', t: t.keys.teamId, x: expiresAt };
    const invitation = createInvitation({
      relayUrl: t.keys.relayUrl,
      payload: new TextEncoder().encode(JSON.stringify(payload)),
    });
    const { signer, box } = inviteKeys(invitation.secret);
    addAsMember(t, [
      {
        t: 'invite',
        team: t.keys.teamId,
        at: Date.now(),
        by: me.id,
        invite: toBase64Url(signer.signPublicKey),
        expires: expiresAt,
        role: options.role ?? 'member',
      },
    ]);
    await syncOpenTeam(t, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    const epochs: Record<string, string> = {};
    for (const [e, k] of t.keys.epochs) epochs[String(e)] = toHex(k);
    const pkg = new TextEncoder().encode(
      JSON.stringify({ teamId: t.keys.teamId, name: t.keys.name, current: t.keys.current, epochs }),
    );
    const links = new TeamLinks({
      url: t.keys.relayUrl,
      device: t.device,
      deadline: Date.now() + (options.timeoutMs ?? 120_000),
    });
    try {
      const link = await links.get(box);
      await link.put(toBase64Url(randomBytes(16)), seal(box.bundleKey, pkg, PACKAGE_AD));
    } finally {
      await links.close();
    }
    return { code: invitation.code, team: t.keys.name, teamId: t.keys.teamId, expiresAt };
  } finally {
    closeTeam(t);
  }
}

/** A team joined. */
export interface JoinedTeam {
  readonly teamId: string;
  readonly name: string;
  readonly member: { readonly id: string; readonly name: string };
  readonly members: number;
  readonly summaries: number;
}

function invalid(message: string): never {
  throw new TeamError('TEAM_INVITE_INVALID', message);
}

/**
 * `team join <code>`: reads the sealed key package the code points to (and deletes it: the code
 * is spent), reads the team's whole history with every epoch key, checks that the genesis entry
 * names the team and that an admin made this invitation, then adds this person with the
 * invitation's key and uploads that.
 */
export async function joinTeam(
  home: string,
  code: string,
  options: { memberName?: string; relayUrl?: string; timeoutMs?: number } = {},
): Promise<JoinedTeam> {
  await ready();
  let invitation;
  try {
    invitation = parseInvitation(code.trim());
  } catch (error) {
    if (isCryptoError(error)) invalid(`this is not a valid invitation code (${error.message})`);
    throw error;
  }
  let payload: InvitePayload;
  try {
    payload = JSON.parse(new TextDecoder().decode(invitation.payload)) as InvitePayload;
  } catch {
    return invalid('this code is not a team invitation (for a device, use trail devices join)');
  }
  if (payload.k !== 'team' || typeof payload.t !== 'string')
    invalid('this code is not a team invitation (for a device, use trail devices join)');
  if (payload.x < Date.now()) invalid('this team invitation has expired: ask for a new one');
  const existing = (await listTeamKeys(home)).find((k) => k.teamId === payload.t);
  if (existing !== undefined && existing.gone === undefined)
    throw new TeamError('TEAM_EXISTS', `this device is already in team ${existing.name}`);
  const relayUrl = options.relayUrl ?? invitation.relayUrl;
  if (relayUrl === undefined) invalid('the invitation names no relay: pass --relay');
  const { signer, box } = inviteKeys(invitation.secret);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const probe = generateDeviceIdentity();
  const links = new TeamLinks({ url: relayUrl, device: probe, deadline });
  let pkg:
    { teamId: string; name: string; current: number; epochs: Record<string, string> } | undefined;
  try {
    const link = await links.get(box);
    const page = await link.pull('');
    for (const b of page.bundles) {
      try {
        const plain = open(box.bundleKey, asCiphertext(b.bytes), PACKAGE_AD);
        pkg = JSON.parse(new TextDecoder().decode(plain)) as typeof pkg;
        if (pkg?.teamId === payload.t) {
          await link.delete([b.bundleId]);
          break;
        }
        pkg = undefined;
      } catch {
        // noise: anyone who learns the mailbox could post there
      }
    }
  } finally {
    await links.close();
  }
  if (pkg === undefined)
    invalid('this team invitation was already used, or the relay no longer has it');
  const memberName = checkName(options.memberName ?? defaultMemberName(), 'member name');
  const member = generateDeviceIdentity();
  const epochs = new Map<number, Uint8Array>();
  for (const [e, hex] of Object.entries(pkg.epochs)) epochs.set(Number(e), fromHex(hex));
  const keys: TeamKeys = {
    teamId: pkg.teamId,
    name: pkg.name,
    relayUrl,
    current: pkg.current,
    epochs,
    member,
    memberName,
  };
  await writeTeamKeys(home, keys);
  const t = await openTeamKeys(home, keys);
  try {
    await syncOpenTeam(t, { timeoutMs: Math.max(1, deadline - Date.now()) });
    const m = membership(t);
    const invitePub = toBase64Url(signer.signPublicKey);
    const terms = m.invites.get(invitePub);
    if (
      m.name === undefined ||
      terms === undefined ||
      terms.usedBy !== undefined ||
      terms.expires < Date.now()
    ) {
      deleteTeamKeys(home, keys.teamId);
      invalid(
        m.name === undefined
          ? 'the team history did not arrive, or its first entry does not match the invitation'
          : 'no admin of this team made this invitation, or it was already used',
      );
    }
    const at = Date.now();
    t.replica.add([
      signEntry(signer, {
        t: 'add',
        team: keys.teamId,
        at,
        member: memberKeysOf(member, memberName),
        role: terms.role,
        invite: invitePub,
      }),
    ]);
    await syncOpenTeam(t, { timeoutMs: Math.max(1, deadline - Date.now()) });
    await carryTeamKeys(home, t.keys);
    const after = membership(t);
    return {
      teamId: keys.teamId,
      name: keys.name,
      member: { id: member.deviceId, name: memberName },
      members: activeMembers(after).length,
      summaries: t.replica.index.rows('summary').length,
    };
  } finally {
    closeTeam(t);
  }
}

/** Finds a member by name or id prefix among the active members. */
export function findMember(all: readonly Member[], who: string): Member {
  const byName = all.filter((m) => m.name === who);
  const hits =
    byName.length > 0 ? byName : who.length >= 4 ? all.filter((m) => m.id.startsWith(who)) : [];
  if (hits.length === 1) return hits[0]!;
  throw new TeamError(
    'TEAM_MEMBER_NOT_FOUND',
    hits.length > 1
      ? `several members match ${JSON.stringify(who)}: use the member id`
      : `no member of this team matches ${JSON.stringify(who)} (trail team members)`,
    { member: who },
  );
}

/** A removal done. */
export interface Removal {
  readonly member: { readonly id: string; readonly name: string };
  readonly epoch: number;
}

/**
 * `team remove`: an admin removes a member and rotates the team key. The new epoch's key is
 * sealed to every remaining member's X25519 key inside the signed `remove` entry, which goes into
 * the old epoch's mailbox (where the others find it); then the whole history is uploaded into
 * the new epoch, which the removed member cannot read.
 */
export async function removeMember(
  home: string,
  team: string,
  who: string,
  options: { timeoutMs?: number } = {},
): Promise<Removal> {
  const t = await openTeam(home, team);
  try {
    await syncOpenTeam(t, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    const me = requireAdmin(t);
    const m = membership(t);
    const target = findMember(activeMembers(m), who);
    if (target.id === me.id)
      throw new TeamError('TEAM_USAGE', 'to leave a team you administer, use trail team leave');
    const epoch = Math.max(...t.keys.epochs.keys()) + 1;
    const key = generateSpaceKey();
    const sealed: Record<string, string> = {};
    for (const x of activeMembers(m))
      if (x.id !== target.id)
        sealed[x.id] = toBase64Url(sealToDevice(asBoxPublicKey(fromBase64Url(x.box)), key));
    addAsMember(t, [
      {
        t: 'remove',
        team: t.keys.teamId,
        at: Date.now(),
        by: me.id,
        member: target.id,
        epoch,
        keys: sealed,
      },
    ]);
    const change = Am.getLastLocalChange(t.replica.doc);
    const old = t.keys.current;
    const links = new TeamLinks({
      url: t.keys.relayUrl,
      device: t.device,
      deadline: Date.now() + (options.timeoutMs ?? 120_000),
    });
    try {
      // The rotation goes up into the old epoch, where the remaining members are listening.
      await pushTeam(t.keys, t.device, t.replica, links, emptyStats());
      const keys = withTeamEpoch(t.keys, epoch, key);
      await writeTeamKeys(home, keys);
      t.keys = keys;
      await carryTeamKeys(home, keys);
      if (change !== undefined)
        t.replica.index.setMeta(
          'repost',
          JSON.stringify({ epoch: old, change: Buffer.from(change).toString('base64') }),
        );
      const all = changesSince(t.replica.doc, []).map((bytes) => ({ bytes }));
      await putChanges(keys, epoch, t.device, links, all, emptyStats());
    } finally {
      await links.close();
    }
    return { member: { id: target.id, name: target.name }, epoch };
  } finally {
    closeTeam(t);
  }
}

/**
 * `team leave`: a signed `leave` entry, uploaded, then this device stops syncing the team (its
 * keys are kept, marked left, so what it had stays readable). An admin's `team remove` is what
 * rotates the key; leaving does not, because the one leaving would learn the new key.
 */
export async function leaveTeam(
  home: string,
  team: string,
  options: { timeoutMs?: number } = {},
): Promise<{ team: string; teamId: string }> {
  const t = await openTeam(home, team);
  try {
    await syncOpenTeam(t, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    const me = self(t);
    const m = membership(t);
    if (
      me.role === 'admin' &&
      activeMembers(m).filter((x) => x.role === 'admin').length === 1 &&
      activeMembers(m).length > 1
    )
      throw new TeamError(
        'TEAM_USAGE',
        'you are the last admin: invite another admin before leaving',
      );
    addAsMember(t, [{ t: 'leave', team: t.keys.teamId, at: Date.now(), member: me.id }]);
    await syncOpenTeam(t, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    const keys: TeamKeys = { ...t.keys, gone: 'left' };
    await writeTeamKeys(home, keys);
    await carryTeamKeys(home, keys);
    return { team: keys.name, teamId: keys.teamId };
  } finally {
    closeTeam(t);
  }
}
