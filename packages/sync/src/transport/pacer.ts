/** A token bucket: `rate` tokens a second, at most `burst` saved up. */
class Bucket {
  #tokens: number;
  #at = performance.now();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.#tokens = burst;
  }

  /** Milliseconds to wait before `n` tokens are there (0 = now); takes them when they are. */
  take(n: number): number {
    const now = performance.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.rate);
    this.#at = now;
    const need = Math.min(n, this.burst);
    if (this.#tokens >= need) {
      this.#tokens -= need;
      return 0;
    }
    return Math.ceil(((need - this.#tokens) / this.rate) * 1000);
  }
}

/** The relay's announced limits that pacing respects. */
export interface PaceLimits {
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  readonly bytesPerSecond: number;
  readonly bytesBurst: number;
}

/**
 * Keeps a client inside the rate limits the relay announced in `welcome` (at 90% of them), so
 * a bulk upload is paced instead of refused with `rate_limited`.
 */
export class Pacer {
  readonly #messages: Bucket;
  readonly #bytes: Bucket;

  constructor(limits: PaceLimits) {
    this.#messages = new Bucket(
      limits.messagesPerSecond * 0.9,
      Math.max(1, limits.messageBurst * 0.9),
    );
    this.#bytes = new Bucket(limits.bytesPerSecond * 0.9, Math.max(1, limits.bytesBurst * 0.9));
  }

  /** Resolves when a frame of `bytes` may be sent. */
  async wait(bytes: number): Promise<void> {
    for (;;) {
      const delay = Math.max(this.#messages.take(1), 0);
      if (delay === 0) break;
      await new Promise((r) => setTimeout(r, delay));
    }
    for (;;) {
      const delay = this.#bytes.take(bytes);
      if (delay === 0) return;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
