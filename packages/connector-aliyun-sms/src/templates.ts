import { insufficientRequest, invalidRequest, selectTemplate } from '@logto-sms/sms-core';

import type { AliyunSmsTemplate } from './config.js';
import type { AliyunRecipient } from './recipient.js';

export type TemplateChoice = {
  templateCode: string;
  /** JSON for Aliyun's `TemplateParam`: the code under the template's variable name, plus the template's `fixedParams`. */
  templateParam: string;
};

/**
 * Why a +1 number whose digits look like a mainland mobile cannot go out on a mainland template.
 * The same words explain the local refusal and Aliyun's `isv.DOMESTIC_NUMBER_NOT_SUPPORTED`
 * (see errors.ts), so an operator reads one story whichever side stopped the message.
 */
export const readsAsMainlandExplanation =
  'Aliyun reads this number as a mainland China mobile: its digits (country code 1 and an area code starting 3–9) are those of an 11-digit mainland number';

/**
 * `{ china, overseas }` codes exist because Aliyun approves mainland and international templates
 * separately. A number abroad that Aliyun would read as a mainland mobile goes out only on the
 * explicit overseas template (which Aliyun delivers as +1); with a single code it could reach a
 * stranger's phone in China.
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
      `${readsAsMainlandExplanation}, so on a single template code it could be delivered to a phone in China; it was not sent. What works: give this usage type templateCode { "china": "<mainland template>", "overseas": "<international template>" }; numbers like this one then go out on the international template, which Aliyun delivers as +1.`
    );
  }
  return templateCode;
};

/**
 * The code under the template's variable name, as a string (numbers get `isv.INVALID_JSON_PARAM`,
 * and a string keeps leading zeros), plus the template's own `fixedParams`. Nothing else from the
 * payload: verification-code templates reject unknown keys ("params must be [a-zA-Z0-9] for
 * verification sms", logto#7121).
 */
export const templateParamFor = (template: AliyunSmsTemplate, code: string): string => {
  if (typeof code !== 'string' || code === '') {
    throw insufficientRequest('The payload has no verification code to send.');
  }
  // The config guard keeps the code's name out of fixedParams; spread first anyway so the code wins.
  return JSON.stringify({ ...template.fixedParams, [template.codeParamName]: code });
};

/** Usage type, then locale (exact, same language, none), then `Generic`; then the number's region. */
export const chooseTemplate = (
  templates: readonly AliyunSmsTemplate[],
  request: {
    usageType: string;
    locale?: string | undefined;
    code: string;
    recipient: Pick<AliyunRecipient, 'region' | 'readsAsMainland'>;
  }
): TemplateChoice => {
  const template = selectTemplate(templates, request.usageType, request.locale);
  return {
    templateCode: templateCodeFor(template, request.recipient),
    templateParam: templateParamFor(template, request.code),
  };
};
