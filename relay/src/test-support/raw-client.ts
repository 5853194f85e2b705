import type { ClientFrame, RelayFrame, SpaceCredentials } from '@trail/protocol';
import { authChallengeMessage, decodeRelayFrame, encodeClientFrame } from '@trail/protocol';
import WebSocket from 'ws';
import { onCleanup } from './harness.js';

/**
 * A bare `ws` client for sending exactly the bytes a test wants (hostile or not) and
 * reading the relay's frames one by one.
 */
export class RawClient {
  readonly #frames: RelayFrame[] = [];
  readonly #waiting: ((frame: RelayFrame | undefined) => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #isClosed = false;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = decodeRelayFrame(new Uint8Array(data));
      const waiter = this.#waiting.shift();
      if (waiter !== undefined) waiter(frame);
      else this.#frames.push(frame);
    });
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        this.#isClosed = true;
        for (const waiter of this.#waiting.splice(0)) waiter(undefined);
        resolve({ code, reason: reason.toString() });
      }),
    );
  }

  /** Opens a connection (closed after the test). */
  static async open(url: string, options: WebSocket.ClientOptions = {}): Promise<RawClient> {
    const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024, ...options });
    const client = new RawClient(ws);
    onCleanup(async () => {
      ws.terminate();
      await client.closed;
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Sends raw bytes (or a text message). */
  send(data: Uint8Array | string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  /** Encodes and sends a client frame. */
  frame(frame: ClientFrame): void {
    this.send(encodeClientFrame(frame));
  }

  /** The next frame from the relay, or undefined once the socket is closed. */
  next(): Promise<RelayFrame | undefined> {
    const frame = this.#frames.shift();
    if (frame !== undefined) return Promise.resolve(frame);
    if (this.#isClosed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** The next frame, which must be of the given type. */
  async expect<T extends RelayFrame['type']>(type: T): Promise<Extract<RelayFrame, { type: T }>> {
    const frame = await this.next();
    if (frame?.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(frame)}`);
    return frame as Extract<RelayFrame, { type: T }>;
  }

  /** Says hello for a space and returns the challenge. */
  async hello(space: SpaceCredentials): Promise<Extract<RelayFrame, { type: 'challenge' }>> {
    const { routingId, authPublicKey, deviceTag } = space;
    this.frame({
      type: 'hello',
      protocolVersion: 1,
      minProtocolVersion: 1,
      space: { routingId, authPublicKey, deviceTag },
    });
    return this.expect('challenge');
  }

  /** Full handshake; returns the welcome. */
  async handshake(space: SpaceCredentials): Promise<Extract<RelayFrame, { type: 'welcome' }>> {
    const challenge = await this.hello(space);
    const signature = await space.sign(authChallengeMessage({ ...challenge, ...space }));
    this.frame({ type: 'auth', signature });
    return this.expect('welcome');
  }
}
