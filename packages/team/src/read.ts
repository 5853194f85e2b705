// The read side of teams without Automerge, libsodium, the store or sync: `team log`, `show`,
// `members` and `list` read the key files' public fields and the team's SQLite index only, so
// they start as fast as `trail log` does. A replica whose index is missing goes the full way.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TeamError, pickTeam } from './errors.js';
import { TeamIndex } from './index-db.js';
import {
  findSummary,
  membershipOf,
  teamLog,
  type LogFilter,
  type ShownSummary,
  type TeamLog,
} from './view.js';

/** The public fields of a team key file (no key is read). */
export interface TeamInfo {
  readonly teamId: string;
  readonly name: string;
  readonly relayUrl: string;
  readonly current: number;
  readonly memberId: string;
  readonly memberName: string;
  readonly gone?: 'left' | 'removed';
}

/** The teams this store holds keys for, by name. */
export function listTeams(home: string): TeamInfo[] {
  const dir = join(home, 'keys', 'teams');
  if (!existsSync(dir)) return [];
  const out: TeamInfo[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.key')) continue;
    const v = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
    const member = (v.member ?? {}) as Record<string, unknown>;
    if (v.kind !== 'trail/team-keys' || typeof v.teamId !== 'string') continue;
    const text = (x: unknown) => (typeof x === 'string' ? x : '');
    out.push({
      teamId: v.teamId,
      name: text(v.name),
      relayUrl: text(v.relayUrl),
      current: Number(v.current),
      memberId: text(member.deviceId),
      memberName: text(v.memberName),
      ...(v.gone === 'left' || v.gone === 'removed' ? { gone: v.gone } : {}),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** A team by name or id prefix (4+ characters); TEAM_NOT_FOUND otherwise. */
export function findTeamInfo(home: string, nameOrId: string): TeamInfo {
  return pickTeam(listTeams(home), nameOrId);
}

async function withIndex<T>(
  home: string,
  team: string,
  read: (index: TeamIndex, info: TeamInfo) => T,
): Promise<T> {
  const info = findTeamInfo(home, team);
  const file = join(home, 'teams', info.teamId, 'index.sqlite');
  // A current index is opened read-only: no schema work, no WAL setup, nothing written.
  let index = TeamIndex.openForReading(file);
  if (index === undefined) {
    // Another layout: opening it for writing rebuilds it from the bodies it holds, unless it
    // has none (`fresh`), and then the document is indexed again, like a missing index.
    let fromDocument = !existsSync(file);
    if (!fromDocument) {
      const upgraded = new TeamIndex(file);
      fromDocument = upgraded.fresh;
      upgraded.close();
    }
    if (fromDocument) {
      // Loads Automerge and libsodium, once.
      const { TeamReplica } = await import('./replica.js');
      const { ready } = await import('@trail/crypto');
      await ready();
      const replica = TeamReplica.open(home, info.teamId);
      void replica.doc; // brings the index up to the document
      replica.close();
    }
    index = TeamIndex.openForReading(file) ?? new TeamIndex(file);
  }
  try {
    return read(index, info);
  } finally {
    index.close();
  }
}

/** `team log` from the index. */
export function readTeamLog(home: string, team: string, filter: LogFilter = {}): Promise<TeamLog> {
  return withIndex(home, team, (index, info) => teamLog(index, info.teamId, filter));
}

/** `team show` from the index. */
export function readTeamSummary(home: string, team: string, ref: string): Promise<ShownSummary> {
  return withIndex(home, team, (index, info) => {
    const found = findSummary(index, info.teamId, ref);
    if (found === undefined)
      throw new TeamError(
        'TEAM_SUMMARY_NOT_FOUND',
        `no shared summary in ${info.name} matches ${JSON.stringify(ref)}`,
      );
    if (Array.isArray(found))
      throw new TeamError(
        'TEAM_SUMMARY_NOT_FOUND',
        `${found.length} shared summaries match ${JSON.stringify(ref)}: ${found
          .slice(0, 5)
          .map((x) => x.ref)
          .join(', ')}`,
      );
    return found;
  });
}

/** `team members` from the index: who is in, who was removed or left. */
export function readMembers(home: string, team: string) {
  return withIndex(home, team, (index, info) => {
    const m = membershipOf(index, info.teamId);
    return {
      team: info.name,
      teamId: info.teamId,
      epoch: info.current,
      self: info.memberId,
      members: [...m.members.values()].map((x) => ({
        id: x.id,
        name: x.name,
        role: x.role,
        addedAt: new Date(x.addedAt).toISOString(),
        devices: [...x.devices.values()].map((d) => ({ id: d.id, name: d.name })),
        status: x.left ? 'left' : x.removedAt !== undefined ? 'removed' : 'active',
        ...(x.removedAt !== undefined ? { removedAt: new Date(x.removedAt).toISOString() } : {}),
        self: x.id === info.memberId,
      })),
    };
  });
}

export type { LogFilter, LogItem, TeamLog, ShownSummary, Ignored } from './view.js';
