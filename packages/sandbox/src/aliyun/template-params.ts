import { hasOnlyStringValues, isJsonObject } from '../shared/json-object.js';
import type { AliyunTemplate } from '../types.js';

import { aliyunError } from './errors.js';

const variablePattern = /\$\{([^}]+)\}/g;

export const templateVariables = (content: string): string[] => [
  ...new Set(
    [...content.matchAll(variablePattern)].flatMap(([, name]) => (name === undefined ? [] : [name]))
  ),
];

export const renderTemplate = (content: string, values: Readonly<Record<string, string>>): string =>
  content.replaceAll(variablePattern, (_whole, name: string) => values[name] ?? '');

const verificationValue = /^[a-zA-Z0-9]{4,6}$/;
/** Notification variables may be at most 35 characters for templates approved after 2018. */
const maxNotificationValueLength = 35;

/** `TemplateParam` as a JSON object of strings, else the service's `isv.INVALID_JSON_PARAM`. */
const parseTemplateParam = (raw: string): Record<string, string> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw aliyunError('isv.INVALID_JSON_PARAM');
  }
  if (!isJsonObject(parsed) || !hasOnlyStringValues(parsed)) {
    throw aliyunError('isv.INVALID_JSON_PARAM');
  }
  return parsed;
};

const checkVariableValues = (
  template: AliyunTemplate,
  variables: readonly string[],
  values: Readonly<Record<string, string>>
): void => {
  if (template.type === 'verification') {
    // A verification template takes exactly its code variable(s); any extra key (such as a
    // locale) or a code outside 4–6 alphanumerics is refused (logto issue #7121).
    const extra = Object.keys(values).some((name) => !variables.includes(name));
    if (extra || variables.some((name) => !verificationValue.test(values[name] ?? ''))) {
      throw aliyunError('isv.INVALID_PARAMETERS');
    }
  } else if (variables.some((name) => (values[name] ?? '').length > maxNotificationValueLength)) {
    throw aliyunError('isv.PARAM_LENGTH_LIMIT');
  }
};

/**
 * Validates `TemplateParam` against the template the way the SMS service does and returns the
 * variable values. Throws the `isv.*` error the real service would return.
 */
export const checkTemplateParam = (
  template: AliyunTemplate,
  raw: string | undefined
): Record<string, string> => {
  const variables = templateVariables(template.content);
  if (variables.length === 0) {
    return {};
  }
  if (raw === undefined || raw.trim() === '') {
    throw aliyunError('isv.TEMPLATE_MISSING_PARAMETERS');
  }
  const values = parseTemplateParam(raw);
  if (variables.some((name) => !(name in values))) {
    throw aliyunError('isv.TEMPLATE_MISSING_PARAMETERS');
  }
  checkVariableValues(template, variables, values);
  return values;
};

/** The code a user would type: the `code` variable, else a verification template's only variable. */
export const extractCode = (
  template: AliyunTemplate,
  values: Readonly<Record<string, string>>
): string | null => {
  if (values.code !== undefined) {
    return values.code;
  }
  if (template.type !== 'verification') {
    return null;
  }
  const [first] = templateVariables(template.content);
  return first === undefined ? null : (values[first] ?? null);
};
