import { selectTemplate, type PhoneRoute } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { YunpianSmsTemplate } from './config.js';

const invalidConfigText = (errorDescription: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.InvalidConfig, { errorDescription });

/** Fixed text for a template's variables other than the code, by variable name (`option` for `#option#`). */
export type FixedParams = Readonly<Record<string, string>>;

/**
 * The SMS text for a send: the template for the usage type and locale (Generic as fallback, same
 * rules as every logto-sms connector), its domestic or international text with the template's fixed
 * values put in, split where the code goes: the SMS text is `text.before + code + text.after`. The
 * fill and split are worked out once per template text and fixed values; `template` is the text as
 * configured.
 *
 * @throws ConnectorError(TemplateNotFound) when neither the usage type nor Generic has a template.
 * @throws ConnectorError(InvalidConfig) if the text would still hold a `#…#` placeholder: never sent.
 */
export const chooseTemplate = (
  templates: readonly YunpianSmsTemplate[],
  {
    usageType,
    locale,
    code,
    region,
  }: { usageType: string; locale?: string; code: string; region: PhoneRoute['region'] }
): { text: TextAroundCode; template: string } => {
  const { content, fixedParams } = selectTemplate(templates, usageType, locale);
  const template =
    typeof content === 'string'
      ? content
      : region === 'mainland'
        ? content.china
        : content.overseas;
  const text = splitAtCode(template, fixedParams);
  if (text.codeMayJoinText) {
    refusePlaceholder(`${text.before}${code}${text.after}`, []);
  }
  return { text, template };
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

const refusePlaceholder = (text: string, unfilled: readonly string[]): void => {
  if (unfilled.length > 0 || holdsPlaceholder(text)) {
    throw invalidConfigText(
      `The template text still holds ${unfilled.length > 0 ? unfilled.map((name) => `#${name}#`).join(', ') : 'a #…# placeholder'}; nothing was sent. Give each variable other than the code a value in the template's fixedParams.`
    );
  }
};

/**
 * A template text with its fixed values put in, split at its one code placeholder: the SMS text is
 * `before + code + after`. `codeMayJoinText` is true when the text on both sides of the code could
 * form a `#word#` with it (the code's characters are word characters), so the whole text must be
 * checked once the code is known.
 */
export type TextAroundCode = {
  readonly before: string;
  readonly after: string;
  readonly codeMayJoinText: boolean;
};

// Template texts come from a handful of configs; the bound only guards against a caller that makes
// up a new text per send.
const maxSplits = 256;
// A bundle-safe memo: the config guard (lib/index.js) and the send (lib/first-use.js) each get a
// copy, which only caches on its own.
const plainSplits = new Map<string, TextAroundCode>();
// Parsed configs are deep-frozen and shared by every send with them, so their fixedParams objects
// identify the fill; a mutable object is filled afresh each time. A bundle-safe memo, as above.
const filledSplits = new WeakMap<FixedParams, Map<string, TextAroundCode>>();
const variableOrCode = /\{\{code\}\}|#(\w+)#/g;

const fillAndSplit = (content: string, fixedParams: FixedParams): TextAroundCode => {
  if (countCodePlaceholders(content) !== 1) {
    throw new TypeError('A template must contain exactly one code placeholder.');
  }
  // One pass over the template: a value is put in once and never read again as a placeholder, and
  // strings are joined, so no `$` pattern in a value or the template can apply.
  let before: string | undefined;
  let text = '';
  let last = 0;
  for (const match of content.matchAll(variableOrCode)) {
    text += content.slice(last, match.index);
    last = match.index + match[0].length;
    const name = match[1];
    if (name === undefined || name === 'code') {
      if (before !== undefined) {
        throw new TypeError('A template must contain exactly one code placeholder.');
      }
      before = text;
      text = '';
    } else {
      text += Object.hasOwn(fixedParams, name) ? (fixedParams[name] ?? match[0]) : match[0];
    }
  }
  text += content.slice(last);
  // The code placeholder overlapped another variable's #, so it is not where the text says it is.
  if (before === undefined) {
    throw new TypeError('A template must contain exactly one code placeholder.');
  }
  const after = text;
  refusePlaceholder(`${before}\u0000${after}`, unfilledVariables(content, fixedParams));
  return Object.freeze({
    before,
    after,
    codeMayJoinText: /#\w*$/.test(before) && /^\w*#/.test(after),
  });
};

const remember = (
  splits: Map<string, TextAroundCode>,
  content: string,
  split: TextAroundCode
): TextAroundCode => {
  if (splits.size >= maxSplits) {
    splits.clear();
  }
  splits.set(content, split);
  return split;
};

/**
 * Puts a template's fixed values in and splits it at its code placeholder, once per distinct text
 * and (frozen) fixed values; the result is shared and frozen. The config guard makes sure there is
 * exactly one code placeholder and a value for every other variable.
 *
 * @throws TypeError for a text without exactly one placeholder.
 * @throws ConnectorError(InvalidConfig) if the text would still hold a placeholder: never sent.
 */
export const splitAtCode = (content: string, fixedParams?: FixedParams): TextAroundCode => {
  if (fixedParams === undefined || Object.keys(fixedParams).length === 0) {
    return plainSplits.get(content) ?? remember(plainSplits, content, fillAndSplit(content, {}));
  }
  if (!Object.isFrozen(fixedParams)) {
    return fillAndSplit(content, fixedParams);
  }
  let splits = filledSplits.get(fixedParams);
  if (!splits) {
    splits = new Map();
    filledSplits.set(fixedParams, splits);
  }
  return splits.get(content) ?? remember(splits, content, fillAndSplit(content, fixedParams));
};

/**
 * The SMS text for a template, a code and the template's fixed values (see `splitAtCode`).
 *
 * @throws TypeError for a text without exactly one placeholder.
 * @throws ConnectorError(InvalidConfig) if the text would still hold a placeholder: never sent.
 */
export const renderText = (
  content: string,
  code: string,
  fixedParams: FixedParams = {}
): string => {
  const { before, after, codeMayJoinText } = splitAtCode(content, fixedParams);
  const text = `${before}${code}${after}`;
  if (codeMayJoinText) {
    refusePlaceholder(text, []);
  }
  return text;
};
