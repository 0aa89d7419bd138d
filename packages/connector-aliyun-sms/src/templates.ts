import { insufficientRequest, selectTemplate, type PhoneRoute } from '@logto-sms/sms-core';

import type { AliyunSmsTemplate } from './config.js';

export type TemplateChoice = {
  templateCode: string;
  /** JSON for Aliyun's `TemplateParam`: the code under the template's variable name, nothing else. */
  templateParam: string;
};

/** `{ china, overseas }` codes exist because Aliyun approves mainland and international templates separately. */
export const templateCodeFor = (template: AliyunSmsTemplate, region: PhoneRoute['region']): string => {
  const { templateCode } = template;
  if (typeof templateCode === 'string') return templateCode;
  return region === 'mainland' ? templateCode.china : templateCode.overseas;
};

/**
 * Exactly one variable, as a string: verification-code templates reject any other key
 * ("params must be [a-zA-Z0-9] for verification sms") and numbers (`isv.INVALID_JSON_PARAM`), and a
 * string keeps leading zeros.
 */
export const templateParamFor = (template: AliyunSmsTemplate, code: string): string => {
  if (typeof code !== 'string' || code === '') {
    throw insufficientRequest('The payload has no verification code to send.');
  }
  return JSON.stringify({ [template.codeParamName]: code });
};

/** Usage type, then locale (exact, same language, none), then `Generic`; then the number's region. */
export const chooseTemplate = (
  templates: readonly AliyunSmsTemplate[],
  request: { usageType: string; locale?: string | undefined; code: string; region: PhoneRoute['region'] }
): TemplateChoice => {
  const template = selectTemplate(templates, request.usageType, request.locale);
  return {
    templateCode: templateCodeFor(template, request.region),
    templateParam: templateParamFor(template, request.code),
  };
};
