/** The leak scenarios of the YunPian and Tencent connectors (secrets.test.ts). */

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { canaries, hostileEcho, lowercaseHexEcho } from '../../support/canaries.js';

import { requiredUsageTypes, sendData } from './env.js';
import {
  tencent,
  tencentLongTerm,
  tencentProviderErrors,
  tencentSts,
  transportFaults,
  waits,
  yunpian,
  yunpianProviderErrors,
  type ProbeContext,
  type Scenario,
} from './leak-probe.js';

export const yunpianTencentScenarios = ({
  url,
  endpointFor,
  send,
  faulted,
  nextMainland,
  nextHongKong,
}: ProbeContext): Scenario[] => {
  const list: Scenario[] = [];
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
  return list;
};
