import type { ErrorCode } from './error-codes.js';

/**
 * A frame could not be encoded or decoded, or an identifier is invalid. `code` is stable;
 * `details` holds structured context (never payload bytes).
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

/** Whether a value is a ProtocolError, optionally with a given code. */
export function isProtocolError(value: unknown, code?: ErrorCode): value is ProtocolError {
  return value instanceof ProtocolError && (code === undefined || value.code === code);
}
