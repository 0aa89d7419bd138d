/**
 * Fixed inputs of the config property tests (config-properties.test.ts): each provider's success
 * answer, a valid base config per connector, the config and template keys a mutation may touch,
 * and hostile configs a person could paste.
 */
import createAliyunConnector from '@logto-sms/connector-aliyun-sms';
import createTencentConnector from '@logto-sms/connector-tencent-sms';
import createYunpianConnector from '@logto-sms/connector-yunpian-sms';

import {
  aliyunConfig,
  requiredUsageTypes,
  tencentConfig,
  yunpianConfig,
  type Provider,
} from './env.js';

export const aliyunSuccess = {
  RequestId: 'B1C2D3E4-0000-4000-8000-000000000000',
  Code: 'OK',
  Message: 'OK',
  BizId: '123456789012345678^0',
};
export const yunpianSuccess = {
  code: 0,
  msg: '发送成功',
  count: 1,
  fee: 0.05,
  unit: 'RMB',
  mobile: '13800138000',
  sid: 30_000_000_001,
};
export const tencentSuccess = {
  Response: {
    SendStatusSet: [
      {
        SerialNo: '5000:1',
        PhoneNumber: '+8613800138000',
        Fee: 1,
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      },
    ],
    RequestId: 'c0ffee00-0000-4000-8000-000000000000',
  },
};
export const successOf: Record<Provider, unknown> = {
  aliyun: aliyunSuccess,
  yunpian: yunpianSuccess,
  tencent: tencentSuccess,
};

export const baseAliyun = (endpoint?: string) => {
  const config = aliyunConfig({ endpoint: endpoint ?? '' });
  if (endpoint === undefined) {
    delete config.endpoint;
  }
  return config;
};
export const baseYunpian = (endpoint?: string) => {
  const config = yunpianConfig({ endpoint: endpoint ?? '' });
  if (endpoint === undefined) {
    delete config.endpoint;
  }
  return config;
};

export const baseTencent = (endpoint?: string) => {
  const config = tencentConfig({ endpoint: endpoint ?? '' });
  if (endpoint === undefined) {
    delete config.endpoint;
  }
  return config;
};
export const baseConfigOf: Record<Provider, (endpoint?: string) => Record<string, unknown>> = {
  aliyun: baseAliyun,
  yunpian: baseYunpian,
  tencent: baseTencent,
};
export const createConnectorOf = {
  aliyun: createAliyunConnector,
  yunpian: createYunpianConnector,
  tencent: createTencentConnector,
};

export const topLevelKeys: Record<Provider, string[]> = {
  aliyun: [
    'accessKeyId',
    'accessKeySecret',
    'securityToken',
    'signName',
    'templates',
    'strictPhoneRegionNumberCheck',
    'endpoint',
    'signatureAlgorithm',
    'timeout',
    'unknownKey',
  ],
  yunpian: [
    'apikey',
    'templates',
    'enableInternational',
    'unsupportedCountriesMsg',
    'strictPhoneRegionNumberCheck',
    'endpoint',
    'timeout',
    'unknownKey',
  ],
  tencent: [
    'accessKeyId',
    'accessKeySecret',
    'securityToken',
    'sdkAppId',
    'signName',
    'overseasSignName',
    'region',
    'templates',
    'strictPhoneRegionNumberCheck',
    'endpoint',
    'timeout',
    'unknownKey',
  ],
};
export const templateKeys: Record<Provider, string[]> = {
  aliyun: ['usageType', 'templateCode', 'locale', 'codeParamName', 'type'],
  yunpian: ['usageType', 'content', 'locale'],
  tencent: ['usageType', 'templateCode', 'locale', 'fixedParams'],
};

// Values a person could paste that are easy to get wrong further down the stack.
export const hostileExamples: Record<Provider, unknown[]> = {
  aliyun: [
    { ...baseAliyun(), securityToken: 'tökén' },
    { ...baseAliyun(), signName: '阿里云短信测试😀' },
    {
      ...baseAliyun(),
      signatureAlgorithm: 'HMAC-SHA1',
      accessKeyId: 'LTAI密钥',
      securityToken: '令牌',
    },
    { ...baseAliyun(), timeout: '500' },
    // Not JSON: Logto's stored config turns these into null (a default), never hands them over.
    { ...baseAliyun(), timeout: Number.POSITIVE_INFINITY },
    { ...baseAliyun(), timeout: Number.NaN, signatureAlgorithm: undefined },
    { ...baseAliyun(), endpoint: '' },
    { ...baseAliyun(), strictPhoneRegionNumberCheck: null },
    { ...baseAliyun(), templates: [] },
    { ...baseAliyun(), templates: 'SMS_1' },
    [],
    null,
    'config',
  ],
  yunpian: [
    { ...baseYunpian(), apikey: '密钥' },
    {
      ...baseYunpian(),
      templates: requiredUsageTypes.map((usageType) => ({
        usageType,
        content: '【签名】验证码#code#😀',
      })),
    },
    { ...baseYunpian(), unsupportedCountriesMsg: null },
    { ...baseYunpian(), timeout: ' 700 ' },
    { ...baseYunpian(), timeout: Number.NEGATIVE_INFINITY },
    { ...baseYunpian(), enableInternational: 'true' },
    {
      ...baseYunpian(),
      templates: requiredUsageTypes.map((usageType) => ({ usageType, content: '#code##code#' })),
    },
    [],
    null,
    42,
  ],
  tencent: [
    { ...baseTencent(), securityToken: 'tökén' },
    { ...baseTencent(), accessKeyId: 'AKID密钥' },
    { ...baseTencent(), signName: '腾讯云😀', overseasSignName: 'Ünïcode' },
    { ...baseTencent(), sdkAppId: 1_400_000_001 },
    { ...baseTencent(), region: 'AP-GUANGZHOU' },
    { ...baseTencent(), timeout: '500' },
    {
      ...baseTencent(),
      templates: requiredUsageTypes.map((usageType) => ({
        usageType,
        templateCode: 1110,
        fixedParams: ['5', '分钟'],
      })),
    },
    {
      ...baseTencent(),
      templates: requiredUsageTypes.map((usageType) => ({
        usageType,
        templateCode: { china: '1' },
      })),
    },
    [],
    null,
  ],
};
