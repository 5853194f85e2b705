import type { WebSocketFactory } from '@trail/protocol';
import { keysOf } from '../keys/key-ring.js';
import { RelayLink } from '../transport/relay-link.js';
import type { Device } from './device.js';

/**
 * The open links to one relay, one per epoch mailbox, opened on first use. Watch mode keeps
 * one set for its whole life; a one-off sync closes it at the end.
 */
export class RelayLinks {
  readonly #links = new Map<number, RelayLink>();
  #deadline: number;

  constructor(
    readonly url: string,
    private device: Device,
    deadline: number,
    private readonly webSocket?: WebSocketFactory,
    private expectedRelayId?: string,
  ) {
    this.#deadline = deadline;
  }

  /** The link to an epoch's mailbox, opening it if needed. */
  async get(epoch: number): Promise<RelayLink> {
    let link = this.#links.get(epoch);
    if (link === undefined) {
      link = await RelayLink.open({
        url: this.url,
        keys: keysOf(this.device.ring, epoch),
        deviceId: this.device.identity.deviceId,
        deadline: this.#deadline,
        ...(this.expectedRelayId !== undefined ? { expectedRelayId: this.expectedRelayId } : {}),
        ...(this.webSocket !== undefined ? { webSocket: this.webSocket } : {}),
      });
      this.expectedRelayId ??= link.relayId;
      this.#links.set(epoch, link);
    }
    return link;
  }

  /** Uses another opening of the same device (watch mode reopens the store every round). */
  rebind(device: Device): void {
    this.device = device;
  }

  /** Moves the give-up time of every link. */
  extend(deadline: number): void {
    this.#deadline = deadline;
    for (const link of this.#links.values()) link.extend(deadline);
  }

  /** The links open now. */
  open(): RelayLink[] {
    return [...this.#links.values()];
  }

  /** Closes every link. */
  async close(): Promise<void> {
    const links = [...this.#links.values()];
    this.#links.clear();
    await Promise.all(links.map((l) => l.close().catch(() => undefined)));
  }
}
