import {
  lookupErrorRule,
  providerError,
  type ErrorRule,
  type HttpResponse,
  type Redactor,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { readResponse, type TencentAnswer, type TencentSmsSendResult } from './response.js';

const { RateLimitExceeded, UsageLimitExceeded, InvalidConfig, InvalidRequestParameters, General } =
  ConnectorErrorCodes;

/**
 * Tencent code → what Logto should see and how an operator fixes it. The same table serves the
 * whole-request `Response.Error.Code` and the per-number `SendStatusSet[].Code`: Tencent does not
 * say which codes come where. Codes are Tencent's SMS 2021-01-11 and common API 3.0 codes, with
 * their own misspellings (`Serivce`, `Unsuported`, the trailing-dot `UnsupportedOperation.`).
 * First match wins, so exact codes and narrow patterns come before broad prefixes.
 */
export const errorRules: ReadonlyArray<ErrorRule<string>> = [
  // --- Connector bugs that look like limits: must come before the LimitExceeded.PhoneNumber* row.
  {
    match: ['LimitExceeded.PhoneNumberCountLimit', 'MissingParameter.EmptyPhoneNumberSet'],
    errorCode: InvalidRequestParameters,
    hint: 'The request did not hold exactly one phone number; this is a connector bug, please report it with the RequestId.',
  },

  // --- Rate limits: transient, the person can try again later.
  {
    match: 'LimitExceeded.PhoneNumberThirtySecondLimit',
    errorCode: RateLimitExceeded,
    hint: 'Tencent allows one code to the same number every 30 seconds by default; wait, or change the frequency limit in the SMS console (application > basic configuration).',
  },
  {
    match: [
      'LimitExceeded.PhoneNumberOneHourLimit',
      'LimitExceeded.PhoneNumberDailyLimit',
      'LimitExceeded.PhoneNumberSameContentDailyLimit',
    ],
    errorCode: RateLimitExceeded,
    hint: 'This number received its hourly or daily maximum of messages; wait, or raise the per-number limits (or allowlist test numbers) in the Tencent SMS console.',
  },
  {
    match: /^LimitExceeded\.(?:PhoneNumber|DeliveryFrequencyLimit)/,
    errorCode: RateLimitExceeded,
    hint: "Tencent's frequency control refused this number for now; wait before requesting another code, or review the frequency limits in the SMS console.",
  },
  {
    match: /^RequestLimitExceeded/,
    errorCode: RateLimitExceeded,
    hint: "The account's Tencent Cloud API request rate was exceeded; try again in a few seconds.",
  },

  // --- Balance and volume caps: persist until someone pays or raises the cap.
  {
    match: 'FailedOperation.InsufficientBalanceInSmsPackage',
    errorCode: UsageLimitExceeded,
    hint: 'The SMS package is used up; buy a package in the Tencent SMS console.',
  },
  {
    match: [
      'UnauthorizedOperation.SerivceSuspendDueToArrears',
      'UnauthorizedOperation.ServiceSuspendDueToArrears',
    ],
    errorCode: UsageLimitExceeded,
    hint: 'Tencent suspended SMS for unpaid bills; settle the arrears in the Tencent Cloud billing console.',
  },
  {
    match: 'LimitExceeded.AppDailyLimit',
    errorCode: UsageLimitExceeded,
    hint: "The application's daily sending cap was reached; raise it in the SMS console (application > basic configuration) or wait until tomorrow.",
  },
  {
    match: 'LimitExceeded.DailyLimit',
    errorCode: UsageLimitExceeded,
    hint: 'The daily cap for international / Hong Kong, Macao and Taiwan SMS was reached (100 a day for new accounts); ask Tencent to raise it or wait until tomorrow.',
  },
  {
    match: /^LimitExceeded/,
    errorCode: UsageLimitExceeded,
    hint: 'A Tencent Cloud quota was exceeded; check the account quotas and SMS limits in the console.',
  },

  // --- Configuration: credentials, permissions, signature, templates, application.
  {
    match: 'AuthFailure.SignatureFailure',
    errorCode: InvalidConfig,
    hint: 'The SecretKey is probably wrong: copy accessKeySecret again from the Tencent Cloud console (CAM > API keys); a missing or extra character is enough.',
  },
  {
    match: ['AuthFailure.SecretIdNotFound', 'AuthFailure.InvalidSecretId'],
    errorCode: InvalidConfig,
    hint: 'accessKeyId (SecretId) is unknown, disabled or not an API key; copy it again from CAM > API keys, without spaces.',
  },
  {
    match: 'AuthFailure.SignatureExpire',
    errorCode: InvalidConfig,
    hint: "This server's clock is more than 5 minutes off; synchronise it (NTP).",
  },
  {
    match: 'AuthFailure.TokenFailure',
    errorCode: InvalidConfig,
    hint: 'The STS securityToken is invalid or expired; paste a fresh TmpSecretId, TmpSecretKey and token, or use a permanent CAM API key without a token.',
  },
  {
    match: 'AuthFailure.InvalidAuthorization',
    errorCode: InvalidConfig,
    hint: 'Tencent could not read the Authorization header; check that no proxy rewrites requests, and report it with the RequestId if not.',
  },
  {
    match: [
      'AuthFailure.UnauthorizedOperation',
      'UnauthorizedOperation',
      'UnauthorizedOperation.RequestPermissionDeny',
      'AuthFailure.MFAFailure',
    ],
    errorCode: InvalidConfig,
    hint: 'The CAM user of this key may not send SMS; grant it sms:SendSms (e.g. the QcloudSMSFullAccess policy).',
  },
  {
    match: ['IpNotInWhitelist', 'IpInBlacklist', 'UnauthorizedOperation.RequestIpNotInWhitelist'],
    errorCode: InvalidConfig,
    hint: "This server's IP address is not allowed; add its egress IP to the API key's or the SMS application's IP allowlist.",
  },
  {
    match: 'UnsupportedRegion',
    errorCode: InvalidConfig,
    hint: 'SMS is not offered in the configured region; set region to ap-guangzhou (the default), ap-beijing or ap-singapore.',
  },
  {
    match: /^AuthFailure/,
    errorCode: InvalidConfig,
    hint: 'Tencent refused the credentials; check accessKeyId, accessKeySecret and securityToken in CAM > API keys.',
  },
  {
    match: [
      'FailedOperation.SignatureIncorrectOrUnapproved',
      'FailedOperation.MissingSignatureList',
      'InvalidParameterValue.MissingSignatureList',
      'FailedOperation.MissingSignature',
    ],
    errorCode: InvalidConfig,
    hint: 'The sign name is not an approved signature of this account: use the signature text exactly as approved (domestic signature in signName, international in overseasSignName), without 【】.',
  },
  {
    match: ['FailedOperation.TemplateIncorrectOrUnapproved', 'FailedOperation.MissingTemplateList'],
    errorCode: InvalidConfig,
    hint: 'The template is unknown, unapproved, of the wrong kind or has another number of variables: use an approved domestic template ID for mainland numbers and an international one for the rest (templateCode { "china", "overseas" }), with one {1} for the code plus one fixedParams value per further variable.',
  },
  {
    match: ['InvalidParameterValue.SdkAppIdNotExist', 'InvalidParameter.AppidAndBizId'],
    errorCode: InvalidConfig,
    hint: 'sdkAppId does not exist or belongs to another account; copy the SdkAppId from the SMS console (application management).',
  },
  {
    match: /^UnauthorizedOperation\.SmsSdkAppidVerifyFail$/i,
    errorCode: InvalidConfig,
    hint: 'sdkAppId belongs to another Tencent Cloud account than the API key; use a key and an application of the same account.',
  },
  {
    match: /^UnauthorizedOperation\.SdkAppidIsDisabled$/i,
    errorCode: InvalidConfig,
    hint: 'Tencent disabled this SMS application; contact Tencent Cloud SMS support.',
  },
  {
    match: [
      'UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny',
      'FailedOperation.MarketingSendTimeConstraint',
    ],
    errorCode: InvalidConfig,
    hint: 'The template is a marketing template; verification codes need a verification-code (验证码) template.',
  },
  {
    match: 'FailedOperation.NotEnterpriseCertification',
    errorCode: InvalidConfig,
    hint: 'This operation needs an enterprise-verified Tencent Cloud account.',
  },

  // --- The message or number: this send cannot succeed as asked.
  {
    match: 'InvalidParameterValue.IncorrectPhoneNumber',
    errorCode: InvalidRequestParameters,
    hint: 'Tencent does not accept this phone number; check that it is a complete mobile number with its country code.',
  },
  {
    match: ['FailedOperation.PhoneNumberInBlacklist', 'FailedOperation.PhoneNumberOnBlacklist'],
    errorCode: InvalidRequestParameters,
    hint: 'The number is on a blocklist (it unsubscribed, or a carrier list); the person should use another number, or contact Tencent SMS support.',
  },
  {
    match: ['UnsupportedOperation.UnsuportedRegion', 'UnsupportedOperation.UnsupportedRegion'],
    errorCode: InvalidRequestParameters,
    hint: "Tencent does not deliver to this number's country or region on this account; enable it in the SMS console's international settings.",
  },
  {
    match: 'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber',
    errorCode: InvalidRequestParameters,
    hint: 'Domestic and international numbers were mixed in one request; this is a connector bug, please report it with the RequestId.',
  },
  {
    match: [
      'InvalidParameterValue.TemplateParameterFormatError',
      'InvalidParameterValue.TemplateParameterLengthLimit',
    ],
    errorCode: InvalidRequestParameters,
    hint: 'A template variable was refused: verification-code templates take 0–6 digits per variable, and individual accounts at most 12 characters; check fixedParams and the code length.',
  },
  {
    match: [
      'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter',
      'InvalidParameterValue.ContentLengthLimit',
      'FailedOperation.ContainSensitiveWord',
      'InvalidParameter.DirtyWordFound',
    ],
    errorCode: InvalidRequestParameters,
    hint: 'Tencent refused the message content (a URL in a variable, too long, or a sensitive word); check the template and fixedParams.',
  },

  // --- Tencent side, or a request Tencent could not read.
  {
    match: ['InternalError.Timeout', 'InternalError.SendAndRecvFail'],
    errorCode: General,
    hint: 'Tencent timed out delivering; the message may or may not have been sent, so it was not retried. Try again in a minute.',
  },
  {
    match: 'InternalError.RequestTimeException',
    errorCode: General,
    hint: "Tencent found this server's clock far off; synchronise it (NTP).",
  },
  {
    match: [
      'FailedOperation.FailResolvePacket',
      'FailedOperation.JsonParseFail',
      'InternalError.JsonParseFail',
    ],
    errorCode: General,
    hint: 'Tencent could not parse the request body; check that no proxy rewrites requests, and report it with the RequestId.',
  },
  {
    match: /^InternalError/,
    errorCode: General,
    hint: 'Tencent had a server-side problem; try again in a minute, and give the RequestId to Tencent support if it persists.',
  },
  {
    match: /^(?:InvalidAction|ActionOffline|NoSuchVersion|NoSuchProduct|UnsupportedProtocol)$/,
    errorCode: General,
    hint: 'Tencent does not serve SendSms 2021-01-11 at this endpoint; report it with the RequestId.',
  },
];

const unknownTencentError: ErrorRule<string> = {
  match: [],
  errorCode: General,
  hint: "Look the code up in Tencent Cloud SMS's error-code list (https://cloud.tencent.com/document/api/382/52075) and give the RequestId to Tencent support if unclear.",
};

export const ruleForTencentCode = (
  code: string,
  rules: ReadonlyArray<ErrorRule<string>> = errorRules
): ErrorRule<string> => lookupErrorRule(rules, code, unknownTencentError);

/** What a call was, for the words of its errors: the table to read and how to say "refused". */
export type TencentCallKind = {
  rules: ReadonlyArray<ErrorRule<string>>;
  /** E.g. "Tencent Cloud SMS refused the message" */
  refused: string;
  /** What a 5xx means for this call (a send may or may not have gone out; a lookup changed nothing). */
  serverErrorHint: string;
};

const sendCall: TencentCallKind = {
  rules: errorRules,
  refused: 'Tencent Cloud SMS refused the message',
  serverErrorHint:
    'Tencent or a proxy in front of it is failing; the message may or may not have been sent, so it was not retried. Try again in a minute.',
};

const maxMessageLength = 300;
const sentence = (words: string) => (/[.!?。！？]$/.test(words) ? words : `${words}.`);

type Failure = {
  errorCode: ConnectorErrorCodes;
  summary: string;
  hint: string;
  httpStatus: number;
  requestId?: string | undefined;
  providerCode?: string | undefined;
  providerMessage?: string | undefined;
  serialNo?: string | undefined;
};

/** A Tencent refusal or failure with the code, RequestId, status and fix; every text goes through the redactor. */
const tencentFailure = (
  {
    errorCode,
    summary,
    hint,
    httpStatus,
    requestId,
    providerCode,
    providerMessage,
    serialNo,
  }: Failure,
  redactor: Redactor
): ConnectorError => {
  // Redact before cutting: a cut could leave the first characters of a secret behind.
  const message =
    providerMessage === undefined
      ? undefined
      : redactor.text(providerMessage).slice(0, maxMessageLength);
  return providerError(
    errorCode,
    {
      provider: 'tencent',
      summary: sentence(message === undefined ? summary : `${summary} ${message}`),
      hint,
      httpStatus,
      ...(providerCode === undefined ? {} : { providerCode }),
      ...(message === undefined ? {} : { providerMessage: message }),
      ...(requestId === undefined ? {} : { requestId }),
      ...(serialNo === undefined ? {} : { serialNo }),
    },
    redactor
  );
};

/** `refused` is the answer's `Response.Error` or its one `SendStatusSet` entry. */
const refusal = (
  {
    status,
    answer,
    kind = sendCall,
  }: { status: number; answer: TencentAnswer; kind?: TencentCallKind },
  refused: { code: string; message?: string | undefined; serialNo?: string | undefined },
  redactor: Redactor
) => {
  const { code, message, serialNo } = refused;
  const rule = ruleForTencentCode(code, kind.rules);
  return tencentFailure(
    {
      errorCode: rule.errorCode,
      summary: `${kind.refused} (${code}).`,
      hint: rule.hint,
      httpStatus: status,
      requestId: answer.requestId,
      providerCode: code,
      providerMessage: message,
      serialNo,
    },
    redactor
  );
};

/**
 * Throws the ConnectorError for a 5xx (General) or a whole-request `Response.Error` (the code's row
 * in `kind.rules`); returns quietly for anything else, which the caller reads further.
 *
 * @throws ConnectorError as above.
 */
export const throwIfRefused = (
  status: number,
  answer: TencentAnswer | undefined,
  redactor: Redactor,
  kind: TencentCallKind
): void => {
  if (status >= 500) {
    const code = answer?.error?.code;
    throw tencentFailure(
      {
        errorCode: General,
        summary: `Tencent Cloud SMS answered HTTP ${status}${code === undefined ? '' : ` (${code})`}.`,
        hint: kind.serverErrorHint,
        httpStatus: status,
        requestId: answer?.requestId,
        providerCode: code,
        providerMessage: answer?.error?.message,
      },
      redactor
    );
  }
  if (answer?.error) {
    throw refusal({ status, answer, kind }, answer.error, redactor);
  }
};

/**
 * Tencent answered 2xx with something that is not the answer `what` names: a proxy page, or an
 * endpoint that is not Tencent's.
 */
export const unexpectedAnswer = (
  status: number,
  requestId: string | undefined,
  what: string,
  redactor: Redactor
): ConnectorError =>
  tencentFailure(
    {
      errorCode: ConnectorErrorCodes.InvalidResponse,
      summary: `Tencent Cloud SMS answered HTTP ${status} with a body that is not ${what}.`,
      hint: 'Check that endpoint points at the Tencent Cloud SMS API (or the local sandbox), not at a proxy or web page.',
      httpStatus: status,
      requestId,
    },
    redactor
  );

/**
 * Turns Tencent's answer into the send result or a ConnectorError. Tencent answers HTTP 200 for
 * refusals too, so success is exactly one `SendStatusSet` entry whose `Code` is `Ok` on a 2xx,
 * with no `Response.Error`.
 *
 * @throws ConnectorError: the `errorRules` code for a refusal; General for a 5xx; InvalidResponse
 *   for anything that is not a Tencent answer.
 */
export const checkResponse = (
  response: Pick<HttpResponse, 'status' | 'body'>,
  redactor: Redactor
): TencentSmsSendResult => {
  const { status } = response;
  const answer = readResponse(response.body);
  throwIfRefused(status, answer, redactor, sendCall);

  const [entry, ...extra] = answer?.statuses ?? [];
  const isSuccessStatus = status >= 200 && status < 300;
  if (answer === undefined || entry === undefined || extra.length > 0) {
    throw tencentFailure(
      {
        errorCode: ConnectorErrorCodes.InvalidResponse,
        summary: `Tencent Cloud SMS answered HTTP ${status} with a body that is not a SendSms answer for one number.`,
        hint: 'Check that endpoint points at the Tencent Cloud SMS API (or the local sandbox), not at a proxy or web page; the message may or may not have been sent.',
        httpStatus: status,
        requestId: answer?.requestId,
      },
      redactor
    );
  }

  if (entry.code.toLowerCase() !== 'ok') {
    throw refusal({ status, answer }, entry, redactor);
  }
  if (!isSuccessStatus) {
    throw tencentFailure(
      {
        errorCode: ConnectorErrorCodes.InvalidResponse,
        summary: `Tencent Cloud SMS answered HTTP ${status} with a success body.`,
        hint: 'Check that no proxy between Logto and Tencent rewrites answers; the message may have been sent.',
        httpStatus: status,
        requestId: answer.requestId,
        serialNo: entry.serialNo,
      },
      redactor
    );
  }
  return { serialNo: entry.serialNo, requestId: answer.requestId };
};
