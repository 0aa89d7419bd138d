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

import { defaultEndpoint, logtoDefaultCodeMinutes } from './config.js';

/** Distinct from the official connector's `aliyun-short-message-auth-service`, so both can be installed. */
export const connectorId = 'logto-sms-aliyun-mas';

/**
 * Aliyun's system (gift) templates by meaning (aliyun-dypns-api.md §5): 100001 login/register,
 * 100002 change phone, 100003 reset password, 100004 bind a new phone, 100005 verify the bound phone.
 */
export const defaultTemplates = [
  { usageType: 'SignIn', templateCode: '100001' },
  { usageType: 'Register', templateCode: '100001' },
  { usageType: 'ForgotPassword', templateCode: '100003' },
  { usageType: 'Generic', templateCode: '100001' },
  { usageType: 'OrganizationInvitation', templateCode: '100001' },
  { usageType: 'UserPermissionValidation', templateCode: '100005' },
  { usageType: 'BindNewIdentifier', templateCode: '100004' },
  { usageType: 'MfaVerification', templateCode: '100001' },
  { usageType: 'BindMfa', templateCode: '100001' },
];

export const metadata: ConnectorMetadata = {
  id: connectorId,
  target: 'aliyun-sms-mas',
  platform: null,
  name: {
    en: 'Aliyun Message Authentication (Logto SMS connectors)',
    'zh-CN': '阿里云短信认证（Logto SMS connectors）',
  },
  description: {
    en: "Sends Logto's verification codes through Aliyun Message Authentication Service (Dypnsapi) with Aliyun's gift signatures and system templates: no own signature needed, mainland China numbers only.",
    'zh-CN':
      '通过阿里云号码认证服务的短信认证（Dypnsapi）发送 Logto 验证码，使用阿里云赠送签名和系统模板：无需自己的签名，仅支持中国内地手机号。',
  },
  logo: './logo.svg',
  logoDark: null,
  readme: './README.md',
  formItems: [
    accessKeyIdFormItem('call dypns:SendSmsVerifyCode (e.g. policy AliyunDypnsFullAccess)'),
    accessKeySecretFormItem,
    securityTokenFormItem,
    {
      key: 'signName',
      label: 'Gift Signature',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: '速通互联验证码',
      description:
        'One of the gift signatures (赠送签名) listed in the Aliyun console under 号码认证 > 短信认证参数配置 > 赠送签名配置, copied exactly and without 【】. Aliyun replaces these names from time to time: when sends fail with a signature error, copy the current one.',
    },
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultTemplates,
      description:
        'One entry per usage type: { "usageType", "templateCode", "locale"?, "fixedParams"? }. templateCode is a system template (赠送模板): 100001 login/register, 100002 change phone, 100003 reset password, 100004 bind phone, 100005 verify bound phone. Only a Generic template is required (the older name "Test" also works): every other usage type falls back to it. fixedParams adds fixed values for other template variables, e.g. { "product": "Logto" }.',
    },
    {
      key: 'codeValidMinutes',
      label: 'Code validity (minutes)',
      type: ConnectorConfigFormItemType.Number,
      required: false,
      defaultValue: logtoDefaultCodeMinutes,
      placeholder: String(logtoDefaultCodeMinutes),
      description: `The number shown in the template's \${min} ("valid for N minutes"). Logto's codes expire after ${logtoDefaultCodeMinutes} minutes by default; if you changed Logto's verification code policy, enter its expiration in minutes here so the text stays true.`,
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
        'Leave empty for https://dypnsapi.aliyuncs.com, the only Message Authentication Service endpoint (every region uses it). For the local sandbox use http://127.0.0.1:4010.',
    },
    signatureAlgorithmFormItem,
    timeoutFormItem('Aliyun'),
  ],
};
