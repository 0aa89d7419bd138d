/**
 * The connector configs of the concurrency test (concurrency.test.ts), one per profile, and what
 * every message sent with each must look like.
 */
import {
  aliyunKeys,
  aliyunSts,
  apikeys,
  emulatorOf,
  sdkAppIdOf,
  tencentKeys,
  yunpianDomestic,
  yunpianDomesticEnglish,
  yunpianInternational,
  type Emulator,
  type Region,
} from './concurrency-accounts.js';
import { requiredUsageTypes, type Provider } from './env.js';

/**
 * Each send's timeout: the longest a config may set. This file checks that no send is signed or
 * addressed with another call's config, not how fast 1000 sends finish (that is the load bench's
 * job); on a loaded 2-core machine the default 10 s let sends at the tail of the burst time out.
 */
export const sendTimeoutMs = 60_000;

/** One distinct connector config, and what every message sent with it must look like. */
export type Profile = {
  name: string;
  provider: Provider;
  emulator: Emulator;
  config: (endpoint: string) => Record<string, unknown>;
  /** Message fields by recipient region. */
  expect: (
    region: Region,
    locale?: string
  ) => { template: string; credential: string; signName: string; signatureAlgorithm?: string };
};

type AliyunProfileOptions = {
  credentialName: keyof typeof aliyunKeys | keyof typeof aliyunSts;
  signatureAlgorithm: 'ACS3-HMAC-SHA256' | 'HMAC-SHA1';
  signName: string;
  /** The mainland template code. */
  china: string;
  codeParamName?: string;
};

const isAccessKeyName = (
  name: AliyunProfileOptions['credentialName']
): name is keyof typeof aliyunKeys => Object.hasOwn(aliyunKeys, name);

const aliyunProfile = (
  name: string,
  { credentialName, signatureAlgorithm, signName, china, codeParamName }: AliyunProfileOptions
): Profile => {
  // CodeParamName belongs to the template entry, so both region codes must use that variable.
  const overseas = codeParamName ? 'SMS_900021' : 'SMS_900002';
  const credentials = isAccessKeyName(credentialName)
    ? aliyunKeys[credentialName]
    : aliyunSts[credentialName];
  return {
    name,
    provider: 'aliyun',
    emulator: emulatorOf[credentialName] ?? 'A',
    config: (endpoint) => ({
      ...credentials,
      signName,
      signatureAlgorithm,
      endpoint,
      timeout: sendTimeoutMs,
      templates: requiredUsageTypes.map((usageType) => ({
        usageType,
        templateCode: { china, overseas },
        ...(codeParamName ? { codeParamName } : {}),
      })),
    }),
    expect: (region) => ({
      template: region === 'mainland' ? china : overseas,
      credential: credentials.accessKeyId,
      signName,
      signatureAlgorithm,
    }),
  };
};

const yunpianProfile = (
  name: string,
  keyName: keyof typeof apikeys,
  withEnglish: boolean
): Profile => ({
  name,
  provider: 'yunpian',
  emulator: emulatorOf[keyName] ?? 'A',
  config: (endpoint) => ({
    apikey: apikeys[keyName],
    enableInternational: true,
    endpoint,
    timeout: sendTimeoutMs,
    templates: [
      ...requiredUsageTypes.map((usageType) => ({
        usageType,
        content: { china: yunpianDomestic, overseas: yunpianInternational },
      })),
      ...(withEnglish
        ? [
            {
              usageType: 'Generic',
              locale: 'en',
              content: { china: yunpianDomesticEnglish, overseas: yunpianInternational },
            },
          ]
        : []),
    ],
  }),
  expect: (region, locale) => {
    const english = withEnglish && locale === 'en';
    return {
      template: region === 'international' ? '2001' : english ? '1002' : '1001',
      credential: `${apikeys[keyName].slice(0, 4)}…${apikeys[keyName].slice(-4)}`,
      signName: region === 'international' ? 'Logto' : 'Logto测试',
    };
  },
});

const tencentProfile = (
  name: string,
  keyName: keyof typeof tencentKeys,
  withEnglish: boolean
): Profile => ({
  name,
  provider: 'tencent',
  emulator: emulatorOf[keyName] ?? 'A',
  config: (endpoint) => ({
    timeout: sendTimeoutMs,
    ...tencentKeys[keyName],
    sdkAppId: sdkAppIdOf[keyName],
    signName: 'Logto测试',
    overseasSignName: 'LogtoSandbox',
    endpoint,
    templates: [
      ...requiredUsageTypes.map((usageType) => ({
        usageType,
        templateCode: { china: '900001', overseas: '900002' },
      })),
      ...(withEnglish
        ? [
            {
              usageType: 'Generic',
              locale: 'en',
              templateCode: { china: '900005', overseas: '900006' },
              fixedParams: ['5'],
            },
          ]
        : []),
    ],
  }),
  expect: (region, locale) => ({
    template:
      withEnglish && locale === 'en'
        ? region === 'international'
          ? '900006'
          : '900005'
        : region === 'international'
          ? '900002'
          : '900001',
    credential: tencentKeys[keyName].accessKeyId,
    signName: region === 'international' ? 'LogtoSandbox' : 'Logto测试',
    signatureAlgorithm: 'TC3-HMAC-SHA256',
  }),
});

export const profiles: Profile[] = [
  aliyunProfile('aliyun K1 V3', {
    credentialName: 'K1',
    signatureAlgorithm: 'ACS3-HMAC-SHA256',
    signName: 'Logto测试',
    china: 'SMS_900001',
  }),
  aliyunProfile('aliyun K2 V1', {
    credentialName: 'K2',
    signatureAlgorithm: 'HMAC-SHA1',
    signName: 'LogtoSandbox',
    china: 'SMS_900003',
  }),
  // eslint-disable-next-line no-template-curly-in-string -- names the template's literal ${otp} variable
  aliyunProfile('aliyun S1 STS V3 ${otp}', {
    credentialName: 'S1',
    signatureAlgorithm: 'ACS3-HMAC-SHA256',
    signName: 'LogtoSandbox',
    china: 'SMS_900020',
    codeParamName: 'otp',
  }),
  aliyunProfile('aliyun S1 STS V1', {
    credentialName: 'S1',
    signatureAlgorithm: 'HMAC-SHA1',
    signName: 'Logto测试',
    china: 'SMS_900001',
  }),
  aliyunProfile('aliyun K3 V1 (B)', {
    credentialName: 'K3',
    signatureAlgorithm: 'HMAC-SHA1',
    signName: 'Logto测试',
    china: 'SMS_900003',
  }),
  aliyunProfile('aliyun K3 V3 (B)', {
    credentialName: 'K3',
    signatureAlgorithm: 'ACS3-HMAC-SHA256',
    signName: 'LogtoSandbox',
    china: 'SMS_900001',
  }),
  aliyunProfile('aliyun S2 STS V3 (B)', {
    credentialName: 'S2',
    signatureAlgorithm: 'ACS3-HMAC-SHA256',
    signName: 'Logto测试',
    china: 'SMS_900020',
    codeParamName: 'otp',
  }),
  aliyunProfile('aliyun S2 STS V1 (B)', {
    credentialName: 'S2',
    signatureAlgorithm: 'HMAC-SHA1',
    signName: 'LogtoSandbox',
    china: 'SMS_900001',
  }),
  yunpianProfile('yunpian Y1', 'Y1', false),
  yunpianProfile('yunpian Y2 + English', 'Y2', true),
  yunpianProfile('yunpian Y3 (B)', 'Y3', true),
  tencentProfile('tencent T1', 'T1', false),
  tencentProfile('tencent STS + English', 'TS', true),
  tencentProfile('tencent T2 + English (B)', 'T2', true),
];
