import { encodeClientFrame } from '../client-codec.js';
import type {
  InvitationMessage,
  RelayFrame,
  RequestFrame,
  ResponseFrames,
  WelcomeFrame,
} from '../frames.js';
import { RESPONSE_TYPES } from '../frames.js';
import type { BundleId, Cursor, DeviceTag, InvitationId, RelayId } from '../ids.js';
import { START_CURSOR } from '../ids.js';
import { RelayError } from '../relay-error.js';
import { SUPPORTED_VERSIONS } from '../version.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { CLOSE_CODES } from './close-codes.js';
import { Listeners } from './listeners.js';
import type {
  PullOptions,
  PullResult,
  RelayConnectionEvents,
  RelayConnectionOptions,
  RelayConnectionState,
} from './connection-types.js';
import { isFatal, openSession } from './open-session.js';
import { PendingRequests } from './pending-requests.js';
import { globalWebSocketFactory, WEBSOCKET_OPEN } from './websocket-like.js';
import type { WebSocketLike } from './websocket-like.js';

type Waiter = { resolve: (socket: WebSocketLike) => void; reject: (error: RelayError) => void };

/**
 * A client session with a relay: handshake (signing through a callback, so no crypto
 * library is needed here), request/response by id, live events, and reconnection with
 * exponential backoff. Requests made while reconnecting wait for the new session (up to the
 * request timeout); requests in flight when a session drops fail with the reason it dropped
 * (`disconnected`, `shutting_down`, `frame_too_large`, ...) and may be retried (put and delete
 * are idempotent).
 */
export class RelayConnection {
  readonly #options: RelayConnectionOptions;
  readonly #backoff: BackoffOptions | undefined;
  readonly #events = new Listeners<RelayConnectionEvents>();
  readonly #pending = new PendingRequests();
  #waiters: Waiter[] = [];
  #socket: WebSocketLike | undefined;
  #welcome: WelcomeFrame | undefined;
  #relayId: RelayId | undefined;
  #state: RelayConnectionState = 'reconnecting';
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closeError: RelayError | undefined;
  #attemptAbort: AbortController | undefined;

  private constructor(options: RelayConnectionOptions) {
    this.#options = options;
    this.#backoff =
      options.reconnect === false ? undefined : { ...DEFAULT_BACKOFF, ...options.reconnect };
  }

  /** Connects and completes the handshake; rejects (without retrying) if the first attempt fails. */
  static async connect(options: RelayConnectionOptions): Promise<RelayConnection> {
    const connection = new RelayConnection(options);
    try {
      await connection.#open();
    } catch (error) {
      connection.#shutdown(
        error instanceof RelayError ? error : new RelayError('connection_failed', String(error)),
      );
      throw error;
    }
    return connection;
  }

  /** Current lifecycle state. */
  get state(): RelayConnectionState {
    return this.#state;
  }

  /** The latest `welcome` (limits, online devices, usage). */
  get welcome(): WelcomeFrame | undefined {
    return this.#welcome;
  }

  /** The relay id seen in the latest challenge (space sessions only); pin it if you like. */
  get relayId(): RelayId | undefined {
    return this.#relayId;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof RelayConnectionEvents>(
    event: K,
    listener: (value: RelayConnectionEvents[K]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  /** Stores a bundle durably; resolves once the relay has it on disk. */
  async put(
    bundleId: BundleId,
    bytes: Uint8Array,
  ): Promise<{ cursor: Cursor; duplicate: boolean }> {
    const { cursor, duplicate } = await this.#request<'put'>({ type: 'put', bundleId, bytes });
    return { cursor, duplicate };
  }

  /** Reads one page of bundles from every device of the space. */
  async pull(options: PullOptions = {}): Promise<PullResult> {
    const limit = options.limit ?? this.#welcome?.limits.pullMaxBundles ?? 100;
    const { bundles, cursor, more } = await this.#request<'pull'>({
      type: 'pull',
      after: options.after ?? START_CURSOR,
      limit,
      excludeOwn: options.excludeOwn ?? false,
    });
    return { bundles, cursor, more };
  }

  /** Deletes bundles of the space by id; resolves with how many existed. */
  async delete(bundleIds: readonly BundleId[]): Promise<number> {
    return (await this.#request<'delete'>({ type: 'delete', bundleIds })).deleted;
  }

  /** Deletes the space's whole mailbox (e.g. an old key epoch); the relay then closes. */
  async deleteSpace(): Promise<void> {
    await this.#request<'deleteSpace'>({ type: 'deleteSpace' });
  }

  /**
   * Sends bytes live to the other connected devices of the space (or one of them). Nothing
   * is stored and nothing is acknowledged; returns false if no session is open right now.
   */
  forward(bytes: Uint8Array, to?: DeviceTag): boolean {
    const socket = this.#socket;
    if (this.#state !== 'open' || socket === undefined || socket.readyState !== WEBSOCKET_OPEN) {
      return false;
    }
    const requestId = this.#pending.nextId();
    socket.send(
      encodeClientFrame(
        to === undefined
          ? { type: 'forward', requestId, bytes }
          : { type: 'forward', requestId, to, bytes },
      ),
    );
    return true;
  }

  /** Appends a sealed message to an invitation mailbox; resolves with its number. */
  async invitePut(invitationId: InvitationId, bytes: Uint8Array): Promise<number> {
    return (await this.#request<'invitePut'>({ type: 'invitePut', invitationId, bytes })).seq;
  }

  /** Reads an invitation mailbox after message number `after`. */
  async invitePull(invitationId: InvitationId, after = 0): Promise<readonly InvitationMessage[]> {
    return (await this.#request<'invitePull'>({ type: 'invitePull', invitationId, after }))
      .messages;
  }

  /** Deletes an invitation mailbox; resolves with whether it existed. */
  async inviteDelete(invitationId: InvitationId): Promise<boolean> {
    return (await this.#request<'inviteDelete'>({ type: 'inviteDelete', invitationId })).existed;
  }

  /** Closes the session for good; pending requests fail with `closed`. */
  close(): Promise<void> {
    const socket = this.#socket;
    this.#shutdown(new RelayError('closed', 'connection closed by the client'));
    if (socket === undefined || socket.readyState > WEBSOCKET_OPEN) return Promise.resolve();
    return new Promise((resolve) => {
      socket.onclose = () => resolve();
      socket.close(CLOSE_CODES.normal);
    });
  }

  async #request<K extends RequestFrame['type']>(
    frame: Omit<Extract<RequestFrame, { type: K }>, 'requestId'>,
  ): Promise<ResponseFrames[K]> {
    const timeoutMs = this.#options.requestTimeoutMs ?? 30_000;
    const socket = await this.#ready(timeoutMs);
    const requestId = this.#pending.nextId();
    const response = this.#pending.add(requestId, RESPONSE_TYPES[frame.type], timeoutMs);
    socket.send(encodeClientFrame({ ...frame, requestId } as RequestFrame));
    return (await response) as ResponseFrames[K];
  }

  #ready(timeoutMs: number): Promise<WebSocketLike> {
    if (this.#state === 'open' && this.#socket !== undefined) return Promise.resolve(this.#socket);
    if (this.#state === 'closed') return Promise.reject(this.#closeError!);
    return new Promise<WebSocketLike>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new RelayError('timeout', `not reconnected within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (socket) => (clearTimeout(timer), resolve(socket)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
      this.#waiters.push(waiter);
    });
  }

  async #open(): Promise<void> {
    const options = this.#options;
    const abort = new AbortController();
    this.#attemptAbort = abort;
    const session = await openSession(
      {
        url: options.url,
        space: options.space,
        expectedRelayId: options.expectedRelayId ?? this.#relayId,
        versions: options.versions ?? SUPPORTED_VERSIONS,
        handshakeTimeoutMs: options.handshakeTimeoutMs ?? 15_000,
        webSocket: options.webSocket ?? globalWebSocketFactory,
        signal: abort.signal,
      },
      { frame: (frame) => this.#onFrame(frame), closed: (error) => this.#onClosed(error) },
    );
    if (this.#state === 'closed') {
      session.socket.close(CLOSE_CODES.normal);
      return;
    }
    this.#socket = session.socket;
    this.#welcome = session.welcome;
    this.#relayId = session.relayId ?? this.#relayId;
    this.#attempt = 0;
    this.#setState('open');
    this.#events.emit('open', session.welcome);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.resolve(session.socket);
  }

  #onFrame(frame: RelayFrame): void {
    switch (frame.type) {
      case 'forwarded':
      case 'presence':
      case 'available':
      case 'inviteMessage':
        return this.#events.emit(frame.type, frame);
      case 'error': {
        const error = new RelayError(frame.code, frame.message, frame.requestId);
        if (frame.requestId === 0 || !this.#pending.reject(frame.requestId, error)) {
          this.#events.emit('error', error);
        }
        return;
      }
      default:
        if (
          !('requestId' in frame) ||
          this.#pending.resolve(frame.requestId, frame) === 'mismatch'
        ) {
          this.#socket?.close(CLOSE_CODES.protocolError);
        }
    }
  }

  #onClosed(error: RelayError): void {
    this.#socket = undefined;
    this.#pending.rejectAll(error);
    if (this.#state === 'closed') return;
    this.#events.emit('error', error);
    if (this.#backoff === undefined || isFatal(error)) return this.#shutdown(error);
    this.#setState('reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    this.#attempt += 1;
    const delay = backoffDelay(this.#attempt, this.#backoff, this.#options.random);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#open().catch((error: unknown) => {
        if (this.#state === 'closed') return;
        if (isFatal(error)) {
          const relayError =
            error instanceof RelayError
              ? error
              : new RelayError('connection_failed', String(error));
          this.#events.emit('error', relayError);
          return this.#shutdown(relayError);
        }
        this.#scheduleReconnect();
      });
    }, delay);
  }

  #setState(state: RelayConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#events.emit('state', state);
  }

  #shutdown(error: RelayError): void {
    if (this.#state === 'closed') return;
    this.#closeError = error;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#attemptAbort?.abort();
    this.#socket = undefined;
    this.#pending.rejectAll(error);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(error);
    this.#setState('closed');
    this.#events.clear();
  }
}
