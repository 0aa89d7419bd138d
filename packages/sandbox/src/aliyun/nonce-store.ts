import { BoundedMap } from '../shared/bounded-map.js';

/** Alibaba's on-duty engineers quote a 31-minute uniqueness window for SignatureNonce. */
export const nonceTtlMs = 31 * 60 * 1000;

/**
 * Remembers nonces for the replay window. Capacity is capped so a load test cannot exhaust memory;
 * past the cap the oldest nonces are forgotten first, which only weakens replay detection for
 * requests that are already old.
 */
export class NonceStore {
  readonly #expiries: BoundedMap<string, number>;

  constructor(
    maxEntries = 200_000,
    private readonly ttlMs = nonceTtlMs
  ) {
    this.#expiries = new BoundedMap(maxEntries);
  }

  /** Records the nonce and returns true, or returns false when it was used inside the window. */
  claim(nonce: string, now: number): boolean {
    this.#expiries.pruneOldest((expiresAt) => expiresAt <= now);
    const expiresAt = this.#expiries.get(nonce);
    if (expiresAt !== undefined && expiresAt > now) {
      return false;
    }
    this.#expiries.set(nonce, now + this.ttlMs);
    return true;
  }

  get size(): number {
    return this.#expiries.size;
  }
}
