import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  fromHex,
  parseIdentity,
  readKeyFileJson,
  ready,
  serializeIdentity,
  toHex,
  writeKeyFile,
  type DeviceIdentity,
} from '@trail/crypto';
import { TeamError, pickTeam } from './errors.js';

/** What a device holds of one team: every epoch key it received and the member identity. */
export interface TeamKeys {
  readonly teamId: string;
  /** The team's name (as its genesis entry says; local only). */
  readonly name: string;
  /** The relay the team meets at. */
  readonly relayUrl: string;
  readonly current: number;
  /** Epoch → 32-byte key. Older epochs are kept: they hold the team's history. */
  readonly epochs: ReadonlyMap<number, Uint8Array>;
  /** The person's identity in this team, the same on all of their devices. */
  readonly member: DeviceIdentity;
  readonly memberName: string;
  /** Set when this person left or was removed: keys kept for history, nothing new is read. */
  readonly gone?: 'left' | 'removed';
}

const KIND = 'trail/team-keys';

/** Where a store keeps its team key files (0700; each file 0600). */
export function teamKeysDir(home: string): string {
  return join(home, 'keys', 'teams');
}

function fileOf(home: string, teamId: string): string {
  return join(teamKeysDir(home), `${teamId}.key`);
}

/** The JSON form of team keys (also what travels, sealed, through the personal space). */
export function serializeTeamKeys(k: TeamKeys): Record<string, unknown> {
  const epochs: Record<string, string> = {};
  for (const [e, key] of k.epochs) epochs[String(e)] = toHex(key);
  return {
    version: 1,
    kind: KIND,
    teamId: k.teamId,
    name: k.name,
    relayUrl: k.relayUrl,
    current: k.current,
    epochs,
    member: serializeIdentity(k.member),
    memberName: k.memberName,
    ...(k.gone !== undefined ? { gone: k.gone } : {}),
  };
}

/** Parses {@link serializeTeamKeys}; TEAM_STATE_INVALID when it is not team keys. */
export function parseTeamKeys(value: unknown, where: string): TeamKeys {
  const v = value as Record<string, unknown> | null;
  const bad = (why: string): never => {
    throw new TeamError('TEAM_STATE_INVALID', `${where} does not hold team keys (${why})`);
  };
  if (!v || v.kind !== KIND || v.version !== 1) return bad('kind or version');
  if (typeof v.teamId !== 'string' || typeof v.name !== 'string') return bad('team');
  const epochs = new Map<number, Uint8Array>();
  for (const [e, hex] of Object.entries((v.epochs ?? {}) as Record<string, unknown>)) {
    if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex)) return bad('epoch key');
    epochs.set(Number(e), fromHex(hex));
  }
  const current = Number(v.current);
  if (!epochs.has(current)) return bad('no key for the current epoch');
  return {
    teamId: v.teamId,
    name: v.name,
    relayUrl: typeof v.relayUrl === 'string' ? v.relayUrl : '',
    current,
    epochs,
    member: parseIdentity(v.member),
    memberName: typeof v.memberName === 'string' ? v.memberName : '',
    ...(v.gone === 'left' || v.gone === 'removed' ? { gone: v.gone } : {}),
  };
}

/** Writes a team's key file atomically, mode 0600. */
export async function writeTeamKeys(home: string, keys: TeamKeys): Promise<void> {
  await writeKeyFile(fileOf(home, keys.teamId), serializeTeamKeys(keys));
}

/** Reads one team's keys, or undefined when this device holds none. */
export async function readTeamKeys(home: string, teamId: string): Promise<TeamKeys | undefined> {
  await ready();
  const file = fileOf(home, teamId);
  if (!existsSync(file)) return undefined;
  return parseTeamKeys(await readKeyFileJson(file), file);
}

/** Every team this device holds keys for, by name. */
export async function listTeamKeys(home: string): Promise<TeamKeys[]> {
  await ready();
  const dir = teamKeysDir(home);
  if (!existsSync(dir)) return [];
  const out: TeamKeys[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.key')) continue;
    out.push(parseTeamKeys(await readKeyFileJson(join(dir, f)), join(dir, f)));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Deletes a team's key file. */
export function deleteTeamKeys(home: string, teamId: string): void {
  rmSync(fileOf(home, teamId), { force: true });
}

/** The keys with an epoch added (and made current when newer). */
export function withTeamEpoch(keys: TeamKeys, epoch: number, key: Uint8Array): TeamKeys {
  const epochs = new Map(keys.epochs);
  epochs.set(epoch, key);
  return { ...keys, epochs, current: Math.max(keys.current, epoch) };
}

/**
 * Finds a team by name or id prefix (4+ characters) among the teams this device holds;
 * TEAM_NOT_FOUND otherwise.
 */
export async function findTeam(home: string, nameOrId: string): Promise<TeamKeys> {
  return pickTeam(await listTeamKeys(home), nameOrId);
}
