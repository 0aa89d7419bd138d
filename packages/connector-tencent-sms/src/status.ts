/**
 * "Did the code arrive?": Tencent's delivery receipts through `PullSmsSendStatusByPhoneNumber`
 * (SMS API 2021-01-11), signed and sent exactly like SendSms: TC3, the same endpoint allow-list,
 * `X-TC-Region` and `X-TC-Token`. Read-only; CAM action `sms:PullSmsSendStatusByPhoneNumber`.
 *
 * Facts (cloud.tencent.com/document/api/382/55979, tencentcloud.com/document/api/382/40518, via
 * docs/delivery-status-apis.md; the response shape from the API's own example as shipped in
 * tencentcloud-cli's examples): BeginTime is required and reaches back at most 7 days, Offset "is
 * fixed at 0" (no paging), Limit is at most 100, 20 requests a second. A receipt is listed only
 * once the carrier has reported ("仅当运营商有返回短信接收状态时回包中才会有状态数据"), so a
 * message still waiting for its receipt is not in the answer at all, and records carry no send time.
 */
import {
  createRedactor,
  deliveryRecord,
  deliveryReport,
  formatChinaTime,
  invalidRequest,
  lookupWindow,
  type DeliveryQuery,
  type DeliveryRecord,
  type DeliveryReport,
  type DeliveryState,
  type ErrorRule,
  nonEmptyText,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { sendRequest, type ClientOptions } from './client.js';
import type { TencentSmsConfig } from './config.js';
import { errorRules, throwIfRefused, unexpectedAnswer, type TencentCallKind } from './errors.js';
import { toRecipient } from './recipient.js';
import type { ApiAction, PullStatusBody } from './request.js';
import { readPullStatusSet, readResponse } from './response.js';
import { deliveryStatusSource } from './status-source.js';

export const pullStatusApi = {
  action: 'PullSmsSendStatusByPhoneNumber',
  version: '2021-01-11',
} as const satisfies ApiAction;

const dayMs = 24 * 60 * 60 * 1000;
// Tencent's 7 days, less the 5 minutes its clock may differ from ours (the same tolerance as
// signing), so a clamped BeginTime never lands just outside what Tencent allows. Whether the 7
// days count from now or from a calendar day is not documented.
const maxLookBackMs = 7 * dayMs - 5 * 60 * 1000;
const limit = 100;

/**
 * Permission first: the send table's row advises `sms:SendSms`, which is the wrong advice here;
 * and the "wrong endpoint" row names this action. Everything else reads the send table.
 */
export const statusErrorRules: ReadonlyArray<ErrorRule<string>> = [
  {
    match: [
      'AuthFailure.UnauthorizedOperation',
      'UnauthorizedOperation',
      'UnauthorizedOperation.RequestPermissionDeny',
    ],
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The CAM user of this key may not read delivery receipts: grant it sms:PullSmsSendStatusByPhoneNumber (read-only), in a custom policy or through the preset QcloudSMSReadonlyAccess policy.',
  },
  {
    match: /^(?:InvalidAction|ActionOffline|NoSuchVersion|NoSuchProduct|UnsupportedProtocol)$/,
    errorCode: ConnectorErrorCodes.General,
    hint: 'Tencent does not serve PullSmsSendStatusByPhoneNumber 2021-01-11 at this endpoint; report it with the RequestId.',
  },
  ...errorRules,
];

const queryCall: TencentCallKind = {
  rules: statusErrorRules,
  refused: 'Tencent Cloud SMS refused the delivery-status query',
  serverErrorHint:
    'Tencent or a proxy in front of it is failing; a lookup changes nothing, so try again in a minute.',
};

const states: Record<string, DeliveryState> = { SUCCESS: 'delivered', FAIL: 'failed' };

/** `UserReceiveTime`: Unix seconds in 2021-01-11 (the 2019 API wrote China time as text, kept as is). */
const receiveTime = (value: unknown): unknown => {
  const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds > 0
    ? formatChinaTime(new Date(seconds * 1000))
    : value;
};

/**
 * One receipt in the shared shape. `Description` is the carrier's receipt code (`DELIVRD` in
 * Tencent's examples; what it holds for a failure is not shown there and is taken to be the
 * carrier code, as in Tencent's receipt callback). No template and no send time: Tencent's
 * receipt carries neither.
 */
export const toDeliveryRecord = (receipt: Record<string, unknown>): DeliveryRecord =>
  deliveryRecord({
    messageId: nonEmptyText(receipt.SerialNo),
    to: nonEmptyText(receipt.PhoneNumber),
    reportedAt: receiveTime(receipt.UserReceiveTime),
    state: states[nonEmptyText(receipt.ReportStatus) ?? ''] ?? 'waiting',
    carrierCode: nonEmptyText(receipt.Description),
  });

// Seen forms: "5000:1045710669157053657849499619", "14:19325917feb3914eb78b50d6182d7e452e".
const serialNoPattern = /^\d{1,10}:[\dA-Za-z]{1,64}$/;

const reportTime = (record: DeliveryRecord) => Date.parse(record.reportedAt ?? '') || 0;
const newestReportFirst = (first: DeliveryRecord, second: DeliveryRecord) =>
  reportTime(second) - reportTime(first);

/**
 * Receipts for messages to `query.to` since `query.since` (default 24 hours, at most 7 days),
 * newest receipt first; with `query.id`, only that SerialNo's receipt.
 *
 * @throws ConnectorError InvalidRequestParameters for a malformed number, SerialNo or date (before
 * any request); InvalidConfig for a missing permission (`sms:PullSmsSendStatusByPhoneNumber`) or
 * bad credentials; InvalidResponse for an answer that is not Tencent's; the send table's codes
 * otherwise.
 */
export const queryDeliveryStatus = async (
  config: TencentSmsConfig,
  query: DeliveryQuery,
  clientOptions?: ClientOptions
): Promise<DeliveryReport> => {
  const redactor = createRedactor([config.accessKeySecret, config.securityToken]);
  const { phoneNumber } = toRecipient(query.to, config.strictPhoneRegionNumberCheck);
  if (query.id !== undefined && !serialNoPattern.test(query.id)) {
    throw invalidRequest(
      `"${query.id.slice(0, 40)}" is not a Tencent SerialNo (digits, ":", letters and digits, e.g. 5000:1045710669157053657849499619).`
    );
  }
  const window = lookupWindow(
    query,
    maxLookBackMs,
    'Tencent returns delivery receipts of the last 7 days only.'
  );
  // Key order of Tencent's own example; the bytes sent are the bytes signed.
  const body: PullStatusBody = {
    SmsSdkAppId: config.sdkAppId,
    PhoneNumber: phoneNumber,
    BeginTime: Math.floor(window.from.getTime() / 1000),
    Offset: 0,
    Limit: limit,
    EndTime: Math.ceil(window.until.getTime() / 1000),
  };
  const response = await sendRequest(
    config,
    { body, action: pullStatusApi },
    redactor,
    clientOptions
  );
  const refusal = readResponse(response.body);
  throwIfRefused(response.status, refusal, redactor, queryCall);
  const answer = readPullStatusSet(response.body);
  if (answer === undefined || response.status < 200 || response.status >= 300) {
    throw unexpectedAnswer(
      response.status,
      answer?.requestId ?? refusal?.requestId,
      'a PullSmsSendStatusByPhoneNumber answer',
      redactor
    );
  }

  const all = answer.receipts.map((receipt) => toDeliveryRecord(receipt)).sort(newestReportFirst);
  const notes: string[] = [];
  if (answer.receipts.length >= limit) {
    notes.push(
      `Tencent returned its maximum of ${limit} receipts and cannot page further; some receipts in this window may be missing. Narrow --since.`
    );
  }
  if (query.id === undefined) {
    notes.push(
      'Tencent lists a message only once its carrier receipt has arrived (usually within minutes): a message still waiting for its receipt is not shown.'
    );
    return deliveryReport(deliveryStatusSource.api, window, all, notes);
  }
  const wanted = all.filter((record) => record.messageId === query.id);
  if (wanted.length === 0) {
    notes.push(
      `No receipt for SerialNo ${query.id} in this window. Tencent lists a message only once its carrier receipt has arrived, so a message still waiting for its receipt looks the same as one that was not sent to this number, or was sent before the window.`
    );
  }
  return deliveryReport(deliveryStatusSource.api, window, wanted, notes);
};
