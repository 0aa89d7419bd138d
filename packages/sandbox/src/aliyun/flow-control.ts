import { SendHistory } from '../shared/send-history.js';
import type { AliyunTemplate } from '../types.js';

import type { AliyunError } from './errors.js';
import { aliyunError } from './errors.js';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

type Rule = { permits: number; window: 'minute' | 'hour' | 'day' };

// Defaults from Aliyun's flow-control FAQ (mainland numbers only). Minute and hour windows run on
// clock boundaries (11:00–12:00), the day window is a rolling 24 h.
const verificationRules: Rule[] = [
  { permits: 1, window: 'minute' },
  { permits: 5, window: 'hour' },
  { permits: 10, window: 'day' },
];
const notificationRules: Rule[] = [{ permits: 50, window: 'day' }];

const windowLabel = { minute: '分钟级', hour: '小时级', day: '天级' } as const;

const inWindow = (rule: Rule, now: number) => (time: number) => {
  if (rule.window === 'minute') {
    return Math.floor(time / minuteMs) === Math.floor(now / minuteMs);
  }
  if (rule.window === 'hour') {
    return Math.floor(time / hourMs) === Math.floor(now / hourMs);
  }
  return now - time < dayMs;
};

/** Per-number limits: verification per signature+number, other templates per signature+template+number. */
export class AliyunFlowControl {
  readonly #history = new SendHistory(dayMs, 50);

  /** The BUSINESS_LIMIT_CONTROL error this send would trigger, or null. */
  check(
    signName: string,
    template: AliyunTemplate,
    numberKey: string,
    now: number
  ): AliyunError | null {
    const rules = template.type === 'verification' ? verificationRules : notificationRules;
    const key = this.#key(signName, template, numberKey);
    for (const rule of rules) {
      if (this.#history.count(key, now, inWindow(rule, now)) >= rule.permits) {
        return aliyunError(
          'isv.BUSINESS_LIMIT_CONTROL',
          `触发${windowLabel[rule.window]}流控Permits:${rule.permits}`
        );
      }
    }
    return null;
  }

  record(signName: string, template: AliyunTemplate, numberKey: string, now: number): void {
    this.#history.record(this.#key(signName, template, numberKey), now);
  }

  #key(signName: string, template: AliyunTemplate, numberKey: string): string {
    return template.type === 'verification'
      ? `v\n${signName}\n${numberKey}`
      : `n\n${signName}\n${template.code}\n${numberKey}`;
  }
}
