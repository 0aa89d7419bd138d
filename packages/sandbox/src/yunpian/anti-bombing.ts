import { SendHistory } from '../shared/send-history.js';

import type { YunpianError } from './errors.js';
import { yunpianError } from './errors.js';

const secondMs = 1000;
const minuteMs = 60 * secondMs;
const hourMs = 60 * minuteMs;

/**
 * YunPian's per-recipient rules: identical content (carrier anti-harassment, codes 8 and 9) and,
 * for verification templates, the anti-bombing counts (codes 33, 22, 17). All windows roll.
 */
export class YunpianRateLimits {
  readonly #sameText = new SendHistory(5 * minuteMs, 3);
  readonly #verification = new SendHistory(24 * hourMs, 10);

  check(mobileKey: string, text: string, verification: boolean, now: number): YunpianError | null {
    const textKey = `${mobileKey}\n${text}`;
    const within = (windowMs: number) => (time: number) => now - time < windowMs;
    if (this.#sameText.count(textKey, now, within(30 * secondMs)) >= 1) {
      return yunpianError(8, `同一个手机号 ${mobileKey} 30秒内重复提交相同的内容`);
    }
    if (this.#sameText.count(textKey, now, within(5 * minuteMs)) >= 3) {
      return yunpianError(9, `同一个手机号 ${mobileKey} 5分钟内重复提交相同的内容超过3次`);
    }
    if (!verification) {
      return null;
    }
    if (this.#verification.count(mobileKey, now, within(30 * secondMs)) >= 1) {
      return yunpianError(33);
    }
    if (this.#verification.count(mobileKey, now, within(hourMs)) >= 3) {
      return yunpianError(22);
    }
    if (this.#verification.count(mobileKey, now, within(24 * hourMs)) >= 10) {
      return yunpianError(17);
    }
    return null;
  }

  record(mobileKey: string, text: string, verification: boolean, now: number): void {
    this.#sameText.record(`${mobileKey}\n${text}`, now);
    if (verification) {
      this.#verification.record(mobileKey, now);
    }
  }
}
