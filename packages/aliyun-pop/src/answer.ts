import { isJsonObject, textField } from '@logto-sms/sms-core';

/** The fields every Aliyun POP answer shares; anything without a `Code` is not one. */
export type AliyunAnswer = {
  code: string;
  message?: string;
  requestId?: string;
  /** The whole parsed object, for the product's own fields (`BizId`, `Success`, `Model`). */
  fields: Readonly<Record<string, unknown>>;
};

/** Reads an Aliyun JSON answer; `undefined` for anything else (HTML, truncated, empty, no `Code`). */
export const readAliyunAnswer = (body: string): AliyunAnswer | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isJsonObject(parsed)) {
    return undefined;
  }
  const fields = parsed;
  const code = textField(fields, 'Code');
  if (code === undefined) {
    return undefined;
  }
  const message = textField(fields, 'Message');
  const requestId = textField(fields, 'RequestId');
  return {
    code,
    ...(message === undefined ? {} : { message }),
    ...(requestId === undefined ? {} : { requestId }),
    fields,
  };
};

// On `SignatureDoesNotMatch` Aliyun quotes the string it signed, which holds every request
// parameter (the verification code, the STS token): never pass that part on.
const quotedStringToSign = /\s*server string to sign is:[\s\S]*$/i;
const maxMessageLength = 300;

/**
 * Aliyun's message without the echoed string-to-sign, cut to 300 characters. Callers redact
 * first: cutting first could leave a secret's first characters at the cut.
 */
export const cleanProviderMessage = (message: string): string => {
  const withoutEcho = message.replace(quotedStringToSign, '').trim();
  return withoutEcho.length > maxMessageLength
    ? `${withoutEcho.slice(0, maxMessageLength)}…`
    : withoutEcho;
};

// Business codes come as `isv.X`, `isp.X`, `biz.X` or bare `X` depending on the API and the page
// (aliyun-dypns-api.md §3.3); gateway codes (`Throttling.User`) have no such prefix.
const businessPrefix = /^(?:isv|isp|biz)\./;

/** `isv.MOBILE_NUMBER_ILLEGAL` → `MOBILE_NUMBER_ILLEGAL`; other codes unchanged. */
export const withoutBusinessPrefix = (code: string): string => code.replace(businessPrefix, '');
