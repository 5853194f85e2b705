import type { RelayId, SessionLimits } from '@trail/protocol';
import type { RelayLimits } from '../limits.js';
import type { Logger } from '../logger.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import type { InvitationBoard } from './invitation-board.js';
import type { KeyedRateLimiter } from './keyed-rate-limiter.js';
import type { SpaceHub } from './space-hub.js';

/** What every connection of one relay shares. */
export interface RelayContext {
  readonly relayId: RelayId;
  readonly limits: RelayLimits;
  /** The limits announced to clients in `welcome`. */
  readonly sessionLimits: SessionLimits;
  readonly store: MailboxStore;
  readonly hub: SpaceHub;
  readonly board: InvitationBoard;
  readonly log: Logger;
  /** Wall clock (ms since the epoch) for timestamps and expiry; injectable for tests. */
  readonly now: () => number;
  /** New spaces per IP address. */
  readonly registrations: KeyedRateLimiter;
  /** New invitation mailboxes per IP address. */
  readonly invitations: KeyedRateLimiter;
  /** Bytes of frames received and not yet processed, across all connections. */
  readonly inflight: { bytes: number };
}
