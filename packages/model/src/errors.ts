/** An error with a stable machine-readable code; the message is for people. */
export class TrailError extends Error {
  /** Stable code; the CLI maps it to an exit status. */
  readonly code: string;
  /** Structured context (file, line, id...) for --json output and tests. */
  readonly data: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    data: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TrailError';
    this.code = code;
    this.data = data;
  }
}

/** True when `e` is a {@link TrailError}, optionally with the given code. */
export function isTrailError(e: unknown, code?: string): e is TrailError {
  return e instanceof TrailError && (code === undefined || e.code === code);
}
