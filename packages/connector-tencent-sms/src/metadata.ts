import {
  allowedCountriesFormItem,
  strictPhoneRegionNumberCheckFormItem,
  timeoutFormItem,
} from '@logto-sms/sms-core';

import { ConnectorConfigFormItemType, type ConnectorMetadata } from '@logto/connector-kit';

import { defaultEndpoint, defaultRegion } from './config.js';

/** Distinct from the official connector's `tencent-short-message-service`, so both can be installed. */
export const connectorId = 'logto-sms-tencent';

export const defaultTemplates = [
  { usageType: 'SignIn', templateCode: { china: '1110', overseas: '2220' } },
  { usageType: 'Register', templateCode: { china: '1110', overseas: '2220' } },
  { usageType: 'ForgotPassword', templateCode: { china: '1110', overseas: '2220' } },
  { usageType: 'Generic', templateCode: { china: '1110', overseas: '2220' } },
];

export const metadata: ConnectorMetadata = {
  id: connectorId,
  target: 'tencent-sms',
  platform: null,
  name: {
    en: 'Tencent Cloud SMS (logto-sms)',
    'zh-CN': '腾讯云短信（logto-sms）',
    'zh-TW': '騰訊雲簡訊（logto-sms）',
  },
  description: {
    en: 'Sends verification codes through Tencent Cloud SMS (API 3.0, TC3-HMAC-SHA256): domestic and international templates and sign names, STS tokens, regional and international hosts, and errors that say how to fix them.',
    'zh-CN':
      '通过腾讯云短信（API 3.0，TC3-HMAC-SHA256）发送验证码：支持国内与国际/港澳台模板和签名、STS 临时凭证、地域与国际站接入点，错误信息会说明如何修复。',
    'zh-TW':
      '透過騰訊雲簡訊（API 3.0，TC3-HMAC-SHA256）傳送驗證碼：支援中國內地與國際／港澳台範本和簽名、STS 臨時憑證、地域與國際站端點，錯誤訊息會說明修正方式。',
  },
  logo: './logo.svg',
  logoDark: null,
  readme: './README.md',
  formItems: [
    {
      key: 'accessKeyId',
      label: 'SecretId',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'AKID…',
      description:
        'The SecretId of a Tencent Cloud API key allowed to send SMS (e.g. a CAM sub-user with QcloudSMSFullAccess). Create it in the console under CAM > API keys. With STS, the TmpSecretId.',
    },
    {
      key: 'accessKeySecret',
      label: 'SecretKey',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '<secret-key>',
      description:
        'The SecretKey of the same API key (with STS, the TmpSecretKey). A wrong SecretKey shows up as "AuthFailure.SignatureFailure".',
    },
    {
      key: 'securityToken',
      label: 'STS Token',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      isConfidential: true,
      placeholder: 'Leave empty unless you use STS temporary credentials',
      description:
        'Only for temporary credentials from STS: the session token, sent as X-TC-Token. Logto cannot refresh it: update SecretId, SecretKey and token together before it expires, or use a permanent API key.',
    },
    {
      key: 'sdkAppId',
      label: 'SdkAppId',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '1400006666',
      description:
        'The SMS application ID (SdkAppId), a number such as 1400006666, from the Tencent SMS console > Application Management.',
    },
    {
      key: 'signName',
      label: 'Sign Name',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '腾讯云',
      description:
        'The approved domestic SMS signature (签名内容) exactly as shown in the console, without 【】. Required for mainland China numbers.',
    },
    {
      key: 'overseasSignName',
      label: 'International Sign Name',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      placeholder: 'Leave empty to send international SMS without a signature',
      description:
        'The approved international / Hong Kong, Macao and Taiwan signature, for numbers outside mainland China. Left empty, those messages carry no signature (Tencent does not require one for them).',
    },
    {
      key: 'region',
      label: 'Region',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      defaultValue: defaultRegion,
      placeholder: defaultRegion,
      description:
        'The Tencent Cloud region id sent as X-TC-Region, e.g. ap-guangzhou (default), ap-beijing or ap-singapore. It selects where the API serves the request, not the recipients.',
    },
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultTemplates,
      description:
        'One entry per usage type: { "usageType", "templateCode", "locale"?, "fixedParams"? }. SignIn, Register, ForgotPassword and Generic are required; other usage types fall back to Generic. templateCode is the approved template ID, or { "china": "<domestic ID>", "overseas": "<international ID>" }: Tencent only sends international templates to numbers outside mainland China. The code fills {1}; fixedParams (e.g. ["5"]) fill {2}, {3}, …. Add "locale" (e.g. "en") for per-language templates.',
    },
    strictPhoneRegionNumberCheckFormItem,
    allowedCountriesFormItem,
    {
      key: 'endpoint',
      label: 'Endpoint',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      placeholder: defaultEndpoint,
      description:
        'Leave empty for https://sms.tencentcloudapi.com (nearest access). Accepted: a regional host such as https://sms.ap-singapore.tencentcloudapi.com, the international site https://sms.intl.tencentcloudapi.com, or the local sandbox http://127.0.0.1:4010.',
    },
    timeoutFormItem('Tencent Cloud SMS'),
  ],
};
