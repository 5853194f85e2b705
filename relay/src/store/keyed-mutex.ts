/**
 * Runs async functions one at a time per key (different keys run concurrently). The map
 * entry for a key is dropped as soon as its queue is empty, so idle keys cost nothing.
 */
export class KeyedMutex<K> {
  readonly #tails = new Map<K, Promise<unknown>>();

  /** Runs `fn` after every earlier call with the same key has settled. */
  run<T>(key: K, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Number of keys with work queued or running. */
  get size(): number {
    return this.#tails.size;
  }
}
