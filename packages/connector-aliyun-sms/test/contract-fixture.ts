import type { ContractFixture } from '../../../tests/contract/fixture.js';
import createConnector from '../src/index.js';

const json = { 'content-type': 'application/json;charset=utf-8' };

export const contractFixture: ContractFixture = {
  packageName: 'connector-aliyun-sms',
  createConnector,
  config: (endpoint, { id, secret, token }) => ({
    accessKeyId: id,
    accessKeySecret: secret,
    securityToken: token,
    signName: 'Logto测试',
    templates: [
      { usageType: 'SignIn', templateCode: { china: 'SMS_100001', overseas: 'SMS_200001' } },
      { usageType: 'Register', templateCode: 'SMS_100002' },
      { usageType: 'ForgotPassword', templateCode: 'SMS_100003' },
      { usageType: 'Generic', templateCode: { china: 'SMS_100004', overseas: 'SMS_200004' } },
    ],
    endpoint,
  }),
  success: {
    status: 200,
    headers: json,
    body: JSON.stringify({
      RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
      Code: 'OK',
      Message: 'OK',
      BizId: '900619746936498440^0',
    }),
  },
  invalidConfigs: [
    { patch: { accessKeyId: '' }, field: 'accessKeyId' },
    { patch: { accessKeySecret: 'two words' }, field: 'accessKeySecret' },
    { patch: { accessKeyId: 'STS.TempKeyId', securityToken: '' }, field: 'securityToken' },
    { patch: { signName: '【Logto测试】' }, field: 'signName' },
    {
      patch: { templates: [{ usageType: 'SignIn', templateCode: 'SMS_100001' }] },
      field: 'templates',
    },
    { patch: { endpoint: 'https://dysmsapi.aliyuncs.com.example.net' }, field: 'endpoint' },
    { patch: { signatureAlgorithm: 'MD5' }, field: 'signatureAlgorithm' },
    { patch: { timeout: 5 }, field: 'timeout' },
  ],
  numbers: { mainland: '8613800138000', international: '85291234567' },
  // Aliyun reports a refused message as HTTP 200 with its own Code and Message.
  refusal: (message) => ({
    status: 200,
    headers: json,
    body: JSON.stringify({
      RequestId: '0A1B2C3D-0000-4000-8000-000000000001',
      Code: 'isv.SMS_TEMPLATE_ILLEGAL',
      Message: message,
    }),
  }),
};
