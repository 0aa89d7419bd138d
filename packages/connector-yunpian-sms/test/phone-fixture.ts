import type { PhoneFixture } from '../../../tests/phone/fixture.js';
import createConnector from '../src/index.js';

import { apikey, baseConfig, successBody } from './helpers.js';

export const phoneFixture: PhoneFixture = {
  packageName: 'connector-yunpian-sms',
  createConnector,
  config: (endpoint) =>
    baseConfig({
      endpoint,
      apikey,
      enableInternational: true,
      templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({
        usageType,
        content: {
          china: '【示例】您的验证码是#code#。',
          overseas: '【Example】Your code is #code#.',
        },
      })),
    }),
  success: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(successBody),
  },
  recipientOf: ({ body }) => new URLSearchParams(body).get('mobile') ?? undefined,
  // YunPian single_send: the bare national number for mainland China, else "+" and the E.164 digits.
  expectedRecipient: ({ region, national, e164 }) =>
    region === 'mainland' ? national : `+${e164}`,
};
