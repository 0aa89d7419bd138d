import type { ContractFixture } from '../../../tests/contract/fixture.js';
import createConnector from '../src/index.js';
import { defaultTemplates } from '../src/metadata.js';

export const contractFixture: ContractFixture = {
  packageName: 'connector-aliyun-mas',
  createConnector,
  config: (endpoint, { id, secret, token }) => ({
    accessKeyId: id,
    accessKeySecret: secret,
    securityToken: token,
    signName: '速通互联验证码',
    // SignIn keeps its own template so the suite can tell it from the Generic fallback.
    templates: [
      ...defaultTemplates.filter(({ usageType }) =>
        ['SignIn', 'Register', 'ForgotPassword'].includes(usageType)
      ),
      { usageType: 'Generic', templateCode: '100005' },
    ],
    endpoint,
  }),
  success: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      Code: 'OK',
      Message: '成功',
      Success: true,
      RequestId: 'C0FFEE00-0000-4000-8000-000000000000',
      Model: {
        BizId: '112231421412414124123^4',
        RequestId: 'C0FFEE00-0000-4000-8000-000000000000',
        OutId: '',
        VerifyCode: '',
      },
    }),
  },
  invalidConfigs: [
    { patch: { accessKeySecret: '' }, field: 'accessKeySecret' },
    { patch: { signName: '【速通互联验证码】' }, field: 'signName' },
    {
      patch: { endpoint: 'https://dypnsapi-attacker.oss-cn-hangzhou.aliyuncs.com' },
      field: 'endpoint',
    },
    { patch: { codeValidMinutes: 0 }, field: 'codeValidMinutes' },
    { patch: { signatureAlgorithm: 'MD5' }, field: 'signatureAlgorithm' },
  ],
  // Mainland China only: there is no international number this connector serves.
  numbers: { mainland: '8613800138000' },
};
