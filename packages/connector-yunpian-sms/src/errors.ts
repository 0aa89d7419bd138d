import {
  lookupErrorRule,
  providerError,
  type ErrorRule,
  type HttpResponse,
  type Redactor,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { readResponse, type YunpianAccepted } from './response.js';

const codeReference = 'https://www.yunpian.com/official/document/sms/zh_CN/returnvalue_common';

/**
 * YunPian `code` → what Logto should see and what an operator should do. YunPian's own grouping:
 * positive codes are request problems, -1…-49 account/permission problems, -50 and below its own
 * failures. Each row is one fix; codes not listed fall through to `unknownCodeRule`.
 */
export const errorRules: ReadonlyArray<ErrorRule<number>> = [
  // Rate limits: per recipient, then per account.
  {
    match: [8, 9, 33],
    errorCode: ConnectorErrorCodes.RateLimitExceeded,
    hint: 'YunPian accepts the same text for a number at most once per 30 seconds and 3 times per 5 minutes (a carrier rule); wait before requesting another code.',
  },
  {
    match: [17, 22, 43],
    errorCode: ConnectorErrorCodes.RateLimitExceeded,
    hint: 'This number reached its hourly or daily limit; try again later, or relax the anti-bombing rules (防轰炸) under 系统设置 in the YunPian console.',
  },
  {
    match: 53,
    errorCode: ConnectorErrorCodes.RateLimitExceeded,
    hint: 'This number is receiving messages too often (SMS, voice and super SMS combined); wait before requesting another code.',
  },
  {
    match: [-4, -5],
    errorCode: ConnectorErrorCodes.RateLimitExceeded,
    hint: 'The account is calling the API too often or has used its call quota; slow down, or ask YunPian support for a higher limit.',
  },

  // Money.
  {
    match: 3,
    errorCode: ConnectorErrorCodes.UsageLimitExceeded,
    hint: 'The YunPian balance is exhausted; recharge the account (充值) in the YunPian console. Nothing was sent.',
  },

  // Account, key and network permissions.
  {
    match: -1,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Check apikey: copy it again from the YunPian console (账户设置 → 子帐户管理); the account may also have been disabled.',
  },
  {
    match: [-2, -6, -11, 27, 55, -62],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The YunPian account is not allowed to use this API or feature (or its qualification is invalid); ask YunPian support to enable it for this account.',
  },
  {
    match: -3,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: "Add this server's egress IP address (named in the detail) in the YunPian console under 系统设置 → IP白名单, or clear the whitelist.",
  },
  {
    match: 40,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The IP whitelist feature is not enabled for this account; configure it in the YunPian console (系统设置 → IP白名单) or ask YunPian support.',
  },

  // Templates and content.
  {
    match: 5,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: "The text must match an approved YunPian template exactly, including the signature 【…】, punctuation and spaces; copy the approved template into this usage type's content with #code# or {{code}} where the code goes.",
  },
  {
    match: 7,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The matching template is still under review or was rejected; check its status under 模板报备 in the YunPian console.',
  },
  {
    match: 60,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The template has expired; submit it again for approval in the YunPian console.',
  },
  {
    match: 4,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The text contains a blocked keyword (named in the detail); reword the template and have it approved again.',
  },
  {
    match: 23,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: "The recipient's country is not in the approved international template's country list; add the country to the template under 国际短信 → 模板报备.",
  },

  // Signatures.
  {
    match: [15, 16, 18, -57],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Signature problem: file and get approval for a signature (签名报备), and put at most one 【signature】 at the start of the content, matching the approved one; or leave it out so YunPian adds the default signature.',
  },
  {
    match: 21,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The account expects encrypted requests, which this connector does not send; turn request encryption off in the YunPian console.',
  },

  // The recipient.
  {
    match: [2, 56],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'YunPian did not accept the phone number; check that it is a valid mobile number with the right country code.',
  },
  {
    match: [10, 11],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: "The number is on YunPian's or the carrier's blacklist / anti-harassment list; the person should use another number or contact YunPian support.",
  },
  {
    match: 20,
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: "YunPian does not deliver to this number's country or region, or international SMS is not enabled on the account (国际短信).",
  },
  {
    match: [1, 12, 14, 19, 25, 48, 58],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'YunPian could not read the request (missing, malformed or too long parameter); check the template length and encoding, and report it if it persists.',
  },

  // YunPian or carrier side.
  {
    match: 13,
    errorCode: ConnectorErrorCodes.General,
    hint: 'Sending is suspended by carrier control; try again later or contact YunPian support.',
  },
  {
    match: 28,
    errorCode: ConnectorErrorCodes.General,
    hint: 'Carrier error at YunPian; try again in a moment.',
  },
  {
    match: [-50, -51, -53],
    errorCode: ConnectorErrorCodes.General,
    hint: 'An internal error at YunPian; try again in a moment, and contact YunPian support if it persists.',
  },
];

const unknownCodeRule: ErrorRule<number> = {
  match: [],
  errorCode: ConnectorErrorCodes.General,
  hint: `Look the code up in YunPian's return-code list (${codeReference}).`,
};

export type YunpianRejection = {
  code: number;
  msg?: string;
  detail?: string;
  httpStatus: number;
};

const sentence = (value: string) => (/[.。!！?？…]$/.test(value) ? value : `${value}.`);

/** Which table a rejection is read from and what was refused, for a call other than a send. */
export type YunpianCallKind = { rules: ReadonlyArray<ErrorRule<number>>; refused: string };

const sendCall: YunpianCallKind = { rules: errorRules, refused: 'YunPian refused the message' };

/** YunPian answered with a non-zero `code`. */
export const yunpianRejection = (
  { code, msg, detail, httpStatus }: YunpianRejection,
  redactor: Redactor,
  kind: YunpianCallKind = sendCall
): ConnectorError => {
  const rule = lookupErrorRule(kind.rules, code, unknownCodeRule);
  const words = [msg, detail].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== ''
  );
  const providerMessage = words.length > 0 ? words.join(' — ') : undefined;
  return providerError(
    rule.errorCode,
    {
      provider: 'yunpian',
      providerCode: code,
      ...(providerMessage === undefined ? {} : { providerMessage }),
      httpStatus,
      summary: sentence(
        `${kind.refused} with code ${code}${providerMessage ? `: ${providerMessage}` : ''}`
      ),
      hint: rule.hint,
    },
    redactor
  );
};

const excerptLength = 160;

/**
 * YunPian answered with something that is not its JSON envelope (a proxy page, an empty body).
 * A 5xx says the service is failing (General); anything else says the endpoint is not YunPian's
 * API or the API changed (InvalidResponse).
 */
export const unreadableAnswer = (
  httpStatus: number,
  body: string,
  redactor: Redactor
): ConnectorError => {
  // Redact before cutting, so a secret split by the cut cannot survive as a fragment. Tags are
  // dropped because the description can reach the end user as a toast.
  const compact = redactor
    .text(body)
    .replaceAll(/<[^>]*>/g, ' ')
    .replaceAll(/\s+/g, ' ')
    .trim();
  const excerpt = compact.length > excerptLength ? `${compact.slice(0, excerptLength)}…` : compact;
  const what = excerpt === '' ? 'an empty body' : `an unexpected body: ${excerpt}`;
  const serverFailure = httpStatus >= 500;
  return providerError(
    serverFailure ? ConnectorErrorCodes.General : ConnectorErrorCodes.InvalidResponse,
    {
      provider: 'yunpian',
      httpStatus,
      summary: sentence(`YunPian answered HTTP ${httpStatus} with ${what}`),
      hint: serverFailure
        ? 'YunPian or a proxy in front of it is failing; the message may or may not have been sent. Try again in a moment.'
        : 'Check that endpoint is the YunPian API origin (https://sms.yunpian.com or https://us.yunpian.com) and that no proxy rewrites the answer; the message may or may not have been sent.',
    },
    redactor
  );
};

/**
 * What a `single_send` answer means: the send result for code 0, else the ConnectorError from the
 * code table (or for an answer that is not YunPian's envelope).
 *
 * @throws ConnectorError for a refusal or an unreadable answer.
 */
export const checkResponse = (
  { status, body }: Pick<HttpResponse, 'status' | 'body'>,
  redactor: Redactor
): YunpianAccepted => {
  const answer = readResponse(body);
  if (answer === undefined) {
    throw unreadableAnswer(status, body, redactor);
  }
  const { code, msg, detail, ...result } = answer;
  if (code !== 0) {
    throw yunpianRejection(
      {
        code,
        httpStatus: status,
        ...(msg === undefined ? {} : { msg }),
        ...(detail === undefined ? {} : { detail }),
      },
      redactor
    );
  }
  return result;
};
