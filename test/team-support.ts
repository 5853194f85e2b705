// Shared pieces of the team end-to-end tests: members with their own TRAIL_HOME, the real CLI.
import { join } from 'node:path';
import type { CapturedSession } from '@trail/model';
import { tempDir } from './helpers.js';
import { runTrail, writeSessions } from './sync-support.js';

/** A member: a store home of their own and a display name. */
export interface Member {
  readonly name: string;
  readonly home: string;
}

/** A fresh store home for a member (its parent holds nothing else). */
export function member(name: string): Member {
  return { name, home: join(tempDir(`trail-team-${name}-`), 'home') };
}

/** Runs the CLI with --json and parses stdout. */
export function json<T>(m: Member, args: string[], opts: { allowFail?: boolean } = {}): T {
  const r = runTrail(m.home, [...args, '--json'], opts);
  return JSON.parse(r.stdout) as T;
}

/** `team create` by `admin` at `url`; returns the team id. */
export function createTeam(admin: Member, team: string, url: string): string {
  const r = json<{ team: { id: string } }>(admin, [
    'team',
    'create',
    team,
    '--relay',
    url,
    '--as',
    admin.name,
  ]);
  return r.team.id;
}

/** `team invite` by `admin`, then `team join` by `joiner`. */
export function invite(admin: Member, team: string, joiner: Member): void {
  const { code, version } = json<{ code: string; version: number }>(admin, [
    'team',
    'invite',
    team,
  ]);
  if (version !== 1 || !code.startsWith('TRAIL')) throw new Error(`bad invite output: ${code}`);
  json(joiner, ['team', 'join', code, '--as', joiner.name]);
}

/** Writes sessions into a member's store. */
export async function record(m: Member, sessions: readonly CapturedSession[]): Promise<void> {
  await writeSessions(m.home, sessions);
}

/** A summary as `team log --json` lists it. */
export interface LogItem {
  readonly ref: string;
  readonly session: string;
  readonly author: { id: string; name: string };
  readonly withdrawn: boolean;
  readonly comments: number;
  readonly title: string;
  readonly project: string;
  readonly counts: Record<string, number>;
}

/** `team log --json`. */
export function teamLog(
  m: Member,
  team: string,
  extra: string[] = [],
): { summaries: LogItem[]; ignored: { total: number; byReason: Record<string, number> } } {
  return json(m, ['team', 'log', team, ...extra]);
}

/** `team sync` of one team. */
export function teamSync(m: Member, team: string): void {
  runTrail(m.home, ['team', 'sync', team, '--json']);
}
