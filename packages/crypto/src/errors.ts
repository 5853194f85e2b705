/** Every code a {@link CryptoError} can carry; stable, so callers and the CLI may branch on them. */
export const CRYPTO_ERROR_CODES = [
  'CRYPTO_NOT_READY',
  'DECRYPT_FAILED',
  'BAD_SIGNATURE',
  'INVALID_KEY',
  'INVALID_ARGUMENT',
  'ENCODING_INVALID',
  'IDENTITY_INVALID',
  'INVITE_MALFORMED',
  'HASHER_FINISHED',
  'KEY_FILE_PERMISSIONS',
  'KEY_FILE_NOT_FOUND',
  'KEY_FILE_INVALID',
] as const;

/** A stable machine-readable crypto error code. */
export type CryptoErrorCode = (typeof CRYPTO_ERROR_CODES)[number];

/** A failure in @trail/crypto: `code` is stable, `message` is for people and never holds key material. */
export class CryptoError extends Error {
  /** Stable code; the CLI maps it to an exit status. */
  readonly code: CryptoErrorCode;
  /** Structured context (a file, a reason, a position); never secrets or payload bytes. */
  readonly data: Readonly<Record<string, string | number>>;

  constructor(
    code: CryptoErrorCode,
    message: string,
    data: Record<string, string | number> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
    this.data = data;
  }
}

/** True when `e` is a {@link CryptoError}, optionally with the given code. */
export function isCryptoError(e: unknown, code?: CryptoErrorCode): e is CryptoError {
  return e instanceof CryptoError && (code === undefined || e.code === code);
}
