import { selectTemplate, type PhoneRoute } from '@logto-sms/sms-core';

import type { YunpianSmsTemplate } from './config.js';

/**
 * The SMS text for a send: the template for the usage type and locale (Generic as fallback, same
 * rules as every logto-sms connector), its domestic or international text, with the code put in.
 *
 * @throws ConnectorError(TemplateNotFound) when neither the usage type nor Generic has a template.
 */
export const chooseTemplate = (
  templates: readonly YunpianSmsTemplate[],
  { usageType, locale, code, region }: { usageType: string; locale?: string; code: string; region: PhoneRoute['region'] }
): string => {
  const { content } = selectTemplate(templates, usageType, locale);
  const text = typeof content === 'string' ? content : region === 'mainland' ? content.china : content.overseas;
  return renderText(text, code);
};

/**
 * YunPian's `single_send` matches the submitted text against the account's approved templates
 * character by character, so the text must be the template with the code put in and nothing else
 * changed: no trimming, no newline rewriting, no other placeholders filled.
 */

// `{{code}}` is what Logto's docs use; `#code#` is YunPian's own variable syntax, so an approved
// template can be pasted verbatim.
const codePlaceholder = /\{\{code\}\}|#code#/g;

/** How many code placeholders (`{{code}}` or `#code#`) a template contains. */
export const countCodePlaceholders = (content: string): number => content.match(codePlaceholder)?.length ?? 0;

/**
 * The SMS text for a template and a code. The template has exactly one placeholder (the config
 * guard makes sure of it); the code is put in with a function so `$` patterns cannot apply.
 */
export const renderText = (content: string, code: string): string => {
  if (countCodePlaceholders(content) !== 1) {
    throw new TypeError('A template must contain exactly one code placeholder.');
  }
  return content.replace(codePlaceholder, () => code);
};
