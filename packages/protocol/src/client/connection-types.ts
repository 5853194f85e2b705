import type {
  AvailableFrame,
  ForwardedFrame,
  InviteMessageFrame,
  PresenceFrame,
  PulledBundle,
  WelcomeFrame,
} from '../frames.js';
import type { Cursor, RelayId } from '../ids.js';
import type { RelayError } from '../relay-error.js';
import type { VersionRange } from '../version.js';
import type { BackoffOptions } from './backoff.js';
import type { SpaceCredentials } from './open-session.js';
import type { WebSocketFactory } from './websocket-like.js';

/** How to reach a relay and who to be there. */
export interface RelayConnectionOptions {
  /** `ws://` or `wss://` URL of the relay. */
  readonly url: string;
  /** The space to open; without it the session is a guest (invitation mailboxes only). */
  readonly space?: SpaceCredentials;
  /** Refuse relays whose challenge names another relay id (pin it after first contact). */
  readonly expectedRelayId?: RelayId;
  /** Per request, including any wait for a reconnection. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Default 15 s. */
  readonly handshakeTimeoutMs?: number;
  /** Reconnection spacing, or false to stay closed after a drop. */
  readonly reconnect?: Partial<BackoffOptions> | false;
  /** Opens sockets; default the global WebSocket. */
  readonly webSocket?: WebSocketFactory;
  /** Protocol versions to offer; default all this build speaks. */
  readonly versions?: VersionRange;
  /** Source of randomness for backoff jitter, in [0, 1). */
  readonly random?: () => number;
}

/** Lifecycle of a RelayConnection. */
export type RelayConnectionState = 'open' | 'reconnecting' | 'closed';

/** Events a RelayConnection emits. */
export interface RelayConnectionEvents extends Record<string, unknown> {
  /** A (re)connection completed its handshake; pull from your cursor now. */
  open: WelcomeFrame;
  state: RelayConnectionState;
  forwarded: ForwardedFrame;
  presence: PresenceFrame;
  available: AvailableFrame;
  inviteMessage: InviteMessageFrame;
  /** The session dropped or failed; reconnection follows unless the state becomes closed. */
  error: RelayError;
}

/** A page of bundles from `pull`. */
export interface PullResult {
  readonly bundles: readonly PulledBundle[];
  /** Pass as `after` to continue. */
  readonly cursor: Cursor;
  readonly more: boolean;
}

/** Options of `pull`. */
export interface PullOptions {
  readonly after?: Cursor;
  readonly limit?: number;
  readonly excludeOwn?: boolean;
}
