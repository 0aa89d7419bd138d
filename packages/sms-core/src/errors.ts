import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { Redactor } from './redaction.js';

/**
 * What every provider-side failure carries in `ConnectorError.data`. Logto shows `errorDescription`
 * to the person who pressed "Send" (and to the end user as a toast), and returns the whole object in
 * the response body, so nothing here may hold a secret or the verification code.
 */
export type ProviderErrorData = {
  errorDescription: string;
  provider: 'aliyun' | 'aliyun-mas' | 'yunpian' | 'tencent';
  /** The provider's own code, e.g. `isv.BUSINESS_LIMIT_CONTROL` or `-3`. Absent for transport errors. */
  providerCode?: string | number;
  /** The provider's own message, redacted. */
  providerMessage?: string;
  /** Aliyun or Tencent `RequestId`, or YunPian request identity, for support tickets. */
  requestId?: string;
  /** Tencent `SerialNo` of the per-number result, when Tencent assigned one. */
  serialNo?: string;
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

/** What the connector knows about a refusal when it picks the row that explains it. */
export type ErrorFacts<Code extends string | number> = {
  code: Code;
  /** The provider's own message, if it sent one. */
  message?: string | undefined;
  /** Where the connector routed the recipient; some provider codes mean different things per region. */
  region?: 'mainland' | 'international' | undefined;
};

/**
 * A row of a provider's code table: which answers it covers, what Logto should see, how to fix it.
 * `message` and `region` narrow a row: a provider often reuses one code for several causes
 * (Aliyun's `isv.SMS_TEMPLATE_ILLEGAL` for an unknown template and for a variable-name mismatch),
 * and only its message, or what the connector did with the number, tells them apart.
 */
export type ErrorRule<Code extends string | number> = {
  match: Code | RegExp | readonly Code[];
  /** The row applies only when the provider's message matches (a row with it is skipped when there is no message). */
  message?: RegExp;
  /** The row applies only when the recipient was routed to this region. */
  region?: 'mainland' | 'international';
  errorCode: ConnectorErrorCodes;
  hint: string;
};

const matchesCode = <Code extends string | number>(rule: ErrorRule<Code>, code: Code): boolean => {
  if (rule.match instanceof RegExp) {
    return rule.match.test(String(code));
  }
  if (Array.isArray(rule.match)) {
    return rule.match.includes(code);
  }
  return rule.match === code;
};

const matches = <Code extends string | number>(
  rule: ErrorRule<Code>,
  facts: ErrorFacts<Code>
): boolean =>
  matchesCode(rule, facts.code) &&
  (rule.message === undefined ||
    (facts.message !== undefined && rule.message.test(facts.message))) &&
  (rule.region === undefined || rule.region === facts.region);

/**
 * The row explaining a provider answer. First matching row wins, so put narrowed rows (message,
 * region) before the plain row for the same code, and exact codes before broad patterns.
 * A bare code is accepted for answers that carry nothing else.
 */
export const lookupErrorRule = <Code extends string | number>(
  table: ReadonlyArray<ErrorRule<Code>>,
  answer: Code | ErrorFacts<Code>,
  fallback: ErrorRule<Code>
): ErrorRule<Code> => {
  const facts: ErrorFacts<Code> = typeof answer === 'object' ? answer : { code: answer };
  return table.find((rule) => matches(rule, facts)) ?? fallback;
};
