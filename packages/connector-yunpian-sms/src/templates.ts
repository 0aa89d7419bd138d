import { selectTemplate, type PhoneRoute } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { YunpianSmsTemplate } from './config.js';

const invalidConfigText = (errorDescription: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription });

/** Fixed text for a template's variables other than the code, by variable name (`option` for `#option#`). */
export type FixedParams = Readonly<Record<string, string>>;

/**
 * The SMS text for a send: the template for the usage type and locale (Generic as fallback, same
 * rules as every logto-sms connector), its domestic or international text, with the code and the
 * template's fixed values put in.
 *
 * @throws ConnectorError(TemplateNotFound) when neither the usage type nor Generic has a template.
 */
export const chooseTemplate = (
  templates: readonly YunpianSmsTemplate[],
  {
    usageType,
    locale,
    code,
    region,
  }: { usageType: string; locale?: string; code: string; region: PhoneRoute['region'] }
): { text: string; template: string } => {
  const { content, fixedParams } = selectTemplate(templates, usageType, locale);
  const template =
    typeof content === 'string'
      ? content
      : region === 'mainland'
        ? content.china
        : content.overseas;
  return { text: renderText(template, code, fixedParams), template };
};

/**
 * YunPian's `single_send` matches the submitted text against the account's approved templates
 * character by character, so the text must be the template with its variables put in and nothing
 * else changed: no trimming, no newline rewriting.
 */

// `{{code}}` is what Logto's docs use; `#code#` is YunPian's own variable syntax, so an approved
// template can be pasted verbatim.
const codePlaceholder = /\{\{code\}\}|#code#/g;

// YunPian variables are `#name#`; a text still holding one would reach the person as a placeholder.
const yunpianVariable = /#(\w+)#/g;

/** How many code placeholders (`{{code}}` or `#code#`) a template contains. */
export const countCodePlaceholders = (content: string): number =>
  content.match(codePlaceholder)?.length ?? 0;

/** The names of the `#name#` variables in a template other than the code, in order, each once. */
export const otherVariables = (content: string): string[] => [
  ...new Set(
    [...content.matchAll(yunpianVariable)]
      .map(([, name = '']) => name)
      .filter((name) => name !== 'code')
  ),
];

/** The variables of a template that `fixedParams` leaves without a value. */
export const unfilledVariables = (content: string, fixedParams: FixedParams = {}): string[] =>
  otherVariables(content).filter((name) => !Object.hasOwn(fixedParams, name));

/** True when a text still holds a `#word#` placeholder. */
export const holdsPlaceholder = (text: string): boolean =>
  new RegExp(yunpianVariable.source).test(text);

/**
 * The SMS text for a template, a code and the template's fixed values. The config guard makes sure
 * there is exactly one code placeholder and a value for every other variable; the values are put in
 * with functions so `$` patterns cannot apply, and in one pass so a value is never read as a
 * placeholder.
 *
 * @throws ConnectorError(InvalidConfig) if the text would still hold a placeholder: never sent.
 */
export const renderText = (
  content: string,
  code: string,
  fixedParams: FixedParams = {}
): string => {
  if (countCodePlaceholders(content) !== 1) {
    throw new TypeError('A template must contain exactly one code placeholder.');
  }
  const text = content.replaceAll(/\{\{code\}\}|#(\w+)#/g, (match, name: string | undefined) => {
    if (name === undefined || name === 'code') {
      return code;
    }
    return Object.hasOwn(fixedParams, name) ? (fixedParams[name] ?? match) : match;
  });
  const unfilled = unfilledVariables(content, fixedParams);
  if (unfilled.length > 0 || holdsPlaceholder(text)) {
    throw invalidConfigText(
      `The template text still holds ${unfilled.length > 0 ? unfilled.map((name) => `#${name}#`).join(', ') : 'a #…# placeholder'}; nothing was sent. Give each variable other than the code a value in the template's fixedParams.`
    );
  }
  return text;
};
