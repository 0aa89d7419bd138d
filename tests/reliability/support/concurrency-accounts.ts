/**
 * The accounts of the concurrency test (concurrency.test.ts): Aliyun AccessKeys and STS
 * credentials, YunPian apikeys, Tencent SecretIds and SdkAppIds, split between two emulator
 * instances that each know only their own, and the emulator config that makes them so.
 */
export type Emulator = 'A' | 'B';
export type Region = 'mainland' | 'international';

export const aliyunKeys = {
  K1: { accessKeyId: 'LTAI5tConcurrencyKey01', accessKeySecret: 'ConcurrencySecret01+/=' },
  K2: { accessKeyId: 'LTAI5tConcurrencyKey02', accessKeySecret: 'ConcurrencySecret02&%' },
  K3: { accessKeyId: 'LTAI5tConcurrencyKey03', accessKeySecret: 'ConcurrencySecret03"\\' },
} as const;
export const aliyunSts = {
  S1: {
    accessKeyId: 'STS.ConcurrencyTemp01',
    accessKeySecret: 'ConcurrencyStsSecret01',
    securityToken: 'ConcurrencyStsToken01/+=',
  },
  S2: {
    accessKeyId: 'STS.ConcurrencyTemp02',
    accessKeySecret: 'ConcurrencyStsSecret02',
    securityToken: 'ConcurrencyStsToken02&%',
  },
} as const;
export const tencentKeys = {
  T1: { accessKeyId: 'AKIDConcurrencyTencent01', accessKeySecret: 'ConcurrencyTencentKey01+/=' },
  T2: { accessKeyId: 'AKIDConcurrencyTencent02', accessKeySecret: 'ConcurrencyTencentKey02&%' },
  TS: {
    accessKeyId: 'AKIDConcurrencyTencentTmp',
    accessKeySecret: 'ConcurrencyTencentTmpKey',
    securityToken: 'ConcurrencyTencentToken/+=',
  },
} as const;
export const sdkAppIdOf: Record<keyof typeof tencentKeys, string> = {
  T1: '1400000011',
  T2: '1400000012',
  TS: '1400000013',
};
export const apikeys = {
  Y1: 'a1a1000000000000000000000000b1b1',
  Y2: 'a2a2000000000000000000000000b2b2',
  Y3: 'a3a3000000000000000000000000b3b3',
} as const;

// Each emulator knows only its own credentials: a request sent to the wrong one is refused.
export const emulatorOf: Record<string, Emulator> = {
  K1: 'A',
  K2: 'A',
  S1: 'A',
  K3: 'B',
  S2: 'B',
  Y1: 'A',
  Y2: 'A',
  Y3: 'B',
  T1: 'A',
  TS: 'A',
  T2: 'B',
};

export const yunpianDomestic = '【Logto测试】您的验证码是#code#。如非本人操作，请忽略本短信';
export const yunpianDomesticEnglish = '【Logto测试】Your verification code is #code#.';
export const yunpianInternational =
  '【Logto】Your verification code is #code#. It expires in 5 minutes.';

export const sandboxConfig = (emulator: Emulator) => ({
  rateLimits: { enabled: false },
  inbox: { maxMessages: 5000 },
  aliyun: {
    accessKeys: Object.entries(aliyunKeys)
      .filter(([name]) => emulatorOf[name] === emulator)
      .map(([, key]) => key),
    stsCredentials: Object.entries(aliyunSts)
      .filter(([name]) => emulatorOf[name] === emulator)
      .map(([, key]) => key),
    signatures: ['Logto测试', 'LogtoSandbox'],
    /* eslint-disable no-template-curly-in-string -- Aliyun template texts hold their variables literally, as `${name}` */
    templates: [
      {
        code: 'SMS_900001',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: '您的验证码为${code}，5分钟内有效，请勿泄露。',
      },
      {
        code: 'SMS_900002',
        type: 'verification' as const,
        region: 'international' as const,
        content: 'Your verification code is ${code}. It expires in 5 minutes.',
      },
      {
        code: 'SMS_900003',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: 'Your verification code is ${code}.',
      },
      {
        code: 'SMS_900020',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: '登录验证码${otp}，请勿告诉他人。',
      },
      {
        code: 'SMS_900021',
        type: 'verification' as const,
        region: 'international' as const,
        content: 'Sign-in code ${otp}; do not share it.',
      },
    ],
    /* eslint-enable no-template-curly-in-string */
  },
  yunpian: {
    accounts: Object.entries(apikeys)
      .filter(([name]) => emulatorOf[name] === emulator)
      .map(([, apikey]) => ({
        apikey,
        balance: 100_000,
        international: true,
        defaultSignature: '【Logto测试】',
      })),
    templates: [
      { id: '1001', content: yunpianDomestic, international: false },
      { id: '1002', content: yunpianDomesticEnglish, international: false },
      { id: '2001', content: yunpianInternational, international: true },
    ],
  },
  tencent: {
    secrets: (['T1', 'T2'] as const)
      .filter((name) => emulatorOf[name] === emulator)
      .map((name) => ({
        secretId: tencentKeys[name].accessKeyId,
        secretKey: tencentKeys[name].accessKeySecret,
      })),
    stsCredentials: (['TS'] as const)
      .filter((name) => emulatorOf[name] === emulator)
      .map((name) => ({
        secretId: tencentKeys[name].accessKeyId,
        secretKey: tencentKeys[name].accessKeySecret,
        token: tencentKeys[name].securityToken,
      })),
    sdkAppIds: Object.entries(sdkAppIdOf)
      .filter(([name]) => emulatorOf[name] === emulator)
      .map(([, id]) => id),
    templates: [
      {
        id: '900001',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: '您的验证码为{1}，5分钟内有效，请勿泄露。',
      },
      {
        id: '900002',
        type: 'verification' as const,
        region: 'international' as const,
        content: 'Your verification code is {1}. It expires in 5 minutes.',
      },
      {
        id: '900005',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: 'Your Logto code is {1}, valid for {2} minutes.',
      },
      {
        id: '900006',
        type: 'verification' as const,
        region: 'international' as const,
        content: 'Logto code {1}, valid for {2} minutes.',
      },
    ],
  },
});
