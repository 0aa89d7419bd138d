import { selectTemplate, type PhoneRoute } from '@logto-sms/sms-core';

import type { YunpianSmsTemplate } from './config.js';

/**
 * The SMS text for a send: the template for the usage type and locale (Generic as fallback, same
 * rules as every logto-sms connector), its domestic or international text, split where the code
 * goes. The SMS text is `before + code + after`; the split is worked out once per template text.
 *
 * @throws ConnectorError(TemplateNotFound) when neither the usage type nor Generic has a template.
 */
export const chooseTemplate = (
  templates: readonly YunpianSmsTemplate[],
  { usageType, locale, region }: { usageType: string; locale?: string; region: PhoneRoute['region'] }
): TextAroundCode => {
  const { content } = selectTemplate(templates, usageType, locale);
  return splitAtCode(typeof content === 'string' ? content : region === 'mainland' ? content.china : content.overseas);
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

/** A template text split at its one code placeholder: the SMS text is `before + code + after`. */
export type TextAroundCode = { readonly before: string; readonly after: string };

// Template texts come from a handful of configs; the bound only guards against a caller that makes
// up a new text per send.
const splits = new Map<string, TextAroundCode>();
const maxSplits = 256;
const firstPlaceholder = /\{\{code\}\}|#code#/;

/**
 * Splits a template at its placeholder, once per distinct text (the result is shared and frozen).
 * The template has exactly one placeholder (the config guard makes sure of it).
 *
 * @throws TypeError for a text without exactly one placeholder.
 */
export const splitAtCode = (content: string): TextAroundCode => {
  const known = splits.get(content);
  if (known) return known;
  const match = firstPlaceholder.exec(content);
  if (!match || countCodePlaceholders(content) !== 1) {
    throw new TypeError('A template must contain exactly one code placeholder.');
  }
  const split = Object.freeze({ before: content.slice(0, match.index), after: content.slice(match.index + match[0].length) });
  if (splits.size >= maxSplits) splits.clear();
  splits.set(content, split);
  return split;
};

/**
 * The SMS text for a template and a code. Plain concatenation, so no `$` pattern in the template
 * or the code can apply.
 *
 * @throws TypeError for a text without exactly one placeholder.
 */
export const renderText = (content: string, code: string): string => {
  const { before, after } = splitAtCode(content);
  return `${before}${code}${after}`;
};
