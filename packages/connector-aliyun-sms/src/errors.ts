import {
  checkAliyunResponse,
  credentialRules,
  nonceReusedRule,
  throttlingRule,
} from '@logto-sms/aliyun-pop';
import {
  lookupErrorRule,
  type ErrorFacts,
  type ErrorRule,
  type HttpResponse,
  type PhoneRoute,
  type Redactor,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { readResponse, type AliyunAnswer, type AliyunSmsSendResult } from './response.js';
import { readsAsMainlandExplanation } from './templates.js';

/**
 * Aliyun code → what Logto should see and how an operator fixes it. Business errors (`isv.*`,
 * `isp.*`) arrive with HTTP 200, gateway errors with 4xx; both carry `Code`. First match wins, so
 * exact codes and narrow patterns come before the broad `Invalid*` catch-all.
 */
export const errorRules: ReadonlyArray<ErrorRule<string>> = [
  // --- Rate limits: transient, the person can try again later.
  {
    match: 'isv.BUSINESS_LIMIT_CONTROL',
    errorCode: ConnectorErrorCodes.RateLimitExceeded,
    hint: 'Aliyun limits codes per number (by default 1 per minute, 5 per hour, 10 per day); wait before requesting another code, or change the limits or whitelist test numbers in the Aliyun SMS console.',
  },
  throttlingRule,

  // --- Balance and volume caps: persist until someone pays or raises the cap.
  {
    match: 'isv.AMOUNT_NOT_ENOUGH',
    errorCode: ConnectorErrorCodes.UsageLimitExceeded,
    hint: 'The Aliyun account balance is too low; top it up in the Aliyun billing console.',
  },
  {
    match: 'isv.OUT_OF_SERVICE',
    errorCode: ConnectorErrorCodes.UsageLimitExceeded,
    hint: 'Aliyun suspended SMS for this account, usually because the balance is overdue; top up the account to resume.',
  },
  {
    match: ['isv.DAY_LIMIT_CONTROL', 'isv.MONTH_LIMIT_CONTROL'],
    errorCode: ConnectorErrorCodes.UsageLimitExceeded,
    hint: 'The daily or monthly sending cap set in the Aliyun SMS console was reached; raise it there or wait until it resets.',
  },

  // --- Configuration: credentials, permissions, signature, templates, deployment.
  ...credentialRules,
  {
    match: /^(?:Forbidden.*|NoPermission|isp\.RAM_PERMISSION_DENY)$/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The RAM user behind this AccessKey may not send SMS; grant it the AliyunDysmsFullAccess policy (or one allowing dysms:SendSms).',
  },
  {
    match: ['isv.SMS_SIGNATURE_ILLEGAL', 'isv.SMS_SIGN_ILLEGAL', 'isv.SIGN_STATE_ILLEGAL'],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'signName must be an approved signature of this account, spelled exactly as approved and without 【】; check its status in the Aliyun SMS console.',
  },
  {
    match: 'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: "The signature's scenario does not fit the template type; use a signature approved for verification codes with verification-code templates.",
  },
  {
    // Aliyun reuses this code when the template exists but its variables differ from TemplateParam
    // (「模板内容与模板参数不匹配」): a variable-name problem, not an unknown template.
    match: 'isv.SMS_TEMPLATE_ILLEGAL',
    message: /不匹配|not match|mismatch/i,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable syntax
    hint: "The template's variables do not match what was sent: the code's variable must be ${code} in the Aliyun template, or be named in this template's codeParamName (e.g. \"verifyCode\" for ${verifyCode}); give any other variable a value in fixedParams.",
  },
  {
    match: 'isv.SMS_TEMPLATE_ILLEGAL',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The template code is unknown to this account or not approved; check templateCode (and its china/overseas codes) in the Aliyun SMS console.',
  },
  {
    match: 'isv.TEMPLATE_MISSING_PARAMETERS',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable syntax
    hint: 'The template has a variable without a value: name the code\'s variable in codeParamName (default "code" for ${code}), and give every other variable a fixed text value in the template\'s fixedParams, e.g. "fixedParams": { "min": "5" } for ${min}.',
  },
  {
    match: 'isv.DENY_IP_RANGE',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Aliyun only sends mainland China SMS from servers in mainland China; run Logto there, or send these numbers through an international template.',
  },
  {
    // The connector sent this number abroad (e.g. a +1 number that looks like a mainland mobile)
    // and Aliyun still read it as mainland: nothing in the config can change that.
    match: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
    region: 'international',
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Nothing in the connector config can change how Aliyun reads this number; the person can use another phone number or another sign-in method.',
  },
  {
    match: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Aliyun read the number as a mainland China mobile but the template is international: give the template a mainland code via templateCode.china. (A +1 number with the same digits as a mainland mobile cannot be sent through SendSms.)',
  },
  {
    match: /^isv\.PRODUCT_UN/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Short Message Service is not activated for this Aliyun account; activate it in the Aliyun SMS console.',
  },
  {
    match: /^isv\.ACCOUNT_/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The Aliyun account is missing or restricted; check that the AccessKey belongs to the account where SMS is set up, or contact Aliyun support.',
  },
  {
    match: /^isv\.SMS_TEST_/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: "Aliyun's test signature and template only send to test numbers bound in the SMS console; bind the number or use your own approved signature and template.",
  },
  {
    match: ['isv.SMS_CONTENT_ILLEGAL', 'isv.EXTEND_CODE_ERROR'],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'Aliyun refused the template content or its settings; check the template in the Aliyun SMS console (for mainland numbers, also that this server is in mainland China).',
  },
  {
    match:
      /^(?:InvalidApi\.NotFound|InvalidAction.*|InvalidVersion|NoSuchVersion|UnsupportedHTTPMethod)$/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'This endpoint does not serve Aliyun SMS (Dysmsapi 2017-05-25); set endpoint to https://dysmsapi.aliyuncs.com or a regional SMS endpoint.',
  },
  {
    match: 'InvalidTimeStamp.Expired',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: "This server's clock differs from Aliyun's by more than 15 minutes; fix the system clock (enable NTP time sync).",
  },

  // --- The request itself: the number or the template variables.
  {
    match: 'isv.MOBILE_NUMBER_ILLEGAL',
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Aliyun rejected the phone number; make sure it is a mobile number with its country code.',
  },
  {
    match: 'isv.MOBILE_COUNT_OVER_LIMIT',
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Too many recipients in one request; send one number at a time.',
  },
  {
    match: ['isv.INVALID_PARAMETERS', 'isv.INVALID_JSON_PARAM'],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Aliyun rejected a request parameter; check the phone number and that the template variable is a plain code.',
  },
  {
    match: [
      'isv.PARAM_LENGTH_LIMIT',
      'isv.PARAM_NOT_SUPPORT_URL',
      'isv.TEMPLATE_PARAMS_ILLEGAL',
      'isv.BLACK_KEY_CONTROL_LIMIT',
    ],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Aliyun refused the template variable value (too long, a URL or a blocked word); verification-code templates accept 4–6 letters or digits.',
  },
  {
    match: ['InvalidTimeStamp.Format', 'IllegalTimestamp'],
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Aliyun could not read the request time; this is a connector bug, please report it with the RequestId.',
  },
  {
    match: /^(?:Missing|InvalidParameter|Invalid[A-Z])/,
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'Aliyun rejected a request parameter; check the phone number and the template settings.',
  },

  // --- Aliyun-side trouble.
  {
    match: [
      'isp.SYSTEM_ERROR',
      'isp.GATEWAY_ERROR',
      'isp.UNKNOWN',
      'InternalError',
      'ServiceUnavailable',
    ],
    errorCode: ConnectorErrorCodes.General,
    hint: 'Aliyun had an internal problem; try again shortly, and open an Aliyun ticket with the RequestId if it persists.',
  },
  nonceReusedRule,
];

export const unknownAliyunError: ErrorRule<string> = {
  match: [],
  errorCode: ConnectorErrorCodes.General,
  hint: 'Unrecognised Aliyun error; look the code up in the Aliyun SMS error-code reference (https://help.aliyun.com/document_detail/101346.html) and quote the RequestId to Aliyun support.',
};

/** Aliyun returns 5xx for its own failures; the send may or may not have happened. */
export const aliyunServerErrorHint =
  'Aliyun had a server-side problem; the message may or may not have been sent, so it was not retried. Try again in a minute and contact Aliyun support with the RequestId if it persists.';

/** The row explaining an Aliyun answer: chosen from its code, its message and where the connector routed the number. */
export const ruleForAliyunCode = (
  code: string | ErrorFacts<string>,
  rules: ReadonlyArray<ErrorRule<string>> = errorRules
): ErrorRule<string> => lookupErrorRule(rules, code, unknownAliyunError);

export { cleanProviderMessage } from '@logto-sms/aliyun-pop';

/** What a call was, for the words of its errors: the table to read and how to say "refused". */
export type AliyunCallKind = {
  rules: ReadonlyArray<ErrorRule<string>>;
  /** E.g. "Aliyun SMS refused the message" */
  refused: string;
};

const sendCall: AliyunCallKind = { rules: errorRules, refused: 'Aliyun SMS refused the message' };

/**
 * Reads any Dysmsapi answer and throws the ConnectorError it means; returns the answer when its
 * `Code` is `OK` on a 2xx (business errors also come back as HTTP 200).
 *
 * @throws ConnectorError for a refusal (from `kind.rules`), a 5xx or an answer that is not Aliyun's.
 */
export const checkAnswer = (
  response: Pick<HttpResponse, 'status' | 'body'>,
  redactor: Redactor,
  kind: AliyunCallKind,
  /** Where the connector routed the recipient; it changes what some refusals mean. */
  region?: PhoneRoute['region']
): AliyunAnswer =>
  checkAliyunResponse(response, redactor, {
    provider: 'aliyun',
    productName: 'Aliyun SMS',
    read: readResponse,
    accepted: (answer) => answer,
    ruleFor: (facts) => ruleForAliyunCode({ ...facts, region }, kind.rules),
    refused: kind.refused,
    explainRefusal: (answer) =>
      answer.code === 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED' && region === 'international'
        ? `${readsAsMainlandExplanation}, and refused it on the international template; it was not sent (${answer.code}).`
        : undefined,
    serverErrorHint: aliyunServerErrorHint,
    notAnAnswerHint:
      'Check that endpoint points at the Aliyun SMS API (or the local sandbox), not at a proxy or web page.',
  });

/** Turns a SendSms answer into the send result or a ConnectorError (see `checkAnswer`). */
export const checkResponse = (
  response: Pick<HttpResponse, 'status' | 'body'>,
  redactor: Redactor,
  /** Where the connector routed the recipient; it changes what some refusals mean. */
  region?: PhoneRoute['region']
): Pick<AliyunSmsSendResult, 'bizId' | 'requestId'> => {
  const { bizId, requestId } = checkAnswer(response, redactor, sendCall, region);
  return { bizId, requestId };
};
