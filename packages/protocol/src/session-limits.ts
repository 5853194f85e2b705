/**
 * The limits a relay announces in `welcome`, so well-behaved clients can stay inside them.
 * Sizes are bytes, durations milliseconds, rates per second.
 */
export interface SessionLimits {
  /** Largest WebSocket message either side may send; larger closes with 1009. */
  readonly maxFrameBytes: number;
  /** Largest bundle (`put`) or live message (`forward`) body. */
  readonly maxPayloadBytes: number;
  /** Total bundle bytes a space may hold. */
  readonly spaceQuotaBytes: number;
  /** Number of bundles a space may hold. */
  readonly spaceQuotaBundles: number;
  /** Sustained frames per second per connection (token bucket rate). */
  readonly messagesPerSecond: number;
  /** Frames a connection may send in a burst (token bucket size). */
  readonly messageBurst: number;
  /** Sustained bytes per second per connection. */
  readonly bytesPerSecond: number;
  /** Bytes a connection may send in a burst. */
  readonly bytesBurst: number;
  /** A connection that sends nothing (not even a pong) for this long is dropped. */
  readonly idleTimeoutMs: number;
  /** Bundles older than this are deleted even if nobody pulled them. */
  readonly bundleTtlMs: number;
  /** Most bundles one `pull` returns. */
  readonly pullMaxBundles: number;
  /** How long an invitation mailbox lives after its first message. */
  readonly invitationTtlMs: number;
  /** Most messages one invitation mailbox holds. */
  readonly invitationMaxMessages: number;
  /** Largest message in an invitation mailbox. */
  readonly invitationMaxMessageBytes: number;
}

/** The order in which SessionLimits fields are encoded in `welcome` (frozen per version). */
export const SESSION_LIMIT_FIELDS = [
  'maxFrameBytes',
  'maxPayloadBytes',
  'spaceQuotaBytes',
  'spaceQuotaBundles',
  'messagesPerSecond',
  'messageBurst',
  'bytesPerSecond',
  'bytesBurst',
  'idleTimeoutMs',
  'bundleTtlMs',
  'pullMaxBundles',
  'invitationTtlMs',
  'invitationMaxMessages',
  'invitationMaxMessageBytes',
] as const satisfies readonly (keyof SessionLimits)[];
