/** The relay's configuration (options, flags, environment, config file) is invalid. */
export class RelayConfigError extends Error {
  override readonly name = 'RelayConfigError';
  /** Stable code for callers (the CLI maps it to its usage exit code). */
  readonly code = 'invalid_config';

  constructor(
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}
