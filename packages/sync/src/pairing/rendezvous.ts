import {
  RelayConnection,
  parseInvitationId,
  type InvitationId,
  type WebSocketFactory,
} from '@trail/protocol';
import { SyncError } from '../errors.js';
import { relayFailure, retrying } from '../transport/retry.js';

/**
 * A pairing mailbox on a relay, reached as a guest (no space, no key): both devices post
 * sealed messages under an id derived from the invitation secret, which only they know.
 */
export class Rendezvous {
  #after = 0;
  #wake: (() => void) | undefined;

  private constructor(
    private readonly url: string,
    private readonly connection: RelayConnection,
    private readonly id: InvitationId,
  ) {
    connection.on('inviteMessage', () => this.#wake?.());
  }

  /** Connects as a guest (retrying until `deadline`). */
  static async open(
    url: string,
    mailboxId: string,
    deadline: number,
    webSocket?: WebSocketFactory,
  ): Promise<Rendezvous> {
    const connection = await retrying(url, deadline, () =>
      RelayConnection.connect({
        url,
        reconnect: { initialDelayMs: 100, maxDelayMs: 2_000, factor: 2, jitter: 0.3 },
        ...(webSocket ? { webSocket } : {}),
      }),
    );
    return new Rendezvous(url, connection, parseInvitationId(mailboxId));
  }

  /** Posts a sealed message. */
  async put(bytes: Uint8Array, deadline: number): Promise<void> {
    await retrying(this.url, deadline, () => this.connection.invitePut(this.id, bytes));
  }

  /**
   * Waits for the first message `accept` recognises (it returns undefined for others, which
   * are skipped: anyone who learns the mailbox id could post noise). SYNC_INVITE_TIMEOUT at
   * `deadline`.
   */
  async next<T>(
    accept: (bytes: Uint8Array) => T | undefined,
    deadline: number,
    what: string,
  ): Promise<T> {
    for (;;) {
      const messages = await retrying(this.url, deadline, () =>
        this.connection.invitePull(this.id, this.#after),
      ).catch((e: unknown) => {
        throw relayFailure(e, this.url);
      });
      for (const m of messages) {
        this.#after = Math.max(this.#after, m.seq);
        const value = accept(m.bytes);
        if (value !== undefined) return value;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new SyncError('SYNC_INVITE_TIMEOUT', `no ${what} arrived in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1_000));
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** Deletes the mailbox (pairing done) and disconnects. */
  async close(remove: boolean): Promise<void> {
    if (remove) await this.connection.inviteDelete(this.id).catch(() => undefined);
    await this.connection.close();
  }
}
