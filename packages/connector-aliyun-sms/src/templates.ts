import { insufficientRequest, invalidRequest, selectTemplate } from '@logto-sms/sms-core';

import type { AliyunSmsTemplate } from './config.js';
import type { AliyunRecipient } from './recipient.js';

export type TemplateChoice = {
  templateCode: string;
  /** JSON for Aliyun's `TemplateParam`: the code under the template's variable name, nothing else. */
  templateParam: string;
};

/**
 * `{ china, overseas }` codes exist because Aliyun approves mainland and international templates
 * separately. A number abroad that Aliyun would read as a mainland mobile goes out only on the
 * explicit overseas template; with a single code it could reach a stranger's phone in China.
 *
 * @throws ConnectorError(InvalidRequestParameters) for such a number without an overseas code.
 */
export const templateCodeFor = (
  template: AliyunSmsTemplate,
  recipient: Pick<AliyunRecipient, 'region' | 'readsAsMainland'>
): string => {
  const { templateCode } = template;
  if (typeof templateCode !== 'string') {
    return recipient.region === 'mainland' ? templateCode.china : templateCode.overseas;
  }
  if (recipient.region === 'international' && recipient.readsAsMainland) {
    throw invalidRequest(
      'This +1 number has the same digits as a mainland China mobile number, and Aliyun would deliver it to China. Give this usage type templateCode { "china": …, "overseas": … } so it is sent on the international template.'
    );
  }
  return templateCode;
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
  request: { usageType: string; locale?: string | undefined; code: string; recipient: Pick<AliyunRecipient, 'region' | 'readsAsMainland'> }
): TemplateChoice => {
  const template = selectTemplate(templates, request.usageType, request.locale);
  return {
    templateCode: templateCodeFor(template, request.recipient),
    templateParam: templateParamFor(template, request.code),
  };
};
