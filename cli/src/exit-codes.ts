/** Documented exit statuses (docs/cli.md). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  ambiguous: 4,
  neverSeen: 5,
  locked: 6,
  unsafe: 7,
  findings: 10,
  /** `trail sync` finished but refused bundles that failed a check (see stderr or --json). */
  rejected: 11,
  /** The relay could not be reached, or refused this device. */
  relay: 12,
  /** This device is not in a sync space, or was removed from it. */
  notPaired: 13,
  /** Pairing failed: a bad, expired or used invitation, no answer, or a store that is not empty. */
  pairing: 14,
  /** Not allowed in this team: not an admin (invite, remove), or no longer a member. */
  team: 15,
} as const;

/** Exit status for a library error code. */
export function exitFor(code: string | undefined): number {
  switch (code) {
    case 'SESSION_NOT_FOUND':
    case 'CHECKPOINT_NOT_FOUND':
    case 'PROMPT_NOT_FOUND':
    case 'CLAUDE_DIR_MISSING':
    case 'SOURCE_MISSING':
      return EXIT.notFound;
    case 'SESSION_AMBIGUOUS':
    case 'CHECKPOINT_AMBIGUOUS':
      return EXIT.ambiguous;
    case 'FILE_NEVER_SEEN':
      return EXIT.neverSeen;
    case 'STORE_LOCKED':
      return EXIT.locked;
    case 'REWIND_UNSAFE':
      return EXIT.unsafe;
    case 'USAGE':
    case 'SYNC_NO_RELAY':
    case 'SYNC_BAD_RELAY_URL':
    case 'REDACT_CONFIG_INVALID':
    case 'REDACT_UNKNOWN_POLICY':
    case 'EXPORT_UNKNOWN_FORMAT':
    case 'PURGE_SECRET_TOO_SHORT':
    case 'PURGE_BAD_PATTERN':
      return EXIT.usage;
    case 'SYNC_DEVICE_NOT_FOUND':
      return EXIT.notFound;
    case 'SYNC_RELAY_UNREACHABLE':
    case 'SYNC_RELAY_REFUSED':
    case 'SYNC_RELAY_CHANGED':
      return EXIT.relay;
    case 'SYNC_NOT_PAIRED':
    case 'SYNC_DEVICE_REMOVED':
      return EXIT.notPaired;
    case 'SYNC_INVITE_INVALID':
    case 'SYNC_INVITE_TIMEOUT':
    case 'SYNC_PAIRING_FAILED':
    case 'SYNC_STORE_NOT_EMPTY':
    case 'TEAM_INVITE_INVALID':
      return EXIT.pairing;
    case 'TEAM_NOT_FOUND':
    case 'TEAM_MEMBER_NOT_FOUND':
    case 'TEAM_SUMMARY_NOT_FOUND':
      return EXIT.notFound;
    case 'TEAM_USAGE':
    case 'TEAM_EXISTS':
      return EXIT.usage;
    case 'TEAM_NOT_ADMIN':
    case 'TEAM_NOT_MEMBER':
      return EXIT.team;
    case 'TEAM_REDACTION_REQUIRED':
      return EXIT.findings;
    default:
      return EXIT.failure;
  }
}
