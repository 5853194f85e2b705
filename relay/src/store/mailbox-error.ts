/** Codes a MailboxStore may throw with. */
export type MailboxErrorCode = 'bad_cursor' | 'store_corrupt' | 'store_locked' | 'store_closed';

/** A store failure with a stable code; `details` names files and lines, never payloads. */
export class MailboxError extends Error {
  override readonly name = 'MailboxError';

  constructor(
    readonly code: MailboxErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}
