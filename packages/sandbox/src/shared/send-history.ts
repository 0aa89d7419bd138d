import { BoundedMap } from './bounded-map.js';

/**
 * Send timestamps per key (number, number+text, …), keeping only as many as the strictest rule
 * can ever count, for as long as the longest window lasts. Memory is bounded twice over: per key by
 * `maxPerKey`, and in keys by the map capacity.
 */
export class SendHistory {
  readonly #times: BoundedMap<string, number[]>;

  constructor(
    private readonly keepMs: number,
    private readonly maxPerKey: number,
    maxKeys = 100_000
  ) {
    this.#times = new BoundedMap(maxKeys);
  }

  /** Timestamps for the key that are younger than `keepMs`, oldest first. */
  times(key: string, now: number): readonly number[] {
    const times = this.#times.get(key);
    if (!times) {
      return [];
    }
    return times.filter((time) => now - time < this.keepMs && time <= now);
  }

  /** How many sends for the key satisfy `inWindow`. */
  count(key: string, now: number, inWindow: (time: number) => boolean): number {
    return this.times(key, now).filter((time) => inWindow(time)).length;
  }

  record(key: string, now: number): void {
    const times = [...this.times(key, now), now].slice(-this.maxPerKey);
    this.#times.set(key, times);
  }

  clear(): void {
    this.#times.clear();
  }
}
