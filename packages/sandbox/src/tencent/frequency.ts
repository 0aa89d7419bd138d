import { SendHistory } from '../shared/send-history.js';

const secondMs = 1000;
const hourMs = 3600 * secondMs;
const dayMs = 24 * hourMs;

// Tencent's documented defaults per number: one message per 30 s, and a daily cap (10 in the
// console guide); the hourly default is not published, 5 is the emulator's choice.
const rules: ReadonlyArray<{ permits: number; windowMs: number; code: string }> = [
  { permits: 1, windowMs: 30 * secondMs, code: 'LimitExceeded.PhoneNumberThirtySecondLimit' },
  { permits: 5, windowMs: hourMs, code: 'LimitExceeded.PhoneNumberOneHourLimit' },
  { permits: 10, windowMs: dayMs, code: 'LimitExceeded.PhoneNumberDailyLimit' },
];

/** Per-number frequency control of one SMS application (keyed by SdkAppId and number). */
export class TencentFrequencyLimits {
  readonly #history = new SendHistory(dayMs, 10);

  /** The LimitExceeded code this send would trigger, or undefined. */
  check(key: string, now: number): string | undefined {
    return rules.find(
      ({ permits, windowMs }) =>
        this.#history.count(key, now, (time) => now - time < windowMs) >= permits
    )?.code;
  }

  record(key: string, now: number): void {
    this.#history.record(key, now);
  }
}
