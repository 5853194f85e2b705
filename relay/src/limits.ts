import type { SessionLimits } from '@trail/protocol';
import { FRAME_OVERHEAD_BYTES, MAX_INVITATION_SEQ, SESSION_LIMIT_FIELDS } from '@trail/protocol';
import { RelayConfigError } from './config-error.js';

/** Every limit the relay enforces. Sizes are bytes, durations milliseconds. */
export interface RelayLimits extends SessionLimits {
  /** Open WebSocket connections, all clients together. */
  readonly maxConnections: number;
  /** Open connections from one IP address. */
  readonly maxConnectionsPerIp: number;
  /** Authenticated connections in one space. */
  readonly maxConnectionsPerSpace: number;
  /** Spaces the relay will register (trust on first use) before refusing new ones. */
  readonly maxSpaces: number;
  /** Time from connect to a completed handshake. */
  readonly handshakeTimeoutMs: number;
  /** How often bundles older than bundleTtlMs are deleted. */
  readonly expiryIntervalMs: number;
  /** Unsent bytes queued to one connection before it is closed as a slow consumer. */
  readonly maxBufferedBytes: number;
  /** Frames of one connection waiting to be processed before new ones get `overloaded`. */
  readonly maxQueuedFrames: number;
  /** Invitation mailboxes that may exist at once. */
  readonly maxInvitations: number;
  /** Bytes all invitation mailboxes together may hold. */
  readonly maxInvitationBytes: number;
  /** Invitation mailboxes one connection is told about live (`inviteMessage`). */
  readonly maxInvitationWatches: number;
  /** New spaces one IP address may register per hour (also the burst). */
  readonly spaceRegistrationsPerIpPerHour: number;
  /** New invitation mailboxes one IP address may open per hour (also the burst). */
  readonly invitationsPerIpPerHour: number;
  /** Bytes of received frames waiting to be processed, all connections together. */
  readonly maxInflightBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const MINUTE = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The defaults, documented in docs/protocol.md. */
export const DEFAULT_LIMITS: RelayLimits = {
  maxFrameBytes: MiB + 64 * KiB,
  maxPayloadBytes: MiB,
  spaceQuotaBytes: 256 * MiB,
  spaceQuotaBundles: 100_000,
  messagesPerSecond: 100,
  messageBurst: 200,
  bytesPerSecond: 4 * MiB,
  bytesBurst: 16 * MiB,
  idleTimeoutMs: MINUTE,
  bundleTtlMs: 30 * 24 * 60 * MINUTE,
  pullMaxBundles: 500,
  invitationTtlMs: 10 * MINUTE,
  invitationMaxMessages: 16,
  invitationMaxMessageBytes: 16 * KiB,
  maxConnections: 10_000,
  maxConnectionsPerIp: 64,
  maxConnectionsPerSpace: 64,
  maxSpaces: 100_000,
  handshakeTimeoutMs: 10_000,
  expiryIntervalMs: 10 * MINUTE,
  maxBufferedBytes: 8 * MiB,
  maxQueuedFrames: 256,
  maxInvitations: 10_000,
  maxInvitationBytes: 64 * MiB,
  maxInvitationWatches: 8,
  spaceRegistrationsPerIpPerHour: 100,
  invitationsPerIpPerHour: 100,
  maxInflightBytes: 256 * MiB,
};

/** Names of all limits, for config files and environment variables. */
export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as (keyof RelayLimits)[];

function require(condition: boolean, message: string): void {
  if (!condition) throw new RelayConfigError(message);
}

/**
 * Fills in defaults and checks that the limits are consistent, so a misconfiguration fails
 * at start-up instead of producing frames peers cannot accept. Throws RelayConfigError.
 */
export function resolveLimits(overrides: Partial<RelayLimits> = {}): RelayLimits {
  for (const key of Object.keys(overrides)) {
    require(key in DEFAULT_LIMITS, `unknown limit "${key}"`);
  }
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const name of LIMIT_NAMES) {
    const value = limits[name];
    require(Number.isSafeInteger(value) && value > 0, `limit ${name} must be a positive integer`);
  }
  const l = limits;
  require(l.maxFrameBytes <= 256 * MiB, 'maxFrameBytes must be at most 256 MiB');
  for (const timer of ['handshakeTimeoutMs', 'idleTimeoutMs', 'expiryIntervalMs'] as const) {
    // Node runs longer timers after 1 ms instead, which would spin.
    require(l[timer] <= MAX_TIMER_MS, `${timer} must be at most ${MAX_TIMER_MS}`);
  }
  require(l.maxFrameBytes >=
    l.maxPayloadBytes +
      FRAME_OVERHEAD_BYTES, `maxFrameBytes must be at least maxPayloadBytes + ${FRAME_OVERHEAD_BYTES}`);
  require(l.maxFrameBytes >=
    l.invitationMaxMessages * (l.invitationMaxMessageBytes + 6) +
      16, 'maxFrameBytes must hold a full invitation mailbox');
  require(l.invitationMaxMessages <=
    MAX_INVITATION_SEQ, `invitationMaxMessages must be at most ${MAX_INVITATION_SEQ}`);
  require(l.bytesBurst >= l.maxFrameBytes, 'bytesBurst must be at least maxFrameBytes');
  require(l.maxBufferedBytes >= l.maxFrameBytes, 'maxBufferedBytes must be at least maxFrameBytes');
  require(l.maxInflightBytes >= l.maxFrameBytes, 'maxInflightBytes must be at least maxFrameBytes');
  require(l.spaceQuotaBytes >=
    l.maxPayloadBytes, 'spaceQuotaBytes must be at least maxPayloadBytes');
  require(l.maxConnectionsPerIp <=
    l.maxConnections, 'maxConnectionsPerIp must not exceed maxConnections');
  return limits;
}

/** The part of the limits announced to clients in `welcome`. */
export function sessionLimits(limits: RelayLimits): SessionLimits {
  return Object.fromEntries(
    SESSION_LIMIT_FIELDS.map((f) => [f, limits[f]]),
  ) as unknown as SessionLimits;
}
