import { authChallengeMessage } from '../auth-message.js';
import { encodeClientFrame } from '../client-codec.js';
import { FATAL_ERROR_CODES } from '../error-codes.js';
import type { RelayFrame, SpaceHello, WelcomeFrame } from '../frames.js';
import type { RelayId } from '../ids.js';
import { isProtocolError } from '../protocol-error.js';
import { decodeRelayFrame } from '../relay-codec.js';
import { RelayError } from '../relay-error.js';
import type { VersionRange } from '../version.js';
import { SIGNATURE_BYTES } from '../wire-constants.js';
import { CLOSE_CODES, closeError } from './close-codes.js';
import type { WebSocketFactory, WebSocketLike } from './websocket-like.js';

/** A space membership proved by signing: the signing key never enters this package. */
export interface SpaceCredentials extends SpaceHello {
  /**
   * Signs `message` with the space auth secret key (detached Ed25519, 64 bytes). The
   * message is always `authChallengeMessage(...)` for a fresh relay challenge.
   */
  readonly sign: (message: Uint8Array) => Uint8Array | Promise<Uint8Array>;
}

/** What one connection attempt needs. */
export interface OpenSessionOptions {
  readonly url: string;
  readonly space: SpaceCredentials | undefined;
  readonly expectedRelayId: RelayId | undefined;
  readonly versions: VersionRange;
  readonly handshakeTimeoutMs: number;
  readonly webSocket: WebSocketFactory;
  /** Aborting gives up the attempt and closes its socket. */
  readonly signal?: AbortSignal;
}

/** Callbacks for the life of a session after `welcome`. */
export interface SessionHandlers {
  /** A decoded frame from the relay. */
  readonly frame: (frame: RelayFrame) => void;
  /** The socket closed; `error` explains why. Called once. */
  readonly closed: (error: RelayError) => void;
}

/** An authenticated (or guest) session. */
export interface OpenedSession {
  readonly socket: WebSocketLike;
  readonly welcome: WelcomeFrame;
  readonly relayId: RelayId | undefined;
}

function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  return undefined;
}

/**
 * Opens one WebSocket and runs the handshake: hello, then (for a space) challenge, signed
 * auth, welcome. Resolves with the session; rejects with a RelayError (or whatever `sign`
 * threw). After welcome, frames and the close go to `handlers`, synchronously, so nothing
 * that arrives right after welcome is lost.
 */
export function openSession(
  options: OpenSessionOptions,
  handlers: SessionHandlers,
): Promise<OpenedSession> {
  return new Promise<OpenedSession>((resolve, reject) => {
    const socket = options.webSocket(options.url);
    socket.binaryType = 'arraybuffer';
    let phase: 'hello' | 'auth' | 'open' | 'failed' = 'hello';
    let relayId: RelayId | undefined;
    let lastError: RelayError | undefined;

    const timer = setTimeout(() => {
      fail(new RelayError('timeout', `handshake not done in ${options.handshakeTimeoutMs} ms`));
    }, options.handshakeTimeoutMs);

    const onAbort = (): void => fail(new RelayError('closed', 'connection attempt abandoned'));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    function fail(error: unknown): void {
      if (phase === 'open' || phase === 'failed') return;
      phase = 'failed';
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.onmessage = socket.onopen = socket.onerror = socket.onclose = null;
      socket.close(CLOSE_CODES.normal);
      reject(error instanceof Error ? error : new RelayError('connection_failed', String(error)));
    }

    function violation(message: string): RelayError {
      return new RelayError('protocol_violation', message);
    }

    async function answer(frame: Extract<RelayFrame, { type: 'challenge' }>): Promise<void> {
      const space = options.space!;
      if (
        frame.protocolVersion < options.versions.min ||
        frame.protocolVersion > options.versions.max
      ) {
        throw violation(`relay chose protocol version ${frame.protocolVersion}`);
      }
      if (options.expectedRelayId !== undefined && frame.relayId !== options.expectedRelayId) {
        throw new RelayError('relay_id_mismatch', `expected relay ${options.expectedRelayId}`);
      }
      relayId = frame.relayId;
      const message = authChallengeMessage({ ...frame, ...space });
      const signature = await space.sign(message);
      if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_BYTES) {
        throw new RelayError('auth_failed', 'sign() must return a 64-byte signature');
      }
      if (phase !== 'hello') return;
      phase = 'auth';
      socket.send(encodeClientFrame({ type: 'auth', signature }));
    }

    function handshakeFrame(frame: RelayFrame): void {
      if (frame.type === 'error') {
        lastError = new RelayError(frame.code, frame.message);
        return fail(lastError);
      }
      if (phase === 'hello' && options.space !== undefined && frame.type === 'challenge') {
        return void answer(frame).catch(fail);
      }
      const expectWelcome = phase === 'auth' || (phase === 'hello' && options.space === undefined);
      if (!expectWelcome || frame.type !== 'welcome') {
        return fail(violation(`unexpected ${frame.type} during handshake`));
      }
      phase = 'open';
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ socket, welcome: frame, relayId });
    }

    socket.onopen = () => {
      const { versions, space } = options;
      const hello = {
        type: 'hello',
        protocolVersion: versions.max,
        minProtocolVersion: versions.min,
      } as const;
      try {
        const frame =
          space === undefined
            ? hello
            : {
                ...hello,
                space: {
                  routingId: space.routingId,
                  authPublicKey: space.authPublicKey,
                  deviceTag: space.deviceTag,
                },
              };
        socket.send(encodeClientFrame(frame));
      } catch (error) {
        fail(error);
      }
    };

    socket.onmessage = (event) => {
      if (phase === 'failed') return;
      const bytes = toBytes(event.data);
      let frame: RelayFrame;
      try {
        if (bytes === undefined) throw violation('relay sent a non-binary message');
        frame = decodeRelayFrame(bytes);
      } catch (error) {
        // A newer relay may push frame types this build does not know: skip them.
        if (isProtocolError(error, 'unknown_frame_type') && phase === 'open') return;
        const reason = error instanceof RelayError ? error : violation(String(error));
        if (phase !== 'open') return fail(reason);
        lastError = reason;
        return socket.close(CLOSE_CODES.protocolError);
      }
      if (phase !== 'open') return handshakeFrame(frame);
      if (frame.type === 'error' && frame.requestId === 0) {
        lastError = new RelayError(frame.code, frame.message);
      }
      handlers.frame(frame);
    };

    socket.onclose = (event) => {
      if (phase !== 'open') {
        const error = lastError ?? closeError(event.code, event.reason);
        return fail(
          error.code === 'disconnected'
            ? new RelayError('connection_failed', error.message)
            : error,
        );
      }
      phase = 'failed';
      socket.onmessage = socket.onclose = socket.onerror = socket.onopen = null;
      handlers.closed(lastError ?? closeError(event.code, event.reason));
    };

    // An `error` event is always followed by `close`, which does the work.
    socket.onerror = () => {};
  });
}

/** Whether an error means reconnecting with the same credentials is pointless. */
export function isFatal(error: unknown): boolean {
  return !(error instanceof RelayError) || FATAL_ERROR_CODES.has(error.code);
}
