/**
 * The leak probe of secrets.test.ts: canary credentials and the configs holding them, the
 * provider errors and transport faults each connector is driven through, and the context a
 * scenario list is built with.
 */
import type { FaultSpec } from '@logto-sms/sandbox';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { canaries, formsOf } from '../../support/canaries.js';

import {
  aliyunConfig,
  tencentConfig,
  yunpianConfig,
  type AliyunAlgorithm,
  type Provider,
  type SendData,
} from './env.js';

/** For the scenarios that wait for the timeout (hang, drip, delay); short to keep the file fast. */
export const timeout = 500;
/** Everything else answers at once; a generous budget keeps them on their path on a loaded machine. */
export const relaxedTimeout = 10_000;
/** The `extra` that gives a config the short timeout. */
export const waits = { timeout };
export const longTermKeyId = 'LTAI5tLeakProbeKey0001';
export const stsKeyId = 'STS.LeakProbeTempKey0001';
export const tencentSecretId = 'AKIDLeakProbeSecretId0001';
export const tencentTemporarySecretId = 'AKIDLeakProbeTmpSecretId0001';

export type Scenario = {
  name: string;
  provider: Provider;
  /** The canaries this connector was given (config secrets and the code). */
  secrets: string[];
  run: () => Promise<unknown>;
  /** The error this path must produce; `providerCode` proves the provider path was really taken. */
  expected: { code: ConnectorErrorCodes; providerCode?: string | number };
};

// ------------------------------------------------------------------ connector configs

export type AliyunCredentialSet = {
  label: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
};
export const longTerm: AliyunCredentialSet = {
  label: 'AccessKey',
  accessKeyId: longTermKeyId,
  accessKeySecret: canaries.accessKeySecret,
};
export const sts: AliyunCredentialSet = {
  label: 'STS',
  accessKeyId: stsKeyId,
  accessKeySecret: canaries.stsSecret,
  securityToken: canaries.securityToken,
};

export const aliyunSecrets = (credentials: AliyunCredentialSet, code: string = canaries.code) =>
  [credentials.accessKeySecret, credentials.securityToken, code].filter(
    (value): value is string => value !== undefined
  );

export const aliyun = (
  endpoint: string,
  algorithm: AliyunAlgorithm,
  credentials: AliyunCredentialSet,
  extra: Record<string, unknown> = {}
) =>
  aliyunConfig({
    endpoint,
    timeout: relaxedTimeout,
    signatureAlgorithm: algorithm,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
    },
    extra,
  });

export const yunpian = (
  endpoint: string,
  apikey: string = canaries.apikey,
  extra: Record<string, unknown> = {}
) => yunpianConfig({ endpoint, apikey, timeout: relaxedTimeout, extra });

export type TencentCredentialSet = {
  label: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
};
export const tencentLongTerm: TencentCredentialSet = {
  label: 'SecretKey',
  accessKeyId: tencentSecretId,
  accessKeySecret: canaries.accessKeySecret,
};
export const tencentSts: TencentCredentialSet = {
  label: 'STS',
  accessKeyId: tencentTemporarySecretId,
  accessKeySecret: canaries.stsSecret,
  securityToken: canaries.securityToken,
};

export const tencent = (
  endpoint: string,
  credentials: TencentCredentialSet,
  extra: Record<string, unknown> = {}
) =>
  tencentConfig({
    endpoint,
    timeout: relaxedTimeout,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
    },
    extra,
  });

export const tencentProviderErrors: Array<{
  code: string;
  httpStatus?: number;
  expected: ConnectorErrorCodes;
  sticky?: boolean;
}> = [
  {
    code: 'LimitExceeded.PhoneNumberThirtySecondLimit',
    expected: ConnectorErrorCodes.RateLimitExceeded,
  },
  // Retried once (rejected unprocessed); sticky, so the retry is refused as well.
  { code: 'RequestLimitExceeded', expected: ConnectorErrorCodes.RateLimitExceeded, sticky: true },
  {
    code: 'FailedOperation.InsufficientBalanceInSmsPackage',
    expected: ConnectorErrorCodes.UsageLimitExceeded,
  },
  { code: 'AuthFailure.SignatureFailure', expected: ConnectorErrorCodes.InvalidConfig },
  { code: 'AuthFailure.TokenFailure', expected: ConnectorErrorCodes.InvalidConfig },
  {
    code: 'FailedOperation.TemplateIncorrectOrUnapproved',
    expected: ConnectorErrorCodes.InvalidConfig,
  },
  {
    code: 'InvalidParameterValue.IncorrectPhoneNumber',
    expected: ConnectorErrorCodes.InvalidRequestParameters,
  },
  { code: 'InternalError.OtherError', expected: ConnectorErrorCodes.General },
  { code: 'InternalError', httpStatus: 500, expected: ConnectorErrorCodes.General },
  { code: 'Something.New', expected: ConnectorErrorCodes.General },
];

// ------------------------------------------------------------------ scenarios

export const transportFaults: Array<{
  kind: string;
  fault?: Omit<FaultSpec, 'to'>;
  code: ConnectorErrorCodes;
  waitsForTimeout?: boolean;
}> = [
  {
    kind: 'hang',
    fault: { kind: 'hang' },
    code: ConnectorErrorCodes.General,
    waitsForTimeout: true,
  },
  {
    kind: 'drip',
    fault: { kind: 'drip', intervalMs: 50 },
    code: ConnectorErrorCodes.General,
    waitsForTimeout: true,
  },
  { kind: 'reset', fault: { kind: 'reset' }, code: ConnectorErrorCodes.General },
  {
    kind: 'delay beyond timeout',
    fault: { kind: 'delay', delayMs: timeout + 300 },
    code: ConnectorErrorCodes.General,
    waitsForTimeout: true,
  },
  { kind: 'html502', fault: { kind: 'html502' }, code: ConnectorErrorCodes.General },
  { kind: 'truncated', fault: { kind: 'truncated' }, code: ConnectorErrorCodes.InvalidResponse },
  { kind: 'non-json', fault: { kind: 'non-json' }, code: ConnectorErrorCodes.InvalidResponse },
  { kind: 'empty', fault: { kind: 'empty' }, code: ConnectorErrorCodes.InvalidResponse },
  {
    kind: 'unknown-shape',
    fault: { kind: 'unknown-shape' },
    code: ConnectorErrorCodes.InvalidResponse,
  },
  {
    kind: 'huge',
    fault: { kind: 'huge', sizeBytes: 5 * 1024 * 1024 },
    code: ConnectorErrorCodes.InvalidResponse,
  },
  { kind: 'refused', code: ConnectorErrorCodes.General },
  { kind: 'unresolvable', code: ConnectorErrorCodes.General },
];

/** Short enough that Aliyun's 300-character cut of provider messages does not split a secret. */
export const shortEcho = (secret: string) => {
  const [raw, once, twice] = formsOf(secret);
  return `echo ${raw} ${once} ${twice} ${JSON.stringify(secret)}`;
};

export const aliyunProviderErrors: Array<{
  code: string;
  httpStatus?: number;
  expected: ConnectorErrorCodes;
  sticky?: boolean;
}> = [
  { code: 'isv.BUSINESS_LIMIT_CONTROL', expected: ConnectorErrorCodes.RateLimitExceeded },
  // Throttling is retried once (rejected unprocessed); sticky, so the retry is refused as well.
  {
    code: 'Throttling.User',
    httpStatus: 400,
    expected: ConnectorErrorCodes.RateLimitExceeded,
    sticky: true,
  },
  { code: 'isv.AMOUNT_NOT_ENOUGH', expected: ConnectorErrorCodes.UsageLimitExceeded },
  { code: 'SignatureDoesNotMatch', httpStatus: 400, expected: ConnectorErrorCodes.InvalidConfig },
  {
    code: 'InvalidAccessKeyId.NotFound',
    httpStatus: 404,
    expected: ConnectorErrorCodes.InvalidConfig,
  },
  { code: 'isv.SMS_TEMPLATE_ILLEGAL', expected: ConnectorErrorCodes.InvalidConfig },
  { code: 'isv.MOBILE_NUMBER_ILLEGAL', expected: ConnectorErrorCodes.InvalidRequestParameters },
  { code: 'isp.SYSTEM_ERROR', expected: ConnectorErrorCodes.General },
  { code: 'InternalError', httpStatus: 500, expected: ConnectorErrorCodes.General },
  { code: 'isv.SOMETHING_NEW', expected: ConnectorErrorCodes.General },
];

export const yunpianProviderErrors: Array<{
  code: number;
  httpStatus?: number;
  expected: ConnectorErrorCodes;
}> = [
  { code: 33, expected: ConnectorErrorCodes.RateLimitExceeded },
  { code: 3, expected: ConnectorErrorCodes.UsageLimitExceeded },
  { code: -1, expected: ConnectorErrorCodes.InvalidConfig },
  { code: 5, expected: ConnectorErrorCodes.InvalidConfig },
  { code: 2, expected: ConnectorErrorCodes.InvalidRequestParameters },
  { code: -51, httpStatus: 500, expected: ConnectorErrorCodes.General },
  { code: 9999, expected: ConnectorErrorCodes.General },
];

// Valid configs holding the secrets, for refusals before any request (the endpoint is never used).
export const aliyunValid = aliyun('http://127.0.0.1:1', 'ACS3-HMAC-SHA256', sts);
export const yunpianValid = yunpian('http://127.0.0.1:1');
export const tencentValid = tencent('http://127.0.0.1:1', tencentSts);

/** The templates of a config built above. */
export const templatesOf = (config: Record<string, unknown>): unknown[] => {
  const { templates } = config;
  if (!Array.isArray(templates)) {
    throw new TypeError('the config has no templates list');
  }
  return templates;
};

/** What scenarios reach the emulator through; read when a scenario runs, not when it is built. */
export type ProbeContext = {
  url: () => string;
  /** The endpoint for a transport fault kind: a closed port, an unresolvable name, or the emulator. */
  endpointFor: (kind: string) => string;
  send: (provider: Provider, config: Record<string, unknown>, data?: SendData) => Promise<unknown>;
  /** A send whose recipient gets `fault` first. */
  faulted: (
    provider: Provider,
    config: Record<string, unknown>,
    fault: Omit<FaultSpec, 'to'>,
    code?: string
  ) => Promise<unknown>;
  nextMainland: () => string;
  nextHongKong: () => string;
};
