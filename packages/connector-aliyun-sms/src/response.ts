import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';
import { providerError, type HttpResponse, type Redactor } from '@logto-sms/sms-core';

import { aliyunServerErrorHint, ruleForAliyunCode } from './errors.js';

/** What `sendMessage` resolves to once Aliyun accepted the message. */
export type AliyunSendResult = {
  /** Receipt id for `QuerySendDetails`. */
  bizId: string | undefined;
  /** Aliyun's request id, for support tickets. */
  requestId: string | undefined;
};

/** The fields of an Aliyun answer this connector reads; anything without a `Code` is not one. */
export type AliyunAnswer = { code: string; message?: string; requestId?: string; bizId?: string };

const textField = (record: Record<string, unknown>, key: string): string | undefined => {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Reads an Aliyun JSON answer; `undefined` for anything else (HTML, truncated, empty, no `Code`). */
export const parseAliyunAnswer = (body: string): AliyunAnswer | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const code = textField(record, 'Code');
  if (code === undefined) return undefined;
  const message = textField(record, 'Message');
  const requestId = textField(record, 'RequestId');
  const bizId = textField(record, 'BizId');
  return {
    code,
    ...(message === undefined ? {} : { message }),
    ...(requestId === undefined ? {} : { requestId }),
    ...(bizId === undefined ? {} : { bizId }),
  };
};

// On `SignatureDoesNotMatch` Aliyun quotes the string it signed, which holds every request
// parameter (the verification code, the STS token): never pass that part on.
const quotedStringToSign = /\s*server string to sign is:[\s\S]*$/i;
const maxMessageLength = 300;

// Callers redact first: cutting first could leave a secret's first characters at the cut.
export const cleanProviderMessage = (message: string): string => {
  const withoutEcho = message.replace(quotedStringToSign, '').trim();
  return withoutEcho.length > maxMessageLength ? `${withoutEcho.slice(0, maxMessageLength)}…` : withoutEcho;
};

const withPeriod = (text: string) => (/[.!?。！？]$/.test(text) ? text : `${text}.`);

/**
 * Turns Aliyun's answer into the send result or a ConnectorError. Success is `Code === "OK"` on a
 * 2xx: business errors also come back as HTTP 200.
 */
export const interpretAliyunResponse = (
  response: Pick<HttpResponse, 'status' | 'body'>,
  redactor: Redactor
): AliyunSendResult => {
  const { status } = response;
  const answer = parseAliyunAnswer(response.body);
  const fail = (code: ConnectorErrorCodes, summary: string, hint: string): ConnectorError =>
    providerError(
      code,
      {
        provider: 'aliyun',
        summary,
        hint,
        httpStatus: status,
        ...(answer === undefined
          ? {}
          : {
              providerCode: answer.code,
              ...(answer.message === undefined ? {} : { providerMessage: cleanProviderMessage(redactor.text(answer.message)) }),
              ...(answer.requestId === undefined ? {} : { requestId: answer.requestId }),
            }),
      },
      redactor
    );

  if (status >= 500) {
    const what = answer ? `${answer.code}${answer.message ? `: ${cleanProviderMessage(redactor.text(answer.message))}` : ''}` : 'no Aliyun error body';
    throw fail(ConnectorErrorCodes.General, withPeriod(`Aliyun SMS answered HTTP ${status} (${what})`), aliyunServerErrorHint);
  }

  const isSuccessStatus = status >= 200 && status < 300;
  if (answer === undefined || (answer.code === 'OK' && !isSuccessStatus) || (status >= 300 && status < 400)) {
    throw fail(
      ConnectorErrorCodes.InvalidResponse,
      `Aliyun SMS answered HTTP ${status} with a body that is not an Aliyun API answer.`,
      'Check that endpoint points at the Aliyun SMS API (or the local sandbox), not at a proxy or web page.'
    );
  }

  if (answer.code === 'OK') {
    return { bizId: answer.bizId, requestId: answer.requestId };
  }

  const rule = ruleForAliyunCode(answer.code);
  const message = answer.message === undefined ? '' : ` ${withPeriod(cleanProviderMessage(redactor.text(answer.message)))}`;
  throw fail(rule.errorCode, `Aliyun SMS refused the message (${answer.code}).${message}`, rule.hint);
};
