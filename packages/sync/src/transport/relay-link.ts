import { sign } from '@trail/crypto';
import {
  RelayConnection,
  parseBundleId,
  parseCursor,
  parseDeviceTag,
  parseRelayId,
  parseRoutingId,
  type PullResult,
  type RelayId,
  type SessionLimits,
  type WebSocketFactory,
} from '@trail/protocol';
import { deviceTag, type EpochKeys } from '../keys/epoch-keys.js';
import { Pacer } from './pacer.js';
import { relayFailure, retrying } from './retry.js';

/** How to open a link to one epoch's mailbox. */
export interface LinkOptions {
  readonly url: string;
  readonly keys: EpochKeys;
  readonly deviceId: string;
  /** The relay id pinned on first contact; a relay with another id is refused. */
  readonly expectedRelayId?: string;
  /** Give up on transient failures after this time (ms since the epoch). */
  readonly deadline: number;
  /** Opens sockets (tests record traffic through it); default the global WebSocket. */
  readonly webSocket?: WebSocketFactory;
}

/**
 * An authenticated session with one epoch's mailbox on a relay. It proves knowledge of the
 * epoch key by signing the relay's challenge with the derived relay-auth key, and presents
 * the device only by its per-epoch tag. Requests retry through relay restarts and network
 * drops until the deadline; puts and deletes are idempotent on the relay, so retrying is safe.
 */
export class RelayLink {
  #deadline: number;
  #pacer: Pacer | undefined;

  private constructor(
    readonly url: string,
    readonly keys: EpochKeys,
    readonly tag: string,
    private readonly connection: RelayConnection,
    deadline: number,
  ) {
    this.#deadline = deadline;
  }

  /** Connects and authenticates, retrying transient failures until the deadline. */
  static async open(options: LinkOptions): Promise<RelayLink> {
    const { url, keys } = options;
    const tag = deviceTag(keys, options.deviceId);
    const connection = await retrying(url, options.deadline, () =>
      RelayConnection.connect({
        url,
        space: {
          routingId: parseRoutingId(keys.routingId),
          authPublicKey: keys.auth.publicKey,
          deviceTag: parseDeviceTag(tag),
          sign: (message) => sign(keys.auth.secretKey, message),
        },
        ...(options.expectedRelayId !== undefined
          ? { expectedRelayId: parseRelayId(options.expectedRelayId) }
          : {}),
        reconnect: { initialDelayMs: 100, maxDelayMs: 2_000, factor: 2, jitter: 0.3 },
        requestTimeoutMs: 20_000,
        handshakeTimeoutMs: 10_000,
        ...(options.webSocket !== undefined ? { webSocket: options.webSocket } : {}),
      }),
    );
    return new RelayLink(url, keys, tag, connection, options.deadline);
  }

  /** The relay's id (pin it). */
  get relayId(): RelayId {
    const id = this.connection.relayId;
    if (id === undefined)
      throw relayFailure(new Error('the relay did not say who it is'), this.url);
    return id;
  }

  /** The limits the relay announced. */
  get limits(): SessionLimits | undefined {
    return this.connection.welcome?.limits;
  }

  /** Moves the give-up time (watch mode keeps links open for long). */
  extend(deadline: number): void {
    this.#deadline = deadline;
  }

  /** Stores a sealed bundle durably; resolves once the relay has it on disk. */
  async put(bundleId: string, bytes: Uint8Array): Promise<void> {
    const limits = this.limits;
    if (limits !== undefined) this.#pacer ??= new Pacer(limits);
    await this.#pacer?.wait(bytes.length + 256);
    await retrying(this.url, this.#deadline, () =>
      this.connection.put(parseBundleId(bundleId), bytes),
    );
  }

  /** One page of other devices' bundles after `after`. */
  async pull(after: string): Promise<PullResult> {
    return retrying(this.url, this.#deadline, () =>
      this.connection.pull({ after: parseCursor(after), excludeOwn: true }),
    );
  }

  /** Deletes bundles by id (compaction). */
  async delete(bundleIds: readonly string[]): Promise<number> {
    return retrying(this.url, this.#deadline, () =>
      this.connection.delete(bundleIds.map(parseBundleId)),
    );
  }

  /** Calls `listener` whenever another device stores a bundle in this mailbox. */
  onAvailable(listener: () => void): () => void {
    const offAvailable = this.connection.on('available', listener);
    const offOpen = this.connection.on('open', listener);
    return () => {
      offAvailable();
      offOpen();
    };
  }

  /** Whether the session is open right now. */
  get isOpen(): boolean {
    return this.connection.state === 'open';
  }

  /** Closes the session. */
  async close(): Promise<void> {
    await this.connection.close();
  }
}
