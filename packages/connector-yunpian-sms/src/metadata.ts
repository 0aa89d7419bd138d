import {
  allowedCountriesFormItem,
  strictPhoneRegionNumberCheckFormItem,
  timeoutFormItem,
} from '@logto-sms/sms-core';

import {
  ConnectorConfigFormItemType,
  TemplateType,
  type ConnectorMetadata,
} from '@logto/connector-kit';

import { defaultEndpoint, overseasEndpoint } from './config.js';

// Not the official connector's `yunpian-sms`: Logto refuses to start when two connectors share an
// id, and the official image already ships that one.
export const connectorId = 'logto-sms-yunpian';

// One approved YunPian template can serve every usage type; `#code#` lets it be pasted verbatim.
const defaultContent = '您的验证码是#code#。如非本人操作，请忽略本短信';

export const defaultTemplates = Object.values(TemplateType).map((usageType) => ({
  usageType,
  content: defaultContent,
}));

export const metadata: ConnectorMetadata = {
  id: connectorId,
  target: 'yunpian-sms',
  platform: null,
  name: {
    en: 'YunPian SMS (logto-sms)',
    'zh-CN': '云片短信（logto-sms）',
    'zh-TW': '雲片簡訊（logto-sms）',
  },
  description: {
    en: 'Sends verification codes through YunPian (云片) SMS to mainland China and, optionally, international numbers, with per-language templates, #code# or {{code}} placeholders and the us.yunpian.com endpoint.',
    'zh-CN':
      '通过云片短信发送验证码：支持中国大陆号码和（可选的）国际号码、按语言区分的模板、#code# 或 {{code}} 占位符，以及海外服务器地址 us.yunpian.com。',
    'zh-TW':
      '透過雲片簡訊發送驗證碼：支援中國大陸號碼與（可選的）國際號碼、依語言區分的範本、#code# 或 {{code}} 佔位符，以及海外伺服器位址 us.yunpian.com。',
  },
  logo: './logo.svg',
  logoDark: null,
  readme: './README.md',
  formItems: [
    {
      key: 'apikey',
      label: 'API key (APIKEY)',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      isConfidential: true,
      placeholder: '32 hex characters from the YunPian console',
      description:
        'The APIKEY from the YunPian console (账户设置 → 子帐户管理). A YunPian key is 32 hexadecimal characters; anything else is accepted but YunPian will likely answer code -1 (invalid apikey).',
    },
    {
      key: 'templates',
      label: 'Templates',
      type: ConnectorConfigFormItemType.Json,
      required: true,
      defaultValue: defaultTemplates,
      description:
        'One entry per usage type: { "usageType", "content", "locale"?, "fixedParams"? }. Only a Generic template is required (the older name "Test" also works): every other usage type falls back to it; Register, SignIn and ForgotPassword templates are recommended for their own wording. "content" must be your approved YunPian template text, character for character (signature 【…】 optional: YunPian adds the default one), with the code written as {{code}} or #code#, exactly once; or { "china": "<domestic template>", "overseas": "<international template>" } when international numbers use a separately filed international template. If the template has other variables (#option#, #eftime#), give each a fixed text in "fixedParams", e.g. { "eftime": "5分钟" }. Add "locale" (e.g. "en") to keep several languages of the same usage type.',
    },
    {
      key: 'enableInternational',
      label: 'Send to international numbers',
      type: ConnectorConfigFormItemType.Switch,
      defaultValue: false,
      description:
        'Off: numbers outside mainland China are refused with an error and nothing is sent. Turn on only after filing an international signature and template in the YunPian console (国际短信).',
    },
    {
      key: 'unsupportedCountriesMsg',
      label: 'Message for refused international numbers',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      placeholder: 'International phone numbers are not supported yet.',
      description:
        'Optional. The text the person signing in sees when an international number is refused because international SMS is off (Logto shows it as "Error occurred in connector: …"). Left empty, a default English message is used.',
    },
    strictPhoneRegionNumberCheckFormItem,
    allowedCountriesFormItem,
    {
      key: 'endpoint',
      label: 'Endpoint',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      defaultValue: defaultEndpoint,
      placeholder: defaultEndpoint,
      description: `YunPian API origin. ${defaultEndpoint} (default); ${overseasEndpoint} when your Logto server is outside mainland China; http://127.0.0.1:4010 for the local logto-sms sandbox. Only these two YunPian hosts or loopback addresses are accepted.`,
    },
    timeoutFormItem('YunPian'),
  ],
};
