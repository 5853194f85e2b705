/** Every code a {@link TeamError} can carry; stable, so the CLI and scripts may branch on them. */
export const TEAM_ERROR_CODES = [
  /** No team of this name (or id prefix) on this device. */
  'TEAM_NOT_FOUND',
  /** A team of this name already exists on this device. */
  'TEAM_EXISTS',
  /** No member matches the name or id given, or several do. */
  'TEAM_MEMBER_NOT_FOUND',
  /** Only an admin may do this (invite, remove). */
  'TEAM_NOT_ADMIN',
  /** This device's member is not (or no longer) in the team. */
  'TEAM_NOT_MEMBER',
  /** The invitation code is malformed, expired, already used or not for a team. */
  'TEAM_INVITE_INVALID',
  /** A summary did not come out of the redactor, or the redactor still finds something in it. */
  'TEAM_REDACTION_REQUIRED',
  /** No shared summary matches. */
  'TEAM_SUMMARY_NOT_FOUND',
  /** The team document or key files are unreadable or inconsistent. */
  'TEAM_STATE_INVALID',
  /** A bad argument (an empty name, an unknown review status). */
  'TEAM_USAGE',
] as const;

/** A stable team error code. */
export type TeamErrorCode = (typeof TEAM_ERROR_CODES)[number];

/** A failure in @trail/team: `code` is stable; `message` is for people and holds no key. */
export class TeamError extends Error {
  /** Stable code; the CLI maps it to an exit status. */
  readonly code: TeamErrorCode;
  /** Structured context (ids, counts); never content or key material. */
  readonly data: Readonly<Record<string, string | number | boolean>>;

  constructor(
    code: TeamErrorCode,
    message: string,
    data: Record<string, string | number | boolean> = {},
  ) {
    super(message);
    this.name = 'TeamError';
    this.code = code;
    this.data = data;
  }
}

/** True when `e` is a {@link TeamError}, optionally with the given code. */
export function isTeamError(e: unknown, code?: TeamErrorCode): e is TeamError {
  return e instanceof TeamError && (code === undefined || e.code === code);
}

/**
 * The one team among `teams` that `nameOrId` names: by exact name, else by id prefix (4+
 * characters); TEAM_NOT_FOUND when none or several match.
 */
export function pickTeam<T extends { readonly name: string; readonly teamId: string }>(
  teams: readonly T[],
  nameOrId: string,
): T {
  const byName = teams.filter((t) => t.name === nameOrId);
  if (byName.length === 1) return byName[0]!;
  const byId = nameOrId.length >= 4 ? teams.filter((t) => t.teamId.startsWith(nameOrId)) : [];
  if (byId.length === 1) return byId[0]!;
  throw new TeamError(
    'TEAM_NOT_FOUND',
    byName.length + byId.length > 1
      ? `several teams match ${JSON.stringify(nameOrId)}: use the team id`
      : `this device is in no team named ${JSON.stringify(nameOrId)} (trail team create, or join; after joining on another device of yours, run trail sync)`,
    { team: nameOrId },
  );
}
