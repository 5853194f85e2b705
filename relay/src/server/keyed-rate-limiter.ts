import { TokenBucket } from './token-bucket.js';

/**
 * Token buckets per key (an IP address), for rare but costly actions such as registering a
 * space. Keys whose bucket has refilled are pruned, and the map never holds more than
 * `maxKeys` (the oldest go first), so a spray of addresses cannot grow it without bound.
 */
export class KeyedRateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #perHour: number;
  readonly #maxKeys: number;

  constructor(perHour: number, maxKeys = 100_000) {
    this.#perHour = perHour;
    this.#maxKeys = maxKeys;
  }

  /** Takes one token for `key`; false if its budget is spent. */
  take(key: string, now: number): boolean {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      if (this.#buckets.size >= this.#maxKeys)
        this.#buckets.delete(this.#buckets.keys().next().value!);
      bucket = new TokenBucket(this.#perHour / 3600, this.#perHour, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(1, now);
  }

  /** Forgets keys whose bucket is full again (they behave exactly like new keys). */
  prune(now: number): void {
    for (const [key, bucket] of this.#buckets) if (bucket.isFull(now)) this.#buckets.delete(key);
  }

  /** Number of keys tracked. */
  get size(): number {
    return this.#buckets.size;
  }
}
