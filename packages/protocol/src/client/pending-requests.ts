import type { RelayFrame } from '../frames.js';
import { RelayError } from '../relay-error.js';

interface Pending {
  readonly expect: RelayFrame['type'];
  readonly resolve: (frame: RelayFrame) => void;
  readonly reject: (error: RelayError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** Requests in flight on one connection, matched to responses by request id. */
export class PendingRequests {
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  /** Number of requests awaiting a response. */
  get size(): number {
    return this.#pending.size;
  }

  /** Allocates a request id (1..2^32-1, never one still in flight). */
  nextId(): number {
    do {
      const id = this.#nextId;
      this.#nextId = id >= 0xffffffff ? 1 : id + 1;
      if (!this.#pending.has(id)) return id;
    } while (this.#pending.size < 0xfffffffe);
    throw new RelayError('overloaded', 'no free request id');
  }

  /** Registers a request; the promise settles on its response, its error, or the timeout. */
  add(requestId: number, expect: RelayFrame['type'], timeoutMs: number): Promise<RelayFrame> {
    return new Promise<RelayFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        reject(new RelayError('timeout', `no response within ${timeoutMs} ms`, requestId));
      }, timeoutMs);
      this.#pending.set(requestId, { expect, resolve, reject, timer });
    });
  }

  /**
   * Settles a request with a response frame. `unknown`: no such request in flight (a late
   * answer to one that timed out; harmless). `mismatch`: the relay answered with the wrong
   * frame type, a protocol violation the caller should act on.
   */
  resolve(requestId: number, frame: RelayFrame): 'resolved' | 'unknown' | 'mismatch' {
    const pending = this.#pending.get(requestId);
    if (pending === undefined) return 'unknown';
    if (pending.expect !== frame.type) return 'mismatch';
    this.#settle(requestId, pending);
    pending.resolve(frame);
    return 'resolved';
  }

  /** Fails one request; returns false when no request has this id. */
  reject(requestId: number, error: RelayError): boolean {
    const pending = this.#pending.get(requestId);
    if (pending === undefined) return false;
    this.#settle(requestId, pending);
    pending.reject(error);
    return true;
  }

  /** Fails every request in flight (the connection dropped). */
  rejectAll(error: RelayError): void {
    for (const [id, pending] of [...this.#pending]) {
      this.#settle(id, pending);
      pending.reject(new RelayError(error.code, error.message, id));
    }
  }

  #settle(requestId: number, pending: Pending): void {
    clearTimeout(pending.timer);
    this.#pending.delete(requestId);
  }
}
