/**
 * Secrets never leave the connectors. The emulator knows canary credentials (support/canaries.ts);
 * every error path is driven over real HTTP (each fault kind, each provider error category, a
 * provider that echoes the secrets, config errors, input errors), and no canary form may appear in
 * anything thrown (message, data, cause, stack, JSON, util.inspect) or written to stdout, stderr or
 * the console while the sends ran.
 *
 * Each scenario also asserts the error it must produce, so a scenario that silently stopped
 * reaching its path (and trivially leaked nothing) fails.
 *
 * No nock in this file: it uses real sockets.
 */
import { startSandbox, type FaultSpec, type Sandbox } from '@logto-sms/sandbox';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import {
  canaries,
  formsOf,
  hostileEcho,
  leaksIn,
  leaksInError,
  lowercaseHexEcho,
  type Leak,
} from '../support/canaries.js';
import {
  makeLocalhostUnresolvable,
  restoreResolver,
  unresolvableUrl,
} from '../support/unresolvable.js';

import {
  aliyunConfig,
  closedPortUrl,
  connectorFor,
  errorData,
  formOnlyConnector,
  hongKongNumber,
  isConnectorError,
  mainlandNumber,
  requiredUsageTypes,
  sendData,
  settle,
  sleep,
  tencentConfig,
  unhandledRejections,
  yunpianConfig,
  type AliyunAlgorithm,
  type Outcome,
  type Provider,
} from './support/env.js';

/** For the scenarios that wait for the timeout (hang, drip, delay); short to keep the file fast. */
const timeout = 500;
/** Everything else answers at once; a generous budget keeps them on their path on a loaded machine. */
const relaxedTimeout = 10_000;
/** The `extra` that gives a config the short timeout. */
const waits = { timeout };
const longTermKeyId = 'LTAI5tLeakProbeKey0001';
const stsKeyId = 'STS.LeakProbeTempKey0001';
const tencentSecretId = 'AKIDLeakProbeSecretId0001';
const tencentTemporarySecretId = 'AKIDLeakProbeTmpSecretId0001';

type Scenario = {
  name: string;
  provider: Provider;
  /** The canaries this connector was given (config secrets and the code). */
  secrets: string[];
  run: () => Promise<unknown>;
  /** The error this path must produce; `providerCode` proves the provider path was really taken. */
  expected: { code: ConnectorErrorCodes; providerCode?: string | number };
};

let sandbox: Sandbox;
let refused: string;
let unresolvable: string;
const outcomes = new Map<string, Outcome>();
const written: Array<{ stream: string; text: string }> = [];
const rejections = unhandledRejections();

// ------------------------------------------------------------------ connector configs

type AliyunCredentialSet = {
  label: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
};
const longTerm: AliyunCredentialSet = {
  label: 'AccessKey',
  accessKeyId: longTermKeyId,
  accessKeySecret: canaries.accessKeySecret,
};
const sts: AliyunCredentialSet = {
  label: 'STS',
  accessKeyId: stsKeyId,
  accessKeySecret: canaries.stsSecret,
  securityToken: canaries.securityToken,
};

const aliyunSecrets = (credentials: AliyunCredentialSet, code: string = canaries.code) =>
  [credentials.accessKeySecret, credentials.securityToken, code].filter(
    (value): value is string => value !== undefined
  );

const aliyun = (
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

const yunpian = (
  endpoint: string,
  apikey: string = canaries.apikey,
  extra: Record<string, unknown> = {}
) => yunpianConfig({ endpoint, apikey, timeout: relaxedTimeout, extra });

type TencentCredentialSet = {
  label: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
};
const tencentLongTerm: TencentCredentialSet = {
  label: 'SecretKey',
  accessKeyId: tencentSecretId,
  accessKeySecret: canaries.accessKeySecret,
};
const tencentSts: TencentCredentialSet = {
  label: 'STS',
  accessKeyId: tencentTemporarySecretId,
  accessKeySecret: canaries.stsSecret,
  securityToken: canaries.securityToken,
};

const tencent = (
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

const tencentProviderErrors: Array<{
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

let recipientSeq = 0;
const nextMainland = () => mainlandNumber(77, (recipientSeq += 1));
const nextHongKong = () => hongKongNumber(77, (recipientSeq += 1));

const send = async (
  provider: Provider,
  config: Record<string, unknown>,
  data = sendData(nextMainland(), canaries.code)
) => {
  const connector = await connectorFor(provider, config);
  return connector.sendMessage(data);
};

/** A send whose recipient gets `fault` first. */
const faulted = async (
  provider: Provider,
  config: Record<string, unknown>,
  fault: Omit<FaultSpec, 'to'>,
  code: string = canaries.code
) => {
  const to = nextMainland();
  sandbox.faults.add({ ...fault, provider, to });
  return send(provider, config, sendData(to, code));
};

const transportFaults: Array<{
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
const shortEcho = (secret: string) => {
  const [raw, once, twice] = formsOf(secret);
  return `echo ${raw} ${once} ${twice} ${JSON.stringify(secret)}`;
};

const aliyunProviderErrors: Array<{
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

const yunpianProviderErrors: Array<{
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

const scenarios = (): Scenario[] => {
  const list: Scenario[] = [];
  // Resolved when a scenario runs: the table is built at collection time, the emulator later.
  const url = () => sandbox.url;
  const endpointFor = (kind: string) =>
    kind === 'refused' ? refused : kind === 'unresolvable' ? unresolvable : url();

  for (const algorithm of ['ACS3-HMAC-SHA256', 'HMAC-SHA1'] as const) {
    for (const credentials of [longTerm, sts]) {
      const prefix = `aliyun ${algorithm} ${credentials.label}`;
      const secrets = aliyunSecrets(credentials);
      const config = (extra: Record<string, unknown> = {}, endpoint = url()) =>
        aliyun(endpoint, algorithm, credentials, extra);

      for (const { kind, fault, code, waitsForTimeout } of transportFaults) {
        const extra = waitsForTimeout ? waits : {};
        list.push({
          name: `${prefix}: ${kind}`,
          provider: 'aliyun',
          secrets,
          run: async () =>
            fault
              ? faulted('aliyun', config(extra), fault)
              : send('aliyun', config(extra, endpointFor(kind))),
          expected: { code },
        });
      }
      for (const error of aliyunProviderErrors) {
        for (const secret of secrets) {
          list.push({
            name: `${prefix}: ${error.code} echoing ${secret === canaries.code ? 'the code' : 'a secret'}`,
            provider: 'aliyun',
            secrets,
            run: async () =>
              faulted('aliyun', config(), {
                kind: 'error',
                code: error.code,
                message: shortEcho(secret),
                ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
                ...(error.sticky ? { sticky: true } : {}),
              }),
            expected: { code: error.expected, providerCode: error.code },
          });
        }
      }
      // The emulator's own answers on the real paths.
      list.push(
        {
          name: `${prefix}: wrong secret (SignatureDoesNotMatch quotes the string-to-sign)`,
          provider: 'aliyun',
          secrets: [...aliyunSecrets({ ...credentials, accessKeySecret: canaries.wrongSecret })],
          run: async () =>
            send(
              'aliyun',
              aliyun(url(), algorithm, { ...credentials, accessKeySecret: canaries.wrongSecret })
            ),
          expected: {
            code: ConnectorErrorCodes.InvalidConfig,
            providerCode: 'SignatureDoesNotMatch',
          },
        },
        {
          name: `${prefix}: unknown signature name`,
          provider: 'aliyun',
          secrets,
          run: async () => send('aliyun', config({ signName: 'NotApproved' })),
          expected: {
            code: ConnectorErrorCodes.InvalidConfig,
            providerCode: 'isv.SMS_SIGNATURE_ILLEGAL',
          },
        },
        {
          name: `${prefix}: unknown template`,
          provider: 'aliyun',
          secrets,
          run: async () =>
            send(
              'aliyun',
              config({
                templates: requiredUsageTypes.map((usageType) => ({
                  usageType,
                  templateCode: 'SMS_404',
                })),
              })
            ),
          expected: {
            code: ConnectorErrorCodes.InvalidConfig,
            providerCode: 'isv.SMS_TEMPLATE_ILLEGAL',
          },
        },
        {
          name: `${prefix}: code refused by the provider (too long)`,
          provider: 'aliyun',
          secrets: aliyunSecrets(credentials, canaries.longCode),
          run: async () => send('aliyun', config(), sendData(nextMainland(), canaries.longCode)),
          expected: {
            code: ConnectorErrorCodes.InvalidRequestParameters,
            providerCode: 'isv.INVALID_PARAMETERS',
          },
        },
        {
          name: `${prefix}: international template for a mainland number`,
          provider: 'aliyun',
          secrets,
          // The emulator delivers a bare 11-digit number on an international template as +1 (modelled
          // from reports), so Aliyun's documented answer for a mainland number is injected.
          run: async () =>
            faulted(
              'aliyun',
              config({
                templates: requiredUsageTypes.map((usageType) => ({
                  usageType,
                  templateCode: 'SMS_900002',
                })),
              }),
              {
                kind: 'error',
                code: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
              }
            ),
          expected: {
            code: ConnectorErrorCodes.InvalidConfig,
            providerCode: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
          },
        },
        {
          name: `${prefix}: mainland template for an international number`,
          provider: 'aliyun',
          secrets,
          run: async () =>
            send(
              'aliyun',
              config({
                templates: requiredUsageTypes.map((usageType) => ({
                  usageType,
                  templateCode: 'SMS_900001',
                })),
              }),
              sendData(nextHongKong(), canaries.code)
            ),
          expected: {
            code: ConnectorErrorCodes.InvalidRequestParameters,
            providerCode: 'isv.MOBILE_NUMBER_ILLEGAL',
          },
        },
        {
          name: `${prefix}: per-number flow control (second code within a minute)`,
          provider: 'aliyun',
          secrets,
          run: async () => {
            const to = nextMainland();
            await send('aliyun', config(), sendData(to, canaries.code));
            return send('aliyun', config(), sendData(to, canaries.code));
          },
          expected: {
            code: ConnectorErrorCodes.RateLimitExceeded,
            providerCode: 'isv.BUSINESS_LIMIT_CONTROL',
          },
        }
      );
      if (credentials.securityToken) {
        list.push({
          name: `${prefix}: STS token that does not belong to the key`,
          provider: 'aliyun',
          secrets: aliyunSecrets({ ...credentials, securityToken: canaries.wrongToken }),
          run: async () =>
            send(
              'aliyun',
              aliyun(url(), algorithm, { ...credentials, securityToken: canaries.wrongToken })
            ),
          expected: {
            code: ConnectorErrorCodes.InvalidConfig,
            providerCode: 'InvalidSecurityToken.MismatchWithAccessKey',
          },
        });
      }
    }
  }

  // A provider message longer than Aliyun's 300-character cut, with a secret across the cut.
  for (const [label, secret, kept] of [
    ['AccessKey secret', canaries.accessKeySecret, 8],
    ['verification code', canaries.code, 4],
  ] as const) {
    list.push({
      name: `aliyun: long provider message with the ${label} across the 300-character cut`,
      provider: 'aliyun',
      secrets: aliyunSecrets(longTerm),
      run: async () =>
        faulted('aliyun', aliyun(url(), 'ACS3-HMAC-SHA256', longTerm), {
          kind: 'error',
          code: 'isp.SYSTEM_ERROR',
          message: `${'x'.repeat(300 - kept)}${secret} tail`,
        }),
      expected: { code: ConnectorErrorCodes.General, providerCode: 'isp.SYSTEM_ERROR' },
    });
  }

  // Percent-encoding with lowercase hex digits is as valid as uppercase (RFC 3986 §2.1).
  for (const [label, secret] of [
    ['AccessKey secret', canaries.accessKeySecret],
    ['STS token', canaries.securityToken],
  ] as const) {
    list.push({
      name: `aliyun: provider echoes the ${label} percent-encoded with lowercase hex`,
      provider: 'aliyun',
      secrets: aliyunSecrets(sts).concat(canaries.accessKeySecret),
      run: async () =>
        faulted(
          'aliyun',
          aliyun(url(), 'HMAC-SHA1', secret === canaries.securityToken ? sts : longTerm),
          {
            kind: 'error',
            code: 'isp.SYSTEM_ERROR',
            message: lowercaseHexEcho(secret),
          }
        ),
      expected: { code: ConnectorErrorCodes.General, providerCode: 'isp.SYSTEM_ERROR' },
    });
  }

  // YunPian
  const ySecrets = [canaries.apikey, canaries.code];
  for (const { kind, fault, code, waitsForTimeout } of transportFaults) {
    const extra = waitsForTimeout ? waits : {};
    list.push({
      name: `yunpian: ${kind}`,
      provider: 'yunpian',
      secrets: ySecrets,
      run: async () =>
        fault
          ? faulted('yunpian', yunpian(url(), canaries.apikey, extra), fault)
          : send('yunpian', yunpian(endpointFor(kind), canaries.apikey, extra)),
      expected: { code },
    });
  }
  for (const error of yunpianProviderErrors) {
    list.push({
      name: `yunpian: code ${error.code} whose detail echoes every secret form`,
      provider: 'yunpian',
      secrets: ySecrets,
      run: async () =>
        faulted('yunpian', yunpian(url()), {
          kind: 'error',
          code: error.code,
          message: hostileEcho(ySecrets),
          ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
        }),
      expected: { code: error.expected, providerCode: error.code },
    });
  }
  list.push(
    {
      name: 'yunpian: provider echoes the apikey percent-encoded with lowercase hex',
      provider: 'yunpian',
      secrets: ySecrets,
      run: async () =>
        faulted('yunpian', yunpian(url()), {
          kind: 'error',
          code: -51,
          message: lowercaseHexEcho(canaries.apikey),
        }),
      expected: { code: ConnectorErrorCodes.General, providerCode: -51 },
    },
    {
      name: 'yunpian: unknown apikey',
      provider: 'yunpian',
      secrets: [canaries.wrongApikey, canaries.code],
      run: async () => send('yunpian', yunpian(url(), canaries.wrongApikey)),
      expected: { code: ConnectorErrorCodes.InvalidConfig, providerCode: -1 },
    },
    {
      name: 'yunpian: empty balance',
      provider: 'yunpian',
      secrets: [canaries.emptyBalanceApikey, canaries.code],
      run: async () => send('yunpian', yunpian(url(), canaries.emptyBalanceApikey)),
      expected: { code: ConnectorErrorCodes.UsageLimitExceeded, providerCode: 3 },
    },
    {
      name: 'yunpian: international number on a domestic-only account',
      provider: 'yunpian',
      secrets: [canaries.domesticApikey, canaries.code],
      run: async () =>
        send(
          'yunpian',
          yunpian(url(), canaries.domesticApikey, { enableInternational: true }),
          sendData(nextHongKong(), canaries.code)
        ),
      expected: { code: ConnectorErrorCodes.InvalidRequestParameters, providerCode: 20 },
    },
    {
      name: 'yunpian: text that matches no approved template',
      provider: 'yunpian',
      secrets: ySecrets,
      run: async () =>
        send(
          'yunpian',
          yunpian(url(), canaries.apikey, {
            templates: requiredUsageTypes.map((usageType) => ({
              usageType,
              content: '【Logto测试】未报备的模板 #code#',
            })),
          })
        ),
      expected: { code: ConnectorErrorCodes.InvalidConfig, providerCode: 5 },
    },
    {
      name: 'yunpian: second code to the same number within 30 s',
      provider: 'yunpian',
      secrets: ySecrets,
      run: async () => {
        const to = nextMainland();
        await send('yunpian', yunpian(url()), sendData(to, canaries.code));
        return send('yunpian', yunpian(url()), sendData(to, canaries.code));
      },
      expected: { code: ConnectorErrorCodes.RateLimitExceeded, providerCode: 8 },
    }
  );

  // Tencent
  for (const credentials of [tencentLongTerm, tencentSts]) {
    const tSecrets = [credentials.accessKeySecret, credentials.securityToken, canaries.code].filter(
      (value): value is string => value !== undefined
    );
    const prefix = `tencent ${credentials.label}`;
    const config = (extra: Record<string, unknown> = {}, endpoint = url()) =>
      tencent(endpoint, credentials, extra);
    for (const { kind, fault, code, waitsForTimeout } of transportFaults) {
      const extra = waitsForTimeout ? waits : {};
      list.push({
        name: `${prefix}: ${kind}`,
        provider: 'tencent',
        secrets: tSecrets,
        run: async () =>
          fault
            ? faulted('tencent', config(extra), fault)
            : send('tencent', config(extra, endpointFor(kind))),
        expected: { code },
      });
    }
    for (const error of tencentProviderErrors) {
      list.push({
        name: `${prefix}: ${error.code}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''} whose message echoes every secret form`,
        provider: 'tencent',
        secrets: tSecrets,
        run: async () =>
          faulted('tencent', config(), {
            kind: 'error',
            code: error.code,
            message: hostileEcho(tSecrets),
            ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
            ...(error.sticky ? { sticky: true } : {}),
          }),
        expected: { code: error.expected, providerCode: error.code },
      });
    }
    list.push(
      {
        name: `${prefix}: wrong SecretKey`,
        provider: 'tencent',
        secrets: [canaries.wrongSecret, credentials.securityToken, canaries.code].filter(
          (value): value is string => value !== undefined
        ),
        run: async () =>
          send(
            'tencent',
            tencent(url(), { ...credentials, accessKeySecret: canaries.wrongSecret })
          ),
        expected: {
          code: ConnectorErrorCodes.InvalidConfig,
          providerCode: 'AuthFailure.SignatureFailure',
        },
      },
      {
        name: `${prefix}: wrong or unexpected STS token`,
        provider: 'tencent',
        secrets: [credentials.accessKeySecret, canaries.wrongToken, canaries.code],
        run: async () =>
          send('tencent', tencent(url(), { ...credentials, securityToken: canaries.wrongToken })),
        expected: {
          code: ConnectorErrorCodes.InvalidConfig,
          providerCode: 'AuthFailure.TokenFailure',
        },
      },
      {
        name: `${prefix}: a template the account does not have`,
        provider: 'tencent',
        secrets: tSecrets,
        run: async () =>
          send(
            'tencent',
            config({
              templates: requiredUsageTypes.map((usageType) => ({
                usageType,
                templateCode: '404',
              })),
            })
          ),
        expected: {
          code: ConnectorErrorCodes.InvalidConfig,
          providerCode: 'FailedOperation.TemplateIncorrectOrUnapproved',
        },
      },
      {
        name: `${prefix}: second code to the same number within 30 s`,
        provider: 'tencent',
        secrets: tSecrets,
        run: async () => {
          const to = nextMainland();
          await send('tencent', config(), sendData(to, canaries.code));
          return send('tencent', config(), sendData(to, canaries.code));
        },
        expected: {
          code: ConnectorErrorCodes.RateLimitExceeded,
          providerCode: 'LimitExceeded.PhoneNumberThirtySecondLimit',
        },
      }
    );
  }

  // Config errors: the secrets are present (in their own fields or typed into the wrong one).
  const aliyunValid = aliyun('http://127.0.0.1:1', 'ACS3-HMAC-SHA256', sts);
  const yunpianValid = yunpian('http://127.0.0.1:1');
  const tencentValid = tencent('http://127.0.0.1:1', tencentSts);
  // Refused before any request, so the endpoint is never used.
  const configErrors: Array<[Provider, string, Record<string, unknown>]> = [
    ['aliyun', 'missing signName', { ...aliyunValid, signName: undefined }],
    ['aliyun', 'no templates', { ...aliyunValid, templates: [] }],
    [
      'aliyun',
      'secret in signatureAlgorithm',
      { ...aliyunValid, signatureAlgorithm: canaries.accessKeySecret },
    ],
    ['aliyun', 'secret in timeout', { ...aliyunValid, timeout: canaries.stsSecret }],
    ['aliyun', 'secret in endpoint', { ...aliyunValid, endpoint: canaries.securityToken }],
    [
      'aliyun',
      'secret in endpoint query',
      {
        ...aliyunValid,
        endpoint: `https://dysmsapi.aliyuncs.com/?k=${encodeURIComponent(canaries.stsSecret)}`,
      },
    ],
    [
      'aliyun',
      'secret in signName with brackets',
      { ...aliyunValid, signName: `【${canaries.stsSecret}】` },
    ],
    [
      'aliyun',
      'secret with a line break inside',
      { ...aliyunValid, accessKeySecret: `${canaries.stsSecret}\n${canaries.stsSecret}` },
    ],
    [
      'aliyun',
      'secret in accessKeyId with a space',
      { ...aliyunValid, accessKeyId: `${canaries.stsSecret} x` },
    ],
    [
      'aliyun',
      'secret in a template locale',
      {
        ...aliyunValid,
        templates: [
          ...(aliyunValid.templates as unknown[]),
          { usageType: 'SignIn', templateCode: 'SMS_1', locale: canaries.securityToken },
        ],
      },
    ],
    [
      'aliyun',
      'secret in codeParamName',
      {
        ...aliyunValid,
        templates: requiredUsageTypes.map((usageType) => ({
          usageType,
          templateCode: 'SMS_1',
          codeParamName: canaries.stsSecret,
        })),
      },
    ],
    [
      'aliyun',
      'secret in templateCode of the wrong type',
      {
        ...aliyunValid,
        templates: requiredUsageTypes.map((usageType) => ({
          usageType,
          templateCode: { china: canaries.stsSecret },
        })),
      },
    ],
    [
      'aliyun',
      'secret in usageType',
      {
        ...aliyunValid,
        templates: [
          ...(aliyunValid.templates as unknown[]),
          { usageType: canaries.stsSecret, templateCode: 'SMS_1' },
        ],
      },
    ],
    [
      'aliyun',
      'plain http off-machine endpoint',
      { ...aliyunValid, endpoint: 'http://dysmsapi.aliyuncs.com' },
    ],
    ['tencent', 'no templates', { ...tencentValid, templates: [] }],
    ['tencent', 'secret in sdkAppId', { ...tencentValid, sdkAppId: canaries.stsSecret }],
    ['tencent', 'secret in region', { ...tencentValid, region: canaries.securityToken }],
    ['tencent', 'secret in timeout', { ...tencentValid, timeout: canaries.stsSecret }],
    ['tencent', 'secret in endpoint', { ...tencentValid, endpoint: canaries.securityToken }],
    [
      'tencent',
      'secret in endpoint query',
      {
        ...tencentValid,
        endpoint: `https://sms.tencentcloudapi.com/?k=${encodeURIComponent(canaries.stsSecret)}`,
      },
    ],
    [
      'tencent',
      'secret in signName with brackets',
      { ...tencentValid, signName: `【${canaries.stsSecret}】` },
    ],
    [
      'tencent',
      'secret in overseasSignName with brackets',
      { ...tencentValid, overseasSignName: `[${canaries.securityToken}]` },
    ],
    [
      'tencent',
      'secret with a line break inside',
      { ...tencentValid, accessKeySecret: `${canaries.stsSecret}\n${canaries.stsSecret}` },
    ],
    [
      'tencent',
      'secret in templateCode',
      {
        ...tencentValid,
        templates: requiredUsageTypes.map((usageType) => ({
          usageType,
          templateCode: canaries.stsSecret,
        })),
      },
    ],
    [
      'tencent',
      'secret as fixedParams text instead of a list',
      {
        ...tencentValid,
        templates: requiredUsageTypes.map((usageType) => ({
          usageType,
          templateCode: '1',
          fixedParams: canaries.securityToken,
        })),
      },
    ],
    [
      'tencent',
      'secret in usageType',
      {
        ...tencentValid,
        templates: [
          ...(tencentValid.templates as unknown[]),
          { usageType: canaries.stsSecret, templateCode: '1' },
        ],
      },
    ],
    [
      'tencent',
      'plain http off-machine endpoint',
      { ...tencentValid, endpoint: 'http://sms.tencentcloudapi.com' },
    ],
    ['yunpian', 'no templates', { ...yunpianValid, templates: [] }],
    ['yunpian', 'secret in timeout', { ...yunpianValid, timeout: canaries.apikey }],
    ['yunpian', 'secret in endpoint', { ...yunpianValid, endpoint: canaries.apikey }],
    [
      'yunpian',
      'secret in enableInternational',
      { ...yunpianValid, enableInternational: canaries.apikey },
    ],
    [
      'yunpian',
      'secret as template content without a placeholder',
      {
        ...yunpianValid,
        templates: requiredUsageTypes.map((usageType) => ({ usageType, content: canaries.apikey })),
      },
    ],
    [
      'yunpian',
      'secret in a template locale',
      {
        ...yunpianValid,
        templates: [
          ...(yunpianValid.templates as unknown[]),
          { usageType: 'SignIn', content: '#code#', locale: canaries.apikey },
        ],
      },
    ],
    [
      'yunpian',
      'secret in usageType',
      {
        ...yunpianValid,
        templates: [
          ...(yunpianValid.templates as unknown[]),
          { usageType: canaries.apikey, content: '#code#' },
        ],
      },
    ],
    [
      'yunpian',
      'plain http off-machine endpoint',
      { ...yunpianValid, endpoint: 'http://sms.yunpian.com' },
    ],
  ];
  for (const [provider, name, config] of configErrors) {
    const secrets =
      provider === 'yunpian'
        ? [canaries.apikey, canaries.code]
        : [canaries.stsSecret, canaries.securityToken, canaries.accessKeySecret, canaries.code];
    list.push({
      name: `${provider} config: ${name}`,
      provider,
      secrets,
      run: async () =>
        (await formOnlyConnector(provider)).sendMessage(
          sendData(nextMainland(), canaries.code),
          config
        ),
      expected: { code: ConnectorErrorCodes.InvalidConfig },
    });
  }

  // Input errors, with valid configs holding the secrets.
  const inputErrors: Array<[string, unknown, ConnectorErrorCodes]> = [
    [
      'the code as the phone number',
      sendData(canaries.code, canaries.code),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'a secret as the phone number',
      sendData(canaries.apikey, canaries.code),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'a secret as the phone number',
      sendData(canaries.stsSecret, canaries.code),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'a malformed code',
      sendData(nextMainland(), `${canaries.code}!`),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'a secret as the code',
      sendData(nextMainland(), canaries.securityToken),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'no code',
      { to: nextMainland(), type: 'SignIn', payload: { locale: canaries.code } },
      ConnectorErrorCodes.InsufficientRequestParameters,
    ],
    [
      '86 with a non-mainland number',
      sendData(`86${canaries.code.replaceAll(/\D/g, '')}12345`, canaries.code),
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      'type that is not a string',
      { to: nextMainland(), type: { secret: canaries.apikey }, payload: { code: canaries.code } },
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
  ];
  const validConfigOf = { aliyun: aliyunValid, yunpian: yunpianValid, tencent: tencentValid };
  for (const provider of ['aliyun', 'yunpian', 'tencent'] as const) {
    for (const [name, data, code] of inputErrors) {
      const config = () => ({ ...validConfigOf[provider], endpoint: url() });
      const secrets =
        provider === 'yunpian'
          ? [canaries.apikey, canaries.code]
          : [canaries.stsSecret, canaries.securityToken, canaries.code];
      list.push({
        name: `${provider} input: ${name}`,
        provider,
        secrets,
        run: async () => (await connectorFor(provider, config())).sendMessage(data as never),
        expected: { code },
      });
    }
  }
  list.push({
    name: 'yunpian input: international number with international SMS off (custom message)',
    provider: 'yunpian',
    secrets: [canaries.apikey, canaries.code],
    run: async () =>
      send(
        'yunpian',
        yunpian(url(), canaries.apikey, { enableInternational: false }),
        sendData(nextHongKong(), canaries.code)
      ),
    // General: the one code whose description Logto shows, and this one is written for the end user.
    expected: { code: ConnectorErrorCodes.General },
  });
  return list;
};

// ------------------------------------------------------------------ run everything once, capturing output

const all: Scenario[] = scenarios();

beforeAll(async () => {
  rejections.start();
  makeLocalhostUnresolvable();
  sandbox = await startSandbox({
    config: {
      aliyun: {
        accessKeys: [{ accessKeyId: longTermKeyId, accessKeySecret: canaries.accessKeySecret }],
        stsCredentials: [
          {
            accessKeyId: stsKeyId,
            accessKeySecret: canaries.stsSecret,
            securityToken: canaries.securityToken,
          },
        ],
      },
      tencent: {
        secrets: [{ secretId: tencentSecretId, secretKey: canaries.accessKeySecret }],
        stsCredentials: [
          {
            secretId: tencentTemporarySecretId,
            secretKey: canaries.stsSecret,
            token: canaries.securityToken,
          },
        ],
        // Notification templates: the canary code has letters, which verification templates refuse.
        templates: [
          { id: '900001', type: 'notification', region: 'mainland', content: '您的验证码为{1}。' },
          {
            id: '900002',
            type: 'notification',
            region: 'international',
            content: 'Your code is {1}.',
          },
        ],
      },
      yunpian: {
        accounts: [
          {
            apikey: canaries.apikey,
            balance: 1_000_000,
            international: true,
            defaultSignature: '【Logto测试】',
          },
          {
            apikey: canaries.emptyBalanceApikey,
            balance: 0,
            international: true,
            defaultSignature: '【Logto测试】',
          },
          {
            apikey: canaries.domesticApikey,
            balance: 1_000_000,
            international: false,
            defaultSignature: '【Logto测试】',
          },
        ],
      },
    },
  });
  refused = await closedPortUrl();
  unresolvable = unresolvableUrl(await closedPortUrl());

  const capture = (stream: string) => (chunk: unknown) => {
    written.push({
      stream,
      text:
        typeof chunk === 'string'
          ? chunk
          : Buffer.isBuffer(chunk)
            ? chunk.toString('utf8')
            : String(chunk),
    });
    return true;
  };
  const spies = [
    vi
      .spyOn(process.stdout, 'write')
      .mockImplementation(capture('stdout') as typeof process.stdout.write),
    vi
      .spyOn(process.stderr, 'write')
      .mockImplementation(capture('stderr') as typeof process.stderr.write),
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        written.push({
          stream: `console.${method}`,
          text: args
            .map((arg) => (typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? String(arg))))
            .join(' '),
        });
      })
    ),
  ];
  try {
    // Sixteen at a time: with everything at once, sends queued behind hung ones for one of the
    // 64 pooled sockets would spend their whole budget waiting and time out instead of taking
    // the path under test.
    const queue = [...all];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
          outcomes.set(scenario.name, await settle(scenario.run));
        }
      })
    );
    // Let abandoned requests (delay, hang) finish inside the capture window too.
    await sleep(timeout + 400);
  } finally {
    for (const spy of spies) {
      spy.mockRestore();
    }
  }
}, 60_000);

afterAll(async () => {
  restoreResolver();
  await sandbox.close();
  rejections.stop();
  expect(rejections.seen).toEqual([]);
});

const describeLeaks = (leaks: Leak[]) =>
  leaks.map(({ canary, form, where }) => `${coreName(canary)} as ${form} in ${where}`);
const coreName = (secret: string) =>
  Object.entries(canaries).find(([, value]) => value === secret)?.[0] ?? 'canary';

describe('no secret or code in any error', () => {
  it('ran a broad set of paths', () => {
    expect(all.length).toBeGreaterThan(150);
  });

  it.each(all.map((scenario) => ({ ...scenario, label: scenario.name })))('$label', (scenario) => {
    const outcome = outcomes.get(scenario.name);
    expect(outcome, 'did not run').toBeDefined();
    if (!outcome || outcome.ok) {
      throw new Error(`resolved instead of failing: ${JSON.stringify(outcome)}`);
    }
    if (!isConnectorError(outcome.error)) {
      throw new Error(`threw something other than a ConnectorError: ${String(outcome.error)}`);
    }
    const { error } = outcome;
    expect(describeLeaks(leaksInError(error, scenario.secrets))).toEqual([]);
    expect(error.code).toBe(scenario.expected.code);
    if (scenario.expected.providerCode !== undefined) {
      expect(errorData(error).providerCode).toBe(scenario.expected.providerCode);
    }
  });
});

describe('nothing written to stdout, stderr or the console holds a secret', () => {
  it('while every scenario ran', () => {
    const secrets = Object.values(canaries);
    const leaks = written.flatMap(({ stream, text }) => leaksIn(text, secrets, stream));
    expect(describeLeaks(leaks)).toEqual([]);
  });
});
