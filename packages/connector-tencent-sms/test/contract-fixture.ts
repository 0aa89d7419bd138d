import type { ContractFixture } from '../../../tests/contract/fixture.js';
import createConnector from '../src/index.js';

export const contractFixture: ContractFixture = {
  packageName: 'connector-tencent-sms',
  createConnector,
  config: (endpoint, { id, secret, token }) => ({
    accessKeyId: id,
    accessKeySecret: secret,
    securityToken: token,
    sdkAppId: '1400006666',
    signName: '腾讯云',
    region: 'ap-guangzhou',
    endpoint,
    // Each usage type its own template IDs: the contract suite tells SignIn from Generic by them.
    templates: [
      { usageType: 'SignIn', templateCode: { china: '1110', overseas: '2220' } },
      { usageType: 'Register', templateCode: '1111' },
      { usageType: 'ForgotPassword', templateCode: '1112' },
      { usageType: 'Generic', templateCode: { china: '1113', overseas: '2223' } },
    ],
  }),
  success: {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      Response: {
        SendStatusSet: [
          {
            SerialNo: '5000:1045710669157053657849499619',
            PhoneNumber: '+8613800138000',
            Fee: 1,
            SessionContext: '',
            Code: 'Ok',
            Message: 'send success',
            IsoCode: 'CN',
          },
        ],
        RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
      },
    }),
  },
  invalidConfigs: [
    { patch: { accessKeyId: '' }, field: 'accessKeyId' },
    { patch: { accessKeySecret: 'has a space' }, field: 'accessKeySecret' },
    { patch: { sdkAppId: 'not-a-number' }, field: 'sdkAppId' },
    { patch: { signName: '【腾讯云】' }, field: 'signName' },
    { patch: { region: 'Guangzhou' }, field: 'region' },
    { patch: { endpoint: 'https://sms.tencentcloudapi.com.example.org' }, field: 'endpoint' },
    { patch: { endpoint: 'http://sms.tencentcloudapi.com' }, field: 'endpoint' },
    { patch: { timeout: 1 }, field: 'timeout' },
    { patch: { templates: [] }, field: 'templates' },
  ],
  numbers: { mainland: '8613800138000', international: '16502530000' },
  // Tencent reports a refused number as HTTP 200 with a per-number Code and Message in SendStatusSet.
  refusal: (message) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      Response: {
        SendStatusSet: [
          {
            SerialNo: '',
            PhoneNumber: '+8613800138000',
            Fee: 0,
            SessionContext: '',
            Code: 'FailedOperation.TemplateIncorrectOrUnapproved',
            Message: message,
            IsoCode: 'CN',
          },
        ],
        RequestId: 'b1bbcec7-d0a2-4f4e-b92a-a209d8f8e33a',
      },
    }),
  }),
};
