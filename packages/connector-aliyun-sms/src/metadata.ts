import {
  accessKeyIdFormItem,
  accessKeySecretFormItem,
  securityTokenFormItem,
  signatureAlgorithmFormItem,
} from '@logto-sms/aliyun-pop';
import {
  allowedCountriesFormItem,
  strictPhoneRegionNumberCheckFormItem,
  timeoutFormItem,
} from '@logto-sms/sms-core';

import { ConnectorConfigFormItemType, type ConnectorMetadata } from '@logto/connector-kit';

import { defaultEndpoint } from './config.js';

/** Distinct from the official connector's `aliyun-short-message-service`, so both can be installed. */
export const connectorId = 'logto-sms-aliyun';

export const defaultTemplates = [
  { usageType: 'SignIn', templateCode: 'SMS_000000000' },
  { usageType: 'Register', templateCode: 'SMS_000000000' },
  { usageType: 'ForgotPassword', templateCode: 'SMS_000000000' },
  { usageType: 'Generic', templateCode: { china: 'SMS_000000000', overseas: 'SMS_000000001' } },
];

export const metadata: ConnectorMetadata = {
  id: connectorId,
  target: 'aliyun-sms',
  platform: null,
  name: {
    en: 'Aliyun SMS (logto-sms)',
    'zh-CN': '阿里云短信（logto-sms）',
    'zh-TW': '阿里雲簡訊（logto-sms）',
  },
  description: {
    en: 'Sends verification codes through Alibaba Cloud Short Message Service, with regional endpoints, STS tokens, mainland/overseas and per-language templates, and errors that say how to fix them.',
    'zh-CN':
      '通过阿里云短信服务发送验证码：支持地域接入点、STS 临时凭证、国内/国际模板与多语言模板，错误信息会说明如何修复。',
    'zh-TW':
      '透過阿里雲簡訊服務傳送驗證碼：支援地域端點、STS 臨時憑證、中國內地／海外範本與多語言範本，錯誤訊息會說明修正方式。',
  },
  logo: './logo.svg',
  logoDark: null,
  readme: './README.md',
  formItems: [
    accessKeyIdFormItem('send SMS (policy AliyunDysmsFullAccess)'),
    accessKeySecretFormItem,
    securityTokenFormItem,
    {
      key: 'signName',
      label: 'Signature Name',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '阿里云短信测试',
      description:
        'The approved SMS signature (签名名称) exactly as shown in the Aliyun SMS console, without 【】: Aliyun adds the brackets itself.',
    },
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultTemplates,
      description:
        // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable syntax
        'One entry per usage type: { "usageType", "templateCode", "locale"?, "codeParamName"?, "fixedParams"? }. Only a Generic template is required (the older name "Test" also works): every other usage type falls back to it. SignIn, Register and ForgotPassword templates are recommended so each can have its own wording. templateCode is the Aliyun template code (模板 CODE), or { "china": "…", "overseas": "…" } to use a different template for numbers outside mainland China. The template must contain ${code}; if its variable has another name, set codeParamName to it. If the template has other variables (e.g. ${min}), give their fixed text values in fixedParams, e.g. { "min": "5" }. Add "locale" (e.g. "en") for per-language templates.',
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
        'Leave empty for https://dysmsapi.aliyuncs.com. For the international site use a regional endpoint such as https://dysmsapi.ap-southeast-1.aliyuncs.com; for the local sandbox use http://127.0.0.1:4010.',
    },
    signatureAlgorithmFormItem,
    timeoutFormItem('Aliyun'),
  ],
};
