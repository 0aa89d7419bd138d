import { parsePhoneNumberWithError } from 'libphonenumber-js/max';

import { sameRecipient } from '../shared/recipient.js';
import type { SandboxMessage } from '../types.js';

import type { AuthenticatedTencentCall } from './authenticate.js';
import { tencentError } from './errors.js';
import { readTencentNumber } from './phone-numbers.js';

/**
 * `PullSmsSendStatusByPhoneNumber` (SMS 2021-01-11), from Tencent's API page (382/55979): BeginTime,
 * Offset, Limit, PhoneNumber and SmsSdkAppId are required, EndTime is optional; BeginTime reaches
 * back at most 7 days; Limit is at most 100. A message appears only once the carrier's receipt has
 * arrived, so messages still waiting are left out.
 */
export const maxPullLimit = 100;
export const pullRetentionSeconds = 7 * 24 * 60 * 60;

type PullRequest = {
  beginTime: number;
  endTime: number | undefined;
  offset: number;
  limit: number;
  phoneNumber: string;
  smsSdkAppId: string;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const readJson = (body: Buffer): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw tencentError('FailedOperation.JsonParseFail');
  }
  if (!isRecord(parsed)) {
    throw tencentError('FailedOperation.JsonParseFail');
  }
  return parsed;
};

const required = (fields: Record<string, unknown>, name: string): unknown => {
  if (fields[name] === undefined) {
    throw tencentError('MissingParameter', `The parameter ${name} is missing.`);
  }
  return fields[name];
};

const integer = (value: unknown, name: string): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw tencentError('InvalidParameter', `The parameter ${name} must be a non-negative integer.`);
  }
  return value;
};

const string = (value: unknown, name: string): string => {
  if (typeof value !== 'string') {
    throw tencentError('InvalidParameter', `The parameter ${name} must be a string.`);
  }
  return value;
};

const readPullRequest = (body: Buffer): PullRequest => {
  const fields = readJson(body);
  const endTime = fields.EndTime;
  return {
    beginTime: integer(required(fields, 'BeginTime'), 'BeginTime'),
    endTime: endTime === undefined ? undefined : integer(endTime, 'EndTime'),
    offset: integer(required(fields, 'Offset'), 'Offset'),
    limit: integer(required(fields, 'Limit'), 'Limit'),
    phoneNumber: string(required(fields, 'PhoneNumber'), 'PhoneNumber'),
    smsSdkAppId: string(required(fields, 'SmsSdkAppId'), 'SmsSdkAppId'),
  };
};

/** `CountryCode` and `SubscriberNumber` of an E.164 number, as the receipt splits it. */
const splitNumber = (phoneNumber: string): { CountryCode: string; SubscriberNumber: string } => {
  try {
    const phone = parsePhoneNumberWithError(phoneNumber);
    return { CountryCode: phone.countryCallingCode, SubscriberNumber: phone.nationalNumber };
  } catch {
    return { CountryCode: '', SubscriberNumber: phoneNumber.replace(/^\+/, '') };
  }
};

/** One `PullSmsSendStatus` entry, in the field order of Tencent's example. */
const receiptOf = (message: SandboxMessage, reportedAt: string) => {
  const phoneNumber = readTencentNumber(message.to)?.e164 ?? message.to;
  return {
    UserReceiveTime: Math.floor(Date.parse(reportedAt) / 1000),
    ...splitNumber(phoneNumber),
    PhoneNumber: phoneNumber,
    SerialNo: message.messageId,
    ReportStatus: message.delivery.state === 'delivered' ? 'SUCCESS' : 'FAIL',
    Description: message.delivery.carrierCode ?? '',
    // The sandbox does not keep a send's SessionContext; the connectors send none.
    SessionContext: '',
  };
};

/**
 * The receipts of one number between BeginTime and EndTime (send time; the sandbox reports at
 * once, so send and receipt times agree), newest first. The answer body, without `RequestId`.
 * The sandbox does not record which SdkAppId sent a message, so it checks only that the SdkAppId
 * is one of its own.
 *
 * @throws TencentError for a missing or mistyped field, an unknown SdkAppId, a BeginTime older
 * than 7 days or a Limit outside 1–100. Which code Tencent uses for the last two is not
 * documented; `InvalidParameterValue` is this emulator's choice.
 */
export const pullSmsSendStatusByPhoneNumber = (
  call: AuthenticatedTencentCall,
  messages: readonly SandboxMessage[],
  sdkAppIds: ReadonlySet<string>,
  nowMs: number
) => {
  const request = readPullRequest(call.body);
  if (!sdkAppIds.has(request.smsSdkAppId)) {
    throw tencentError('InvalidParameterValue.SdkAppIdNotExist');
  }
  if (!/^\+[1-9]\d{6,14}$/.test(request.phoneNumber)) {
    throw tencentError('InvalidParameterValue.IncorrectPhoneNumber');
  }
  if (request.limit < 1 || request.limit > maxPullLimit) {
    throw tencentError('InvalidParameterValue', `Limit must be between 1 and ${maxPullLimit}.`);
  }
  if (request.beginTime < Math.floor(nowMs / 1000) - pullRetentionSeconds) {
    throw tencentError(
      'InvalidParameterValue',
      'BeginTime: at most the last 7 days of delivery status can be pulled.'
    );
  }
  const until = request.endTime ?? Number.POSITIVE_INFINITY;
  const receipts = messages
    .flatMap((message) => {
      const sentSeconds = Math.floor(Date.parse(message.receivedAt) / 1000);
      const { reportedAt } = message.delivery;
      return message.provider === 'tencent' &&
        reportedAt !== null &&
        sameRecipient(message.to, request.phoneNumber) &&
        sentSeconds >= request.beginTime &&
        sentSeconds <= until
        ? [receiptOf(message, reportedAt)]
        : [];
    })
    .slice(request.offset, request.offset + request.limit);
  return { PullSmsSendStatusSet: receipts };
};
