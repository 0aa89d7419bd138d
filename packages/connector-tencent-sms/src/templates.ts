import { selectTemplate } from '@logto-sms/sms-core';

import type { TencentSmsTemplate } from './config.js';
import type { TencentRecipient } from './recipient.js';

export type TemplateChoice = {
  templateId: string;
  /**
   * Exactly the code followed by the template's `fixedParams`, all strings: Tencent requires one
   * value per `{n}` variable, and a verification-code template refuses anything but 0–6 digits, so
   * `locale`, `uiLocales` or `link` must never be appended.
   */
  templateParamSet: string[];
};

/**
 * Tencent approves domestic and international templates separately and accepts only an
 * international one for a number outside mainland China. `{ china, overseas }` picks by the
 * recipient's region; a single ID is sent for both. That cannot misdeliver, because the number
 * always travels with `+` and its country code: a template of the wrong kind is refused
 * (`FailedOperation.TemplateIncorrectOrUnapproved`), never sent to someone else.
 */
export const templateIdFor = (
  template: TencentSmsTemplate,
  region: TencentRecipient['region']
): string => {
  const { templateCode } = template;
  if (typeof templateCode === 'string') {
    return templateCode;
  }
  return region === 'mainland' ? templateCode.china : templateCode.overseas;
};

/** Usage type, then locale (exact, same language, none), then `Generic`; then the number's region. */
export const chooseTemplate = (
  templates: readonly TencentSmsTemplate[],
  request: {
    usageType: string;
    locale?: string | undefined;
    code: string;
    region: TencentRecipient['region'];
  }
): TemplateChoice => {
  const template = selectTemplate(templates, request.usageType, request.locale);
  return {
    templateId: templateIdFor(template, request.region),
    templateParamSet: [request.code, ...(template.fixedParams ?? [])],
  };
};
