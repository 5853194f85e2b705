import { TrailError } from '@trail/model';

/** Every code a {@link RedactError} can carry; stable, so callers and the CLI may branch on them. */
export const REDACT_ERROR_CODES = [
  'REDACT_CONFIG_INVALID',
  'REDACT_UNKNOWN_POLICY',
  'REDACT_ASYNC_RULE',
  'REDACT_RULES_CHANGED',
] as const;

/** A stable machine-readable redaction error code. */
export type RedactErrorCode = (typeof REDACT_ERROR_CODES)[number];

/** One problem in a redaction config: where (`patterns[2].regex`) and what. */
export interface ConfigIssue {
  /** JSON path of the offending value, `` for the whole config. */
  readonly path: string;
  /** What is wrong, for people. */
  readonly message: string;
}

/** A failure in @trail/redact; `message` never contains a secret value. */
export class RedactError extends TrailError {
  /** Stable code; the CLI maps it to an exit status. */
  declare readonly code: RedactErrorCode;
  /** Every problem found, for config errors; empty otherwise. */
  readonly issues: readonly ConfigIssue[];

  constructor(
    code: RedactErrorCode,
    message: string,
    data: Record<string, unknown> = {},
    issues: readonly ConfigIssue[] = [],
  ) {
    super(code, message, { ...data, issues });
    this.name = 'RedactError';
    this.issues = issues;
  }
}

/** True when `e` is a {@link RedactError}, optionally with the given code. */
export function isRedactError(e: unknown, code?: RedactErrorCode): e is RedactError {
  return e instanceof RedactError && (code === undefined || e.code === code);
}
