import { isRelayError } from '@trail/protocol';
import { SyncError } from '../errors.js';

/** Relay error codes after which the same request may simply be tried again. */
const RETRYABLE = new Set([
  'disconnected',
  'timeout',
  'connection_failed',
  'overloaded',
  'rate_limited',
  'shutting_down',
  'internal_error',
  'too_many_connections',
  'too_many_connections_per_ip',
  'slow_consumer',
  'space_full',
]);

/** Whether an error is a passing relay or network condition. */
export function isTransient(error: unknown): boolean {
  if (isRelayError(error)) return RETRYABLE.has(error.code);
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE';
}

/** The SyncError a relay error becomes when it will not pass. */
export function relayFailure(error: unknown, url: string): SyncError {
  if (error instanceof SyncError) return error;
  if (isRelayError(error)) {
    if (error.code === 'relay_id_mismatch') {
      return new SyncError(
        'SYNC_RELAY_CHANGED',
        `the relay at ${url} is not the one this device synced with before (its id changed); if that is expected, run \`trail sync --relay ${url} --reset-relay\``,
        { url },
        { cause: error },
      );
    }
    if (!isTransient(error)) {
      return new SyncError(
        'SYNC_RELAY_REFUSED',
        `the relay at ${url} refused: ${error.message} (${error.code})`,
        { url, code: error.code },
        { cause: error },
      );
    }
  }
  const why = error instanceof Error ? error.message : String(error);
  return new SyncError(
    'SYNC_RELAY_UNREACHABLE',
    `could not reach the relay at ${url} in time: is it running and reachable? (last error: ${why})`,
    { url },
    { cause: error },
  );
}

/**
 * Runs `fn` until it succeeds, retrying transient relay errors with growing pauses (100 ms to
 * 2 s) until `deadline` (ms since the epoch); then throws SYNC_RELAY_UNREACHABLE. Other errors
 * are thrown at once. Safe for puts and deletes, which the relay makes idempotent.
 */
export async function retrying<T>(url: string, deadline: number, fn: () => Promise<T>): Promise<T> {
  let pause = 100;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isTransient(error) || Date.now() + pause > deadline) throw relayFailure(error, url);
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(2_000, pause * 2);
    }
  }
}
