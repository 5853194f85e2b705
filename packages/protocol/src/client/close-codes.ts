import { RelayError } from '../relay-error.js';

/** WebSocket close codes the relay uses (RFC 6455 section 7.4.1). */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
} as const;

/** The error that best explains a close the client did not ask for. */
export function closeError(code: number, reason: string): RelayError {
  const why = reason === '' ? `closed with code ${code}` : `closed with code ${code}: ${reason}`;
  if (code === CLOSE_CODES.messageTooBig) return new RelayError('frame_too_large', why);
  if (code === CLOSE_CODES.goingAway) return new RelayError('shutting_down', why);
  return new RelayError('disconnected', why);
}
