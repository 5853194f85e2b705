// @trail/protocol: the relay wire protocol. Frame types, strict binary codec, version
// negotiation, the authentication message, and a client that signs through a callback.
// No keys and no crypto library live here.

export { authChallengeMessage, AUTH_DOMAIN, type AuthChallengeInput } from './auth-message.js';
export { decodeClientFrame, encodeClientFrame, peekRequestId } from './client-codec.js';
export { decodeRelayFrame, encodeRelayFrame, pulledBundleSize } from './relay-codec.js';
export { ERROR_CODES, FATAL_ERROR_CODES, isErrorCode, type ErrorCode } from './error-codes.js';
export { ProtocolError, isProtocolError } from './protocol-error.js';
export { RelayError, isRelayError } from './relay-error.js';
export type * from './frames.js';
export { FRAME_CODES, RESPONSE_TYPES } from './frames.js';
export {
  ID_LENGTHS,
  START_CURSOR,
  isValidId,
  parseBundleId,
  parseCursor,
  parseDeviceTag,
  parseInvitationId,
  parseRelayId,
  parseRoutingId,
  type Branded,
  type BundleId,
  type Cursor,
  type DeviceTag,
  type IdKind,
  type InvitationId,
  type RelayId,
  type RoutingId,
} from './ids.js';
export { SESSION_LIMIT_FIELDS, type SessionLimits } from './session-limits.js';
export {
  PROTOCOL_VERSION,
  SUPPORTED_VERSIONS,
  describeVersions,
  negotiateVersion,
  type VersionRange,
} from './version.js';
export * from './wire-constants.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './client/backoff.js';
export { CLOSE_CODES, closeError } from './client/close-codes.js';
export type { SpaceCredentials } from './client/open-session.js';
export { RelayConnection } from './client/relay-connection.js';
export type {
  PullOptions,
  PullResult,
  RelayConnectionEvents,
  RelayConnectionOptions,
  RelayConnectionState,
} from './client/connection-types.js';
export {
  globalWebSocketFactory,
  type WebSocketFactory,
  type WebSocketLike,
} from './client/websocket-like.js';
