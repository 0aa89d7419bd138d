import type { ContractFixture } from '../../../tests/contract/fixture.js';
import createConnector from '../src/index.js';

const json = { 'content-type': 'application/json;charset=utf-8' };

export const contractFixture: ContractFixture = {
  packageName: 'connector-yunpian-sms',
  createConnector,
  // YunPian has one secret, the apikey; it has no key id or token.
  config: (endpoint, { secret }) => ({
    apikey: secret,
    templates: [
      {
        usageType: 'SignIn',
        content: {
          china: '【示例】您的登录验证码是#code#。',
          overseas: '【Example】Your sign-in code is #code#.',
        },
      },
      { usageType: 'Register', content: '【示例】您的注册验证码是#code#。' },
      { usageType: 'ForgotPassword', content: '【示例】您正在重置密码，验证码#code#。' },
      {
        usageType: 'Generic',
        content: {
          china: '【示例】您的验证码是#code#。',
          overseas: '【Example】Your code is {{code}}.',
        },
      },
    ],
    enableInternational: true,
    endpoint,
  }),
  success: {
    status: 200,
    headers: json,
    body: JSON.stringify({
      code: 0,
      msg: '发送成功',
      count: 1,
      fee: 0.05,
      unit: 'RMB',
      mobile: '13800138000',
      sid: 3_310_228_982,
    }),
  },
  invalidConfigs: [
    { patch: { apikey: '' }, field: 'apikey' },
    { patch: { apikey: 'copied with spaces' }, field: 'apikey' },
    { patch: { templates: [{ usageType: 'SignIn', content: '没有占位符' }] }, field: 'templates' },
    { patch: { enableInternational: 'yes' }, field: 'enableInternational' },
    { patch: { endpoint: 'http://sms.yunpian.com' }, field: 'endpoint' },
    { patch: { timeout: 'soon' }, field: 'timeout' },
  ],
  numbers: { mainland: '8613800138000', international: '447400123456' },
  // YunPian reports a refused message as HTTP 400 with the same envelope a success uses.
  refusal: (message) => ({
    status: 400,
    headers: json,
    body: JSON.stringify({ code: 5, msg: message, detail: message }),
  }),
};
