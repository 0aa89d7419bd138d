import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { Redactor } from './redaction.js';

/**
 * What every provider-side failure carries in `ConnectorError.data`. Logto shows `errorDescription`
 * to the person who pressed "Send" (and to the end user as a toast), and returns the whole object in
 * the response body, so nothing here may hold a secret or the verification code.
 */
export type ProviderErrorData = {
  errorDescription: string;
  provider: 'aliyun' | 'aliyun-mas' | 'yunpian';
  /** The provider's own code, e.g. `isv.BUSINESS_LIMIT_CONTROL` or `-3`. Absent for transport errors. */
  providerCode?: string | number;
  /** The provider's own message, redacted. */
  providerMessage?: string;
  /** Aliyun `RequestId` or YunPian request identity, for support tickets. */
  requestId?: string;
  /** HTTP status of the provider's answer; absent when no answer arrived. */
  httpStatus?: number;
  /** One line telling an operator what to do about it. */
  hint: string;
};

export const invalidRequest = (errorDescription: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, { errorDescription });

export const insufficientRequest = (errorDescription: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.InsufficientRequestParameters, { errorDescription });

export const templateNotFound = (usageType: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.TemplateNotFound, {
    errorDescription: `No template for usage type "${usageType}" and no Generic template to fall back to.`,
  });

/**
 * Builds the ConnectorError for a provider or transport failure. The description is the provider's
 * words followed by the fix, and the whole payload goes through the redactor as a last line of
 * defence: the constructor copies `data` into `message` (and so into `stack`).
 */
export const providerError = (
  code: ConnectorErrorCodes,
  data: Omit<ProviderErrorData, 'errorDescription'> & { summary: string },
  redactor: Redactor
): ConnectorError => {
  const { summary, ...rest } = data;
  const payload: ProviderErrorData = {
    errorDescription: `${summary} ${data.hint}`.trim(),
    ...rest,
  };
  return new ConnectorError(code, redactor.deep(payload));
};

/** A row of a provider's code table: which codes it covers, what Logto should see, how to fix it. */
export type ErrorRule<Code extends string | number> = {
  match: Code | RegExp | readonly Code[];
  errorCode: ConnectorErrorCodes;
  hint: string;
};

const matches = <Code extends string | number>(rule: ErrorRule<Code>, code: Code): boolean => {
  if (rule.match instanceof RegExp) return rule.match.test(String(code));
  if (Array.isArray(rule.match)) return rule.match.includes(code);
  return rule.match === code;
};

/** First matching row wins, so put exact codes before broad patterns. */
export const lookupErrorRule = <Code extends string | number>(
  table: ReadonlyArray<ErrorRule<Code>>,
  code: Code,
  fallback: ErrorRule<Code>
): ErrorRule<Code> => table.find((rule) => matches(rule, code)) ?? fallback;
