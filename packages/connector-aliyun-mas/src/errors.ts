import {
  checkAliyunResponse,
  credentialRules,
  nonceReusedRule,
  throttlingRule,
  withoutBusinessPrefix,
} from '@logto-sms/aliyun-pop';
import {
  lookupErrorRule,
  type ErrorFacts,
  type ErrorRule,
  type HttpResponse,
  type Redactor,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { readResponse, type AliyunMasSendResult } from './response.js';

const consoleUrl = 'https://dypns.console.aliyun.com/';

/**
 * Aliyun code → what Logto should see and how an operator fixes it (aliyun-dypns-api.md §3.3).
 * Codes are matched **without** their `isv.` / `isp.` / `biz.` prefix, since Dypnsapi's pages, its
 * metadata and real answers spell the same code with and without one. First match wins, so exact
 * codes and narrow patterns come before the broad `Invalid*` catch-all.
 */
export const errorRules: ReadonlyArray<ErrorRule<string>> = [
  // --- Per-number and request-rate limits: transient, the person can try again later.
  {
    match: ['FREQUENCY', 'FREQUENCY_FAIL'],
    errorCode: ConnectorErrorCodes.RateLimitExceeded,
    hint: 'Aliyun allows one code per number per interval (60 s by default); wait a minute before requesting another code.',
  },
  {
    match: 'BUSINESS_LIMIT_CONTROL',
    errorCode: ConnectorErrorCodes.RateLimitExceeded,
    hint: 'This number reached its per-minute, per-hour or per-day limit; try again later. The limits are shown in the 号码认证 console under 通用设置.',
  },
  throttlingRule,

  // --- Balance and caps: persist until someone pays or raises the cap.
  {
    match: ['OUT_OF_SERVICE', 'OutOfService', 'AMOUNT_NOT_ENOUGH'],
    errorCode: ConnectorErrorCodes.UsageLimitExceeded,
    hint: 'Aliyun suspended the service for this account, usually because the balance is overdue; top up the Aliyun account to resume.',
  },
  {
    match: 'RESOURCE_NOT_ENOUGH',
    errorCode: ConnectorErrorCodes.UsageLimitExceeded,
    hint: 'The Message Authentication package or credit is used up; buy a package or top up the Aliyun account.',
  },
  {
    match: ['DAY_LIMIT_CONTROL', 'MONTH_LIMIT_CONTROL'],
    errorCode: ConnectorErrorCodes.UsageLimitExceeded,
    hint: 'The daily or monthly sending cap of the account was reached; raise it in the Aliyun console or wait until it resets.',
  },

  // --- Configuration: credentials, permissions, activation, signature, template, deployment.
  ...credentialRules,
  {
    match:
      /^(?:RAM_PERMISSION_DENY|RamPermissionDeny|Forbidden.*|NoPermission|UnauthorizedOperation)$/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The RAM user behind this AccessKey may not send verification codes; grant it dypns:SendSmsVerifyCode (e.g. the AliyunDypnsFullAccess policy).',
  },
  {
    match: [
      'PRODUCT_UNSUBSCRIBE',
      'PRODUCT_UN_SUBSCRIPT',
      'Unsupported.Account',
      'BIZ_NOT_OPEN_STATUS',
      'OFFER_NOT_ORDER_STATUS',
    ],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: `Message Authentication Service (短信认证) is not activated for this Aliyun account; activate it in the 号码认证 console (${consoleUrl}).`,
  },
  {
    match: ['InvalidAccountStatus', 'ACCOUNT_ABNORMAL', 'ACCOUNT_NOT_EXISTS'],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The Aliyun account is missing or restricted; check that the AccessKey belongs to the account where 短信认证 is activated, or contact Aliyun support.',
  },
  {
    match: [
      'InvalidSignName',
      'SmsSignNameNotExist',
      'SMS_SIGNATURE_ILLEGAL',
      'SMS_SIGN_ILLEGAL',
      'SIGN_STATE_ILLEGAL',
    ],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'signName is not a current gift signature; Aliyun replaces them from time to time. Copy one exactly from 号码认证 > 短信认证参数配置 > 赠送签名配置.',
  },
  {
    match: ['SMS_TEMPLATE_ILLEGAL', 'TEMPLATE_MISSING_PARAMETERS'],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'templateCode must be a system template (赠送模板, e.g. 100001) listed under 短信认证参数配置 > 赠送模板配置, and every variable it has besides code and min needs a value in fixedParams.',
  },
  {
    match: ['VERIFY_SCHEME_NOT_EXIST', 'VerifySchemeNotExist'],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Aliyun expected a verification scheme; check that 短信认证 is set up in the 号码认证 console.',
  },
  {
    match: 'DENY_IP_RANGE',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Aliyun only sends mainland China SMS from servers in mainland China; run Logto there.',
  },
  {
    match:
      /^(?:InvalidApi\.NotFound|InvalidAction.*|InvalidVersion|NoSuchVersion|UnsupportedHTTPMethod)$/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'This endpoint does not serve SendSmsVerifyCode (Dypnsapi 2017-05-25); leave endpoint empty for https://dypnsapi.aliyuncs.com.',
  },

  // --- The request itself.
  {
    match: 'MOBILE_NUMBER_ILLEGAL',
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Aliyun rejected the phone number; only mainland China mobile numbers (11 digits starting with 1) can receive these codes.',
  },
  {
    match: 'SECURITY_INTERCEPTED',
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: "Aliyun's anti-fraud check blocked sending to this number; nothing can be changed on the connector side.",
  },
  {
    match: ['INVALID_PARAMETERS', 'INVALID_JSON_PARAM', 'PARAMETERS_MISMATCH'],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Aliyun rejected a request parameter; check the phone number and that the template variables (code, min, fixedParams) match the template.',
  },
  {
    match: ['InvalidTimeStamp.Expired'],
    errorCode: ConnectorErrorCodes.General,
    hint: "This server's clock differs from Aliyun's by more than 15 minutes; fix the system clock (enable NTP time sync).",
  },
  {
    match: /^(?:Missing|InvalidParameter|Invalid[A-Z])/,
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Aliyun rejected a request parameter; check the phone number and the template settings.',
  },

  // --- Aliyun-side trouble.
  {
    match: [
      'SYSTEM_ERROR',
      'SystemError',
      'InternalError',
      'UnknowError',
      'SMS_SYSTEM_ERROR',
      'SENTINEL_BLOCK_EXCEPTION',
      'ServiceUnavailable',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'Aliyun had an internal problem; try again shortly, and open an Aliyun ticket with the RequestId if it persists.',
  },
  nonceReusedRule,
];

export const unknownAliyunMasError: ErrorRule<string> = {
  match: [],
  errorCode: ConnectorErrorCodes.General,
  hint: 'Unrecognised Aliyun error; look the code up in the Message Authentication Service return codes (https://help.aliyun.com/document_detail/85198.htm) and quote the RequestId to Aliyun support.',
};

/** Aliyun returns 5xx for its own failures; the send may or may not have happened. */
export const aliyunMasServerErrorHint =
  'Aliyun had a server-side problem; the code may or may not have been sent, so it was not retried. Try again in a minute and contact Aliyun support with the RequestId if it persists.';

/** The row of `table` (default: the send table) for a code, matched without its `isv.` / `isp.` / `biz.` prefix. */
export const ruleForCode = (
  answer: string | ErrorFacts<string>,
  table: ReadonlyArray<ErrorRule<string>> = errorRules
): ErrorRule<string> => {
  const facts = typeof answer === 'string' ? { code: answer } : answer;
  return lookupErrorRule(
    table,
    { ...facts, code: withoutBusinessPrefix(facts.code) },
    unknownAliyunMasError
  );
};

/**
 * Turns Aliyun's answer into the send result or a ConnectorError. Accepted means a 2xx with
 * `Code: "OK"` **and** `Success: true`.
 *
 * @throws ConnectorError for every other answer, classified by `errorRules`.
 */
export const checkResponse = (
  response: Pick<HttpResponse, 'status' | 'body'>,
  redactor: Redactor
): AliyunMasSendResult =>
  checkAliyunResponse(response, redactor, {
    provider: 'aliyun-mas',
    productName: 'Aliyun Message Authentication Service',
    read: readResponse,
    accepted: (answer) =>
      answer.success ? { bizId: answer.bizId, requestId: answer.requestId } : undefined,
    ruleFor: ruleForCode,
    serverErrorHint: aliyunMasServerErrorHint,
    notAnAnswerHint:
      'Check that endpoint points at https://dypnsapi.aliyuncs.com (or the local sandbox), not at a proxy or web page.',
  });
