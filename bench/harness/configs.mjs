// Connector configs and the message every run sends. They match the emulator's defaults
// (packages/sandbox/src/config/defaults.ts): Aliyun key LTAI5tSandboxKeyId0001, signature Logto测试,
// mainland verification template SMS_900001 with ${code}; YunPian apikey 5a1b…e8f9 and the domestic
// template 【Logto测试】您的验证码是#code#。如非本人操作，请忽略本短信 (the account's default signature
// is prepended by the emulator, exactly like YunPian does).

// Mainland number with the country code and no '+': the official YunPian connector treats a number
// without 86/+86 as international (and would refuse it with enableInternational off).
export const recipient = '8613800138000';

export const message = (index) => ({
  to: recipient,
  type: 'SignIn',
  payload: { code: String(100_000 + (index % 900_000)) },
});

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

const aliyunBase = {
  accessKeyId: 'LTAI5tSandboxKeyId0001',
  accessKeySecret: 'SandboxAccessKeySecret000000001',
  signName: 'Logto测试',
  templates: usageTypes.map((usageType) => ({ usageType, templateCode: 'SMS_900001' })),
};

const yunpianBase = {
  apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
  templates: usageTypes.map((usageType) => ({
    usageType,
    content: '您的验证码是{{code}}。如非本人操作，请忽略本短信',
  })),
};

// Tencent: the emulator's SecretId, SdkAppId 1400000001 and domestic template 900001 ({1}). The
// official connector takes one template ID per usage type; ours gets the same single ID.
const tencentBase = {
  accessKeyId: 'AKIDSandboxSecretId0001',
  accessKeySecret: 'SandboxSecretKey00000000000000001',
  signName: 'Logto测试',
  sdkAppId: '1400000001',
  region: 'ap-guangzhou',
  templates: usageTypes.map((usageType) => ({ usageType, templateCode: '900001' })),
};

/**
 * `endpoint` undefined means "the provider's real endpoint" (routed to the TLS front by route.mjs);
 * the official connectors cannot be given anything else.
 */
export const connectorConfig = ({ implementation, provider, algorithm, endpoint }) => {
  if (provider === 'aliyun') {
    if (implementation === 'official') {
      return { ...aliyunBase };
    }
    return { ...aliyunBase, signatureAlgorithm: algorithm, ...(endpoint ? { endpoint } : {}) };
  }
  if (provider === 'tencent') {
    if (implementation === 'official') {
      return { ...tencentBase };
    }
    return { ...tencentBase, ...(endpoint ? { endpoint } : {}) };
  }
  if (implementation === 'official') {
    return { ...yunpianBase };
  }
  return { ...yunpianBase, ...(endpoint ? { endpoint } : {}) };
};

export const providerOrigin = {
  aliyun: 'https://dysmsapi.aliyuncs.com',
  yunpian: 'https://sms.yunpian.com',
  tencent: 'https://sms.tencentcloudapi.com',
};
export const providerPath = { aliyun: '/', yunpian: '/v2/sms/single_send.json', tencent: '/' };
