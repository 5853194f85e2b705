/** Every code a {@link SyncError} can carry; stable, so the CLI and scripts may branch on them. */
export const SYNC_ERROR_CODES = [
  /** No relay given (`--relay`, `TRAIL_RELAY`) and none remembered. */
  'SYNC_NO_RELAY',
  /** The relay URL is not a ws:// or wss:// URL. */
  'SYNC_BAD_RELAY_URL',
  /** The relay could not be reached, or stopped answering, before the deadline. */
  'SYNC_RELAY_UNREACHABLE',
  /** The relay refused this device for good (authentication, a pinned key, a full relay). */
  'SYNC_RELAY_REFUSED',
  /** The relay's id is not the one this device pinned on first contact. */
  'SYNC_RELAY_CHANGED',
  /** A bundle failed a check and nothing of it was applied (`data.reason` says which). */
  'SYNC_BUNDLE_REJECTED',
  /** This device is not part of a space yet (`trail devices add` or `join` first). */
  'SYNC_NOT_PAIRED',
  /** Another device removed this one from the space. */
  'SYNC_DEVICE_REMOVED',
  /** No device matches the name or id given (or several do). */
  'SYNC_DEVICE_NOT_FOUND',
  /** Joining would mix this store's own history into another space without `--merge`. */
  'SYNC_STORE_NOT_EMPTY',
  /** The invitation code is malformed, expired, or already used. */
  'SYNC_INVITE_INVALID',
  /** Nobody answered the invitation in time. */
  'SYNC_INVITE_TIMEOUT',
  /** A pairing message failed authentication or came from the wrong device. */
  'SYNC_PAIRING_FAILED',
  /** The user declined a confirmation. */
  'SYNC_ABORTED',
  /** Key files or sync state are unreadable or inconsistent. */
  'SYNC_STATE_INVALID',
] as const;

/** A stable sync error code. */
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/** Why a bundle was rejected; `data.reason` of SYNC_BUNDLE_REJECTED. */
export type RejectReason =
  | 'truncated'
  | 'foreign'
  | 'tampered'
  | 'bad-signature'
  | 'malformed'
  | 'replayed'
  | 'misrouted'
  | 'unknown-device'
  | 'removed-device'
  | 'bad-content';

/** A failure in @trail/sync: `code` is stable; `message` is for people and never holds content or keys. */
export class SyncError extends Error {
  /** Stable code; the CLI maps it to an exit status. */
  readonly code: SyncErrorCode;
  /** Structured context (ids, counts, a reason); never content or key material. */
  readonly data: Readonly<Record<string, string | number | boolean>>;

  constructor(
    code: SyncErrorCode,
    message: string,
    data: Record<string, string | number | boolean> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SyncError';
    this.code = code;
    this.data = data;
  }
}

/** True when `e` is a {@link SyncError}, optionally with the given code. */
export function isSyncError(e: unknown, code?: SyncErrorCode): e is SyncError {
  return e instanceof SyncError && (code === undefined || e.code === code);
}

/** A SYNC_BUNDLE_REJECTED error for a reason, with the bundle's opaque id. */
export function rejected(reason: RejectReason, message: string, bundleId = ''): SyncError {
  return new SyncError('SYNC_BUNDLE_REJECTED', `bundle rejected (${reason}): ${message}`, {
    reason,
    bundleId,
  });
}
