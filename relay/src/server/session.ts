import type {
  ClientFrame,
  DeviceTag,
  InvitationId,
  RelayFrame,
  RoutingId,
  SpaceHello,
} from '@trail/protocol';
import {
  CLOSE_CODES,
  decodeClientFrame,
  encodeRelayFrame,
  isProtocolError,
  peekRequestId,
} from '@trail/protocol';
import { performance } from 'node:perf_hooks';
import type { RawData, WebSocket } from 'ws';
import type { LogFields } from '../logger.js';
import type { RelayContext } from './context.js';
import type { BoardWatcher } from './invitation-board.js';
import type { HubMember } from './space-hub.js';
import { TokenBucket } from './token-bucket.js';

/** Where a connection is in its life. */
export type SessionState = 'hello' | 'challenged' | 'space' | 'guest' | 'closing';

/** The challenge a connection must answer. */
export interface PendingChallenge {
  readonly nonce: Uint8Array;
  readonly protocolVersion: number;
  readonly hello: SpaceHello;
}

/** Handles one decoded frame of a session (see dispatch.ts). */
export type FrameHandler = (session: Session, frame: ClientFrame) => Promise<void>;

/** Error events logged per connection before further ones are only counted. */
const MAX_LOGGED_ERRORS = 5;

/**
 * One WebSocket connection: rate limits, strictly sequential frame processing, sending with
 * back-pressure, and clean-up that runs exactly once however the socket ends. Every frame
 * is treated as hostile; nothing a peer sends can throw out of here.
 */
export class Session implements HubMember, BoardWatcher {
  state: SessionState = 'hello';
  challenge: PendingChallenge | undefined;
  /** Set once authenticated into a space. */
  space: { readonly routingId: RoutingId; readonly deviceTag: DeviceTag } | undefined;
  /** Whether the hub counts this session (so close knows to leave). */
  joined = false;
  readonly watching = new Set<InvitationId>();
  /** Monotonic time of the last thing received (frame or pong). */
  lastSeen = performance.now();
  readonly #openedAt = performance.now();
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;
  #queue: Promise<void> = Promise.resolve();
  #queued = 0;
  #rejectedInRow = 0;
  #frames = 0;
  #loggedErrors = 0;
  #suppressed = 0;
  #draining = false;
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly ctx: RelayContext,
    readonly ws: WebSocket,
    readonly id: number,
    readonly ip: string,
    readonly handle: FrameHandler,
    readonly onClosed: (session: Session) => void,
  ) {
    const { limits } = ctx;
    this.#messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, this.lastSeen);
    this.#bytes = new TokenBucket(limits.bytesPerSecond, limits.bytesBurst, this.lastSeen);
  }

  /** The space's routing id (authenticated sessions only). */
  get routingId(): RoutingId {
    return this.space!.routingId;
  }

  /** The device tag claimed in hello (authenticated sessions only). */
  get deviceTag(): DeviceTag {
    return this.space!.deviceTag;
  }

  /** Attaches socket listeners and starts the handshake clock. */
  start(): void {
    this.ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    // Control frames cost a reply (pings) or at least parsing: they count like any frame.
    this.ws.on('ping', () => this.#onControl());
    this.ws.on('pong', () => this.#onControl());
    this.ws.on('error', (error: Error & { code?: string }) => this.#onSocketError(error));
    this.ws.once('close', (code) => this.#onClose(code));
    this.#handshakeTimer = setTimeout(() => {
      this.ctx.log.info('limit', { conn: this.id, limit: 'handshake_timeout' });
      this.fail(
        'handshake_timeout',
        'handshake not completed in time',
        CLOSE_CODES.policyViolation,
      );
    }, this.ctx.limits.handshakeTimeoutMs);
    this.ctx.log.info('connect', { conn: this.id, ip: this.ip });
  }

  /** The handshake is done: stop its clock. */
  opened(): void {
    clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
  }

  /** Sends a response; a peer that stopped reading is closed rather than buffered forever. */
  send(frame: RelayFrame): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.ctx.limits.maxBufferedBytes) {
      // It is not reading, so a close frame queued behind the backlog would never arrive.
      return this.terminate('slow_consumer');
    }
    this.ws.send(encodeRelayFrame(frame));
  }

  /** Sends a live frame if the peer keeps up; drops it otherwise (live data is best effort). */
  push(frame: Uint8Array): boolean {
    if (this.state === 'closing' || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount + frame.length > this.ctx.limits.maxBufferedBytes / 2) return false;
    this.ws.send(frame);
    return true;
  }

  /** Sends an error frame; the connection stays open. */
  sendError(requestId: number, code: string, message: string): void {
    this.send({ type: 'error', requestId, code, message });
  }

  /** Sends an error frame and closes the connection. */
  fail(code: string, message: string, closeCode: number, requestId = 0): void {
    if (this.state === 'closing') return;
    this.sendError(requestId, code, message);
    this.end(closeCode, code);
  }

  /** Closes without an error frame. */
  end(closeCode: number, reason: string): void {
    this.state = 'closing';
    this.opened();
    this.ws.close(closeCode, reason);
  }

  /** Hub: the space was deleted under this connection. */
  kick(code: string, message: string): void {
    this.fail(code, message, CLOSE_CODES.policyViolation);
  }

  /** Ends a dead peer at once (no close handshake). */
  terminate(reason: string): void {
    this.ctx.log.info('limit', { conn: this.id, limit: reason });
    this.state = 'closing';
    this.ws.terminate();
  }

  /** Shutdown: finish the requests already received, then close with "going away". */
  async drain(): Promise<void> {
    this.#draining = true;
    await this.#queue;
    this.fail('shutting_down', 'the relay is shutting down', CLOSE_CODES.goingAway);
  }

  /** Logs an error event, rate-limited per connection so a hostile peer cannot flood logs. */
  logError(event: string, fields: LogFields): void {
    if (this.#loggedErrors++ < MAX_LOGGED_ERRORS)
      this.ctx.log.info(event, { conn: this.id, ...fields });
    else this.#suppressed++;
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    this.#frames++;
    if (this.state === 'closing' || this.#draining) return;
    const now = performance.now();
    this.lastSeen = now;
    if (!isBinary || !Buffer.isBuffer(data)) {
      this.logError('frame_error', { code: 'malformed_frame', reason: 'text message' });
      return this.fail(
        'malformed_frame',
        'text messages are not part of the protocol',
        CLOSE_CODES.unsupportedData,
      );
    }
    if (!this.#messages.take(1, now) || !this.#bytes.take(data.length, now))
      return this.#rateLimited(data);
    this.#rejectedInRow = 0;
    let frame: ClientFrame;
    try {
      frame = decodeClientFrame(data);
    } catch (error) {
      return this.#undecodable(error, data);
    }
    const { inflight, limits } = this.ctx;
    if (
      this.#queued >= limits.maxQueuedFrames ||
      inflight.bytes + data.length > limits.maxInflightBytes
    ) {
      this.logError('limit', { limit: 'overloaded' });
      return this.sendError(peekRequestId(data), 'overloaded', 'too many requests in flight');
    }
    this.#queued++;
    inflight.bytes += data.length;
    this.#queue = this.#queue
      .then(() => (this.state === 'closing' ? undefined : this.handle(this, frame)))
      .catch((error: unknown) => this.#internalError(error, frame))
      .finally(() => {
        this.#queued--;
        inflight.bytes -= data.length;
      });
  }

  #onControl(): void {
    if (this.state === 'closing') return;
    const now = performance.now();
    this.lastSeen = now;
    if (this.#messages.take(1, now)) return;
    this.logError('limit', { limit: 'rate_limited', control: true });
    if (++this.#rejectedInRow > this.ctx.limits.messageBurst) {
      this.fail('rate_limited', 'kept sending while rate limited', CLOSE_CODES.policyViolation);
    }
  }

  #rateLimited(data: Buffer): void {
    this.logError('limit', { limit: 'rate_limited' });
    if (++this.#rejectedInRow > this.ctx.limits.messageBurst) {
      return this.fail(
        'rate_limited',
        'kept sending while rate limited',
        CLOSE_CODES.policyViolation,
      );
    }
    this.sendError(peekRequestId(data), 'rate_limited', 'rate limit exceeded; slow down');
  }

  #undecodable(error: unknown, data: Buffer): void {
    const code = isProtocolError(error) ? error.code : 'malformed_frame';
    const message = error instanceof Error ? error.message : 'undecodable frame';
    this.logError('frame_error', { code, state: this.state });
    if (code === 'unknown_frame_type') return this.sendError(peekRequestId(data), code, message);
    if (code === 'unsupported_version') return this.fail(code, message, CLOSE_CODES.protocolError);
    this.fail('malformed_frame', message, CLOSE_CODES.protocolError);
  }

  #internalError(error: unknown, frame: ClientFrame): void {
    const requestId = 'requestId' in frame ? frame.requestId : 0;
    const code = (error as { code?: unknown }).code;
    if (code === 'bad_cursor')
      return this.sendError(requestId, 'bad_cursor', 'cursor was not issued by this relay');
    this.ctx.log.error('internal_error', {
      conn: this.id,
      frame: frame.type,
      code: typeof code === 'string' ? code : undefined,
      message: error instanceof Error ? error.message : String(error),
    });
    this.sendError(requestId, 'internal_error', 'the relay failed to process this request');
  }

  #onSocketError(error: Error & { code?: string }): void {
    // ws closes the socket itself after an error; 'close' does the clean-up.
    const limit =
      error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 'frame_too_large' : undefined;
    if (limit !== undefined) this.ctx.log.info('limit', { conn: this.id, limit });
    else this.logError('socket_error', { code: error.code ?? 'unknown' });
    this.state = 'closing';
  }

  #onClose(code: number): void {
    this.state = 'closing';
    this.opened();
    if (this.joined) this.ctx.hub.leave(this);
    this.joined = false;
    this.ctx.board.unwatchAll(this);
    this.challenge = undefined;
    this.ctx.log.info('disconnect', {
      conn: this.id,
      code,
      frames: this.#frames,
      suppressedErrors: this.#suppressed > 0 ? this.#suppressed : undefined,
      durationMs: Math.round(performance.now() - this.#openedAt),
    });
    this.onClosed(this);
  }
}
