import type { ErrorCode } from './error-codes.js';

/**
 * An error reported by a relay (an `error` frame, an HTTP refusal, a close code) or by the
 * client helper while talking to one. `code` may be newer than this build's ERROR_CODES.
 */
export class RelayError extends Error {
  override readonly name = 'RelayError';

  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly requestId = 0,
  ) {
    super(message);
  }
}

/** Whether a value is a RelayError, optionally with a given code. */
export function isRelayError(value: unknown, code?: string): value is RelayError {
  return value instanceof RelayError && (code === undefined || value.code === code);
}
