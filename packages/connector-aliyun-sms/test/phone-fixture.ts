import type { PhoneFixture } from '../../../tests/phone/fixture.js';
import createConnector from '../src/index.js';

import { okAnswer } from './helpers.js';

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

export const phoneFixture: PhoneFixture = {
  packageName: 'connector-aliyun-sms',
  createConnector,
  config: (endpoint) => ({
    accessKeyId: 'LTAI5tPhoneTableKey01',
    accessKeySecret: 'PhoneTableSecret000000000000001',
    signName: '阿里云短信测试',
    endpoint,
    templates: usageTypes.map((usageType) => ({
      usageType,
      templateCode: { china: 'SMS_100000001', overseas: 'SMS_100000002' },
    })),
  }),
  success: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(okAnswer),
  },
  // V3 (the default) carries every parameter in the query; V1 in a form body.
  recipientOf: ({ url, body }) =>
    new URL(url, 'http://127.0.0.1').searchParams.get('PhoneNumbers') ??
    new URLSearchParams(body).get('PhoneNumbers') ??
    undefined,
  // Aliyun SendSms: the 11-digit national number for mainland China, else country code + number.
  expectedRecipient: ({ region, national, e164 }) => (region === 'mainland' ? national : e164),
};
