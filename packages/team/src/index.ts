// @trail/team: teams share redacted session summaries in one Automerge document per team,
// merged conflict-free, synced as a space of its own through the same dumb relay. Membership is
// a signed log; every summary is signed by its author's device; only summaries made by the
// redactor can be published. docs/decisions/teams.md explains the design.
export { TeamError, isTeamError, TEAM_ERROR_CODES, type TeamErrorCode } from './errors.js';
export {
  buildSharedSummary,
  isSharedSummary,
  assertClean,
  SHARE_POLICIES,
  SUMMARY_LIMITS,
  type SharedSummary,
  type SharePolicy,
  type SummaryPayload,
} from './summary.js';
export {
  createTeam,
  inviteMember,
  joinTeam,
  removeMember,
  leaveTeam,
  defaultMemberName,
  TEAM_INVITE_TTL_MS,
  type CreatedTeam,
  type TeamInvitation,
  type JoinedTeam,
  type Removal,
} from './membership-ops.js';
export {
  publishSummary,
  withdrawSummary,
  commentOn,
  reviewSummary,
  REVIEW_STATUSES,
  type Published,
  type PublishOptions,
} from './share-ops.js';
export {
  syncOpenTeam,
  syncAllTeams,
  type TeamSyncOptions,
  type TeamSyncReport,
} from './sync-team.js';
export { openTeam, closeTeam, type OpenTeam } from './context.js';
export { TeamLinks } from './transport.js';
export { listTeamKeys, findTeam, type TeamKeys } from './keys.js';
export { adoptCarriedKeys, carryTeamKeys, type Carried } from './personal.js';
export { teamDir, TeamReplica } from './replica.js';
export {
  readTeamLog,
  readTeamSummary,
  readMembers,
  listTeams,
  findTeamInfo,
  type TeamInfo,
} from './read.js';
export type { LogFilter, LogItem, TeamLog, ShownSummary, Ignored } from './view.js';
export type { EntryRejection } from './entries.js';
