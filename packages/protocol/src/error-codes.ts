/**
 * Stable error codes. They appear on the wire (in `error` frames), in thrown errors and in
 * the relay's log; their meaning never changes once published. docs/protocol.md explains
 * each one.
 */
export const ERROR_CODES = [
  // Sent by the relay in `error` frames.
  'unsupported_version',
  'malformed_frame',
  'unknown_frame_type',
  'unexpected_frame',
  'handshake_timeout',
  'auth_failed',
  'auth_key_mismatch',
  'relay_full',
  'space_full',
  'space_deleted',
  'rate_limited',
  'overloaded',
  'quota_exceeded',
  'payload_too_large',
  'bad_cursor',
  'invitation_full',
  'rendezvous_full',
  'slow_consumer',
  'shutting_down',
  'internal_error',
  // Signalled below the frame layer (HTTP status or WebSocket close code), mapped by clients.
  'frame_too_large',
  'too_many_connections',
  'too_many_connections_per_ip',
  // Raised locally by this package's encoder and client.
  'invalid_frame',
  'invalid_id',
  'relay_id_mismatch',
  'protocol_violation',
  'connection_failed',
  'disconnected',
  'timeout',
  'closed',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Error codes after which a client must not reconnect with the same credentials. */
export const FATAL_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'unsupported_version',
  'auth_failed',
  'auth_key_mismatch',
  'space_deleted',
  'relay_id_mismatch',
  'malformed_frame',
  'unexpected_frame',
  'protocol_violation',
]);

/** Whether a string is a known error code (peers may send codes newer than this build). */
export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}
