/** A minimal typed event emitter that works in every runtime (no node:events). */
export class Listeners<Events extends Record<string, unknown>> {
  readonly #map = new Map<keyof Events, Set<(value: never) => void>>();

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): () => void {
    let set = this.#map.get(event);
    if (set === undefined) this.#map.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  /**
   * Calls every listener of an event. A throwing listener is a bug in the caller; it is
   * rethrown on a fresh stack so it cannot corrupt the emitter's own state.
   */
  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const listener of this.#map.get(event) ?? []) {
      try {
        (listener as (value: Events[K]) => void)(value);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.#map.clear();
  }
}
