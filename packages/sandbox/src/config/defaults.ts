import type { SandboxConfig } from '../types.js';

/**
 * The fake credentials and approved templates every fresh sandbox knows. The CLI prints connector
 * configs from these values, so changing one here changes what users paste into Logto.
 */
export const defaultSandboxConfig: SandboxConfig = {
  aliyun: {
    accessKeys: [
      { accessKeyId: 'LTAI5tSandboxKeyId0001', accessKeySecret: 'SandboxAccessKeySecret000000001' },
    ],
    stsCredentials: [
      {
        accessKeyId: 'STS.SandboxTempKeyId0001',
        accessKeySecret: 'SandboxStsSecret0000000000001',
        securityToken: 'SandboxStsToken-0001',
      },
    ],
    signatures: ['Logto测试', 'LogtoSandbox'],
    /* eslint-disable no-template-curly-in-string -- Aliyun template texts write variables as a literal ${name}. */
    templates: [
      {
        code: 'SMS_900001',
        type: 'verification',
        region: 'mainland',
        content: '您的验证码为${code}，5分钟内有效，请勿泄露。',
      },
      {
        code: 'SMS_900002',
        type: 'verification',
        region: 'international',
        content: 'Your verification code is ${code}. It expires in 5 minutes.',
      },
      {
        code: 'SMS_900003',
        type: 'verification',
        region: 'mainland',
        content: 'Your verification code is ${code}.',
      },
      {
        code: 'SMS_900010',
        type: 'notification',
        region: 'mainland',
        content: '${name}，您好：您的验证码为${code}。',
      },
    ],
    /* eslint-enable no-template-curly-in-string */
    whitelist: [],
  },
  aliyunMas: {
    // The one name Aliyun's own docs use as an example; real accounts see the console's current list.
    giftSignatures: ['速通互联验证码'],
    // The system templates by meaning (aliyun-dypns-api.md §5); wording is the sandbox's own.
    /* eslint-disable no-template-curly-in-string -- Aliyun template texts write variables as a literal ${name}. */
    templates: [
      { code: '100001', content: '您的验证码为${code}，${min}分钟内有效，请勿泄露。' },
      { code: '100002', content: '您正在修改绑定手机号，验证码为${code}，${min}分钟内有效。' },
      { code: '100003', content: '您正在重置密码，验证码为${code}，${min}分钟内有效。' },
      { code: '100004', content: '您正在绑定新手机号，验证码为${code}，${min}分钟内有效。' },
      { code: '100005', content: '您正在验证已绑定的手机号，验证码为${code}，${min}分钟内有效。' },
    ],
    /* eslint-enable no-template-curly-in-string */
    intervalSeconds: 60,
  },
  yunpian: {
    accounts: [
      {
        apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
        balance: 1000,
        international: true,
        defaultSignature: '【Logto测试】',
      },
      {
        apikey: '0f9e8d7c6b5a49382716f5e4d3c2b1a0',
        balance: 1000,
        international: false,
        defaultSignature: '【Logto测试】',
      },
      {
        apikey: '00000000000000000000000000000000',
        balance: 0,
        international: true,
        defaultSignature: '【Logto测试】',
      },
    ],
    templates: [
      {
        id: '1001',
        content: '【Logto测试】您的验证码是#code#。如非本人操作，请忽略本短信',
        international: false,
      },
      {
        id: '1002',
        content: '【Logto测试】Your verification code is #code#.',
        international: false,
      },
      {
        id: '2001',
        content: '【Logto】Your verification code is #code#. It expires in 5 minutes.',
        international: true,
      },
    ],
    whitelist: [],
  },
  tencent: {
    secrets: [
      { secretId: 'AKIDSandboxSecretId0001', secretKey: 'SandboxSecretKey00000000000000001' },
    ],
    stsCredentials: [
      {
        secretId: 'AKIDSandboxTmpSecretId0001',
        secretKey: 'SandboxTmpSecretKey0000000000001',
        token: 'SandboxTencentStsToken-0001',
      },
    ],
    sdkAppIds: ['1400000001'],
    regions: ['ap-guangzhou', 'ap-beijing', 'ap-nanjing', 'ap-singapore'],
    signatures: [
      { name: 'Logto测试', region: 'mainland' },
      { name: 'LogtoSandbox', region: 'international' },
    ],
    templates: [
      {
        id: '900001',
        type: 'verification',
        region: 'mainland',
        content: '您的验证码为{1}，5分钟内有效，请勿泄露。',
      },
      {
        id: '900002',
        type: 'verification',
        region: 'international',
        content: 'Your verification code is {1}. It expires in 5 minutes.',
      },
      {
        id: '900003',
        type: 'verification',
        region: 'mainland',
        content: '您的验证码为{1}，{2}分钟内有效。',
      },
      {
        id: '900010',
        type: 'notification',
        region: 'mainland',
        content: '{1}，您好：您的验证码为{2}。',
      },
    ],
    whitelist: [],
  },
  rateLimits: { enabled: true },
  inbox: { maxMessages: 10_000 },
};
