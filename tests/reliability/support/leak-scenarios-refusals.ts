/** The leak scenarios refused before or at the provider for bad config or input (secrets.test.ts). */

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { canaries } from '../../support/canaries.js';

import { formOnlyConnector, requiredUsageTypes, sendData, type Provider } from './env.js';
import {
  aliyunValid,
  templatesOf,
  tencentValid,
  yunpianValid,
  type ProbeContext,
  type Scenario,
} from './leak-probe.js';

export const refusalScenarios = ({
  url,
  endpointFor,
  send,
  faulted,
  nextMainland,
  nextHongKong,
}: ProbeContext): Scenario[] => {
  const list: Scenario[] = [];
  // Config errors: the secrets are present (in their own fields or typed into the wrong one).
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
          ...templatesOf(aliyunValid),
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
          ...templatesOf(aliyunValid),
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
          ...templatesOf(tencentValid),
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
          ...templatesOf(yunpianValid),
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
          ...templatesOf(yunpianValid),
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

  return list;
};
