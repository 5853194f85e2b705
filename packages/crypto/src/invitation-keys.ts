import { toBase64Url } from './base64url.js';
import { memzero } from './bytes.js';
import { CryptoError } from './errors.js';
import { deriveSubkey } from './kdf.js';
import { SYMMETRIC_KEY_BYTES } from './sizes.js';
import type { InviteSecret, MailboxId, SymmetricKey } from './types.js';

/** What both devices derive from an invitation's secret; the relay sees neither. */
export interface InvitationKeys {
  /** Opaque base64url id of the pairing mailbox on the relay (43 characters). */
  readonly mailboxId: MailboxId;
  /** XChaCha20-Poly1305 key for sealing every pairing message (use `seal`/`open`). */
  readonly pairingKey: SymmetricKey;
}

/**
 * Derives the pairing mailbox id and pairing key from an invitation secret, as two independent
 * crypto_kdf sub-keys ('invite-mailbox' and 'invite-pairing', id 0): knowing the mailbox id
 * tells the relay nothing about the key.
 */
export function invitationKeys(secret: InviteSecret): InvitationKeys {
  if (!(secret instanceof Uint8Array) || secret.length !== SYMMETRIC_KEY_BYTES) {
    throw new CryptoError('INVALID_KEY', 'an invitation secret must be 32 bytes', {
      what: 'secret',
    });
  }
  const mailbox = deriveSubkey(secret, 'invite-mailbox', 0);
  const mailboxId = toBase64Url(mailbox) as MailboxId;
  memzero(mailbox);
  return { mailboxId, pairingKey: deriveSubkey(secret, 'invite-pairing', 0) };
}
