/**
 * The error checkpoints throw. It mirrors `TrailError` (a stable `code`, structured `data`)
 * without importing `@trail/model`, whose diff dependency would slow every hook that
 * takes a snapshot; the CLI maps either by its code.
 */
export class SnapshotError extends Error {
  /** Stable code: GIT_MISSING, GIT_FAILED, CHECKPOINT_LOCKED, CHECKPOINT_REFUSED, CHECKPOINT_NO_TREE. */
  readonly code: string;
  /** Structured context for --json output and logs. */
  readonly data: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SnapshotError';
    this.code = code;
    this.data = data;
  }
}
