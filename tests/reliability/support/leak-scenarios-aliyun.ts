/** The leak scenarios of the Aliyun SMS connector (secrets.test.ts): both signatures, both credential kinds. */

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { canaries, lowercaseHexEcho } from '../../support/canaries.js';

import { requiredUsageTypes, sendData } from './env.js';
import {
  aliyun,
  aliyunProviderErrors,
  aliyunSecrets,
  longTerm,
  shortEcho,
  sts,
  transportFaults,
  waits,
  type ProbeContext,
  type Scenario,
} from './leak-probe.js';

export const aliyunScenarios = ({
  url,
  endpointFor,
  send,
  faulted,
  nextMainland,
  nextHongKong,
}: ProbeContext): Scenario[] => {
  const list: Scenario[] = [];
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
  return list;
};
