/**
 * A Map that forgets its oldest entries once it holds `maxEntries`, so state keyed by
 * attacker- or load-test-controlled values (nonces, phone numbers) cannot grow without bound.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Re-setting a key moves it to the young end, so busy keys outlive idle ones. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) {
        break;
      }
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Drops entries from the old end while `isStale` says so; stops at the first fresh one. */
  pruneOldest(isStale: (value: V) => boolean): void {
    for (const [key, value] of this.#entries) {
      if (!isStale(value)) {
        return;
      }
      this.#entries.delete(key);
    }
  }
}
