import { phoneFixture as aliyunSms } from '../../packages/connector-aliyun-sms/test/phone-fixture.js';
import { phoneFixture as yunpianSms } from '../../packages/connector-yunpian-sms/test/phone-fixture.js';

import type { PhoneFixture } from './fixture.js';

/** Every connector the phone table runs against: one line per connector. */
export const phoneFixtures: PhoneFixture[] = [aliyunSms, yunpianSms];
