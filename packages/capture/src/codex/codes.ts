/**
 * Stable codes of the errors the capture adapters throw (as `TrailError`) and of the
 * file-level problems they report. The CLI maps them to exit statuses and messages.
 */
export const CAPTURE_CODES = {
  /** A source file could not be read (missing, permissions, a directory...). */
  unreadable: 'CAPTURE_UNREADABLE',
  /** A source file exists but holds nothing. */
  empty: 'CAPTURE_EMPTY',
  /** A source file is not in any format the adapter knows. */
  unknownFormat: 'CAPTURE_UNKNOWN_FORMAT',
  /** OpenCode's database is locked or busy (OpenCode is writing to it). */
  opencodeLocked: 'OPENCODE_DB_LOCKED',
  /** OpenCode's database could not be opened or queried. */
  opencodeDb: 'OPENCODE_DB_ERROR',
  /** A hooks file exists but is not valid JSON of the expected shape. */
  hooksFileInvalid: 'CODEX_HOOKS_FILE_INVALID',
  /** git could not be run in the repository given for an aider history. */
  gitFailed: 'AIDER_GIT_FAILED',
} as const;

/** One of {@link CAPTURE_CODES}. */
export type CaptureCode = (typeof CAPTURE_CODES)[keyof typeof CAPTURE_CODES];
