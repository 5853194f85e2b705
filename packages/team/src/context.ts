import { ready, toBase64Url, type DeviceIdentity } from '@trail/crypto';
import { storePaths } from '@trail/store';
import { loadOrCreateDevice, syncPaths } from '@trail/sync';
import { signEntry, type Entry } from './entries.js';
import { TeamError } from './errors.js';
import { findTeam, type TeamKeys } from './keys.js';
import { activeMembers, type Member, type Membership } from './membership.js';
import { TeamReplica } from './replica.js';
import { membershipOf } from './view.js';

/** A team opened on this device: its keys, replica and this device's identity. */
export interface OpenTeam {
  readonly home: string;
  keys: TeamKeys;
  readonly replica: TeamReplica;
  /** This device's identity (the personal sync device key): it signs content. */
  readonly device: DeviceIdentity;
}

/** This device's identity (created on first use, shared with device sync). */
export async function deviceOf(home: string): Promise<DeviceIdentity> {
  await ready();
  return loadOrCreateDevice(syncPaths(storePaths(home)).deviceKey);
}

/** Opens a team by name or id prefix. */
export async function openTeam(home: string, team: string): Promise<OpenTeam> {
  await ready();
  const keys = await findTeam(home, team);
  return { home, keys, replica: TeamReplica.open(home, keys.teamId), device: await deviceOf(home) };
}

/** Opens a team from its keys. */
export async function openTeamKeys(home: string, keys: TeamKeys): Promise<OpenTeam> {
  await ready();
  return { home, keys, replica: TeamReplica.open(home, keys.teamId), device: await deviceOf(home) };
}

/** Closes a team's replica. */
export function closeTeam(t: OpenTeam): void {
  t.replica.close();
}

/** The team's membership now. */
export function membership(t: OpenTeam): Membership {
  return membershipOf(t.replica.index, t.keys.teamId);
}

/** This person's member record; TEAM_NOT_MEMBER when absent or gone. */
export function self(t: OpenTeam, m = membership(t)): Member {
  const me = m.members.get(t.keys.member.deviceId);
  if (me === undefined || me.removedAt !== undefined || t.keys.gone !== undefined) {
    throw new TeamError(
      'TEAM_NOT_MEMBER',
      me?.left || t.keys.gone === 'left'
        ? `you left team ${t.keys.name}`
        : me?.removedAt !== undefined || t.keys.gone === 'removed'
          ? `you were removed from team ${t.keys.name}: you keep what you had, and read nothing shared since`
          : `you are not a member of team ${t.keys.name} yet (run trail team sync ${t.keys.name})`,
      { team: t.keys.teamId },
    );
  }
  return me;
}

/** Signs entries with the member key and adds them to the replica. */
export function addAsMember(t: OpenTeam, entries: readonly Entry[]): string[] {
  const signed = entries.map((e) => signEntry(t.keys.member, e));
  t.replica.add(signed);
  return signed.map((s) => s.id);
}

/** Signs entries with this device's key and adds them to the replica. */
export function addAsDevice(t: OpenTeam, entries: readonly Entry[]): string[] {
  const signed = entries.map((e) => signEntry(t.device, e));
  t.replica.add(signed);
  return signed.map((s) => s.id);
}

/**
 * Certifies this device for the member when the log does not list it yet (a new device of the
 * person, or a device identity renewed by pairing), so its signatures count.
 */
export function ensureDevice(t: OpenTeam, deviceName: string): void {
  const m = membership(t);
  const me = m.members.get(t.keys.member.deviceId);
  if (me === undefined || me.removedAt !== undefined) return;
  const sign = toBase64Url(t.device.signPublicKey);
  if (me.devices.has(sign)) return;
  addAsMember(t, [
    {
      t: 'device',
      team: t.keys.teamId,
      at: Date.now(),
      member: me.id,
      device: { id: t.device.deviceId, sign, name: deviceName.slice(0, 64) },
    },
  ]);
}

/** Members still in the team, admins first. */
export function members(t: OpenTeam): Member[] {
  return activeMembers(membership(t)).sort((a, b) =>
    a.role === b.role ? a.addedAt - b.addedAt : a.role === 'admin' ? -1 : 1,
  );
}
