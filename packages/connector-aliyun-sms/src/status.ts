/**
 * "Did the code arrive?": Aliyun's delivery receipts through `QuerySendDetails` (Dysmsapi
 * 2017-05-25), signed and sent exactly like SendSms. Read-only; RAM action `dysms:QuerySendDetails`.
 * Facts: help.aliyun.com/document_detail/419277.html (via docs/delivery-status-apis.md); the
 * AliyunDysmsReadOnlyAccess system policy allows `dysms:Query*`
 * (help.aliyun.com/zh/ram/developer-reference/aliyundysmsreadonlyaccess).
 */
import {
  chinaDay,
  createRedactor,
  deliveryRecord,
  deliveryReport,
  invalidRequest,
  lookupWindow,
  type DeliveryQuery,
  type DeliveryRecord,
  type DeliveryReport,
  type DeliveryState,
  type ErrorRule,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';

import { sendRequest, type ClientOptions } from './client.js';
import type { AliyunSmsConfig } from './config.js';
import { checkAnswer, errorRules, type AliyunCallKind } from './errors.js';
import { deliveryStatusSource } from './metadata.js';
import { toRecipient } from './recipient.js';
import type { RpcAction } from './request.js';

export const querySendDetailsApi = {
  action: 'QuerySendDetails',
  version: '2017-05-25',
} as const satisfies RpcAction;

// Aliyun keeps receipts for 30 days, counting the day of the query (SendDate "近30天").
const retentionDays = 30;
const dayMs = 24 * 60 * 60 * 1000;
const pageSize = 50;
// Aliyun's own default limit is 10 codes a day per number, so 4 pages is far more than a day holds.
const maxPagesPerDay = 4;

/**
 * Permission first: the send table's row asks for `dysms:SendSms`, which is the wrong advice here.
 * Everything else reads the send table.
 */
export const statusErrorRules: ReadonlyArray<ErrorRule<string>> = [
  {
    match: /^(?:Forbidden.*|NoPermission|isp\.RAM_PERMISSION_DENY)$/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'The RAM user behind this AccessKey may not read delivery receipts: grant it dysms:QuerySendDetails (read-only; the AliyunDysmsReadOnlyAccess policy includes it).',
  },
  ...errorRules,
];

const queryCall: AliyunCallKind = {
  rules: statusErrorRules,
  refused: 'Aliyun SMS refused the delivery-status query',
};

// SendStatus: 1 waiting for the carrier's receipt, 2 failed, 3 delivered.
const states: Record<string, DeliveryState> = { '1': 'waiting', '2': 'failed', '3': 'delivered' };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type SendDetailsPage = { totalCount: number; details: Array<Record<string, unknown>> };

/** The page part of a `Code: OK` QuerySendDetails answer (`TotalCount`, `SmsSendDetailDTOs`). */
export const readSendDetails = (body: string): SendDetailsPage => {
  const parsed: unknown = JSON.parse(body);
  const record = isRecord(parsed) ? parsed : {};
  const totalCount = Number(record.TotalCount ?? 0);
  const wrapper = record.SmsSendDetailDTOs;
  const list = isRecord(wrapper) ? wrapper.SmsSendDetailDTO : undefined;
  // A single record has been seen serialised as an object rather than a one-element array.
  const details = Array.isArray(list) ? list.filter(isRecord) : isRecord(list) ? [list] : [];
  return { totalCount: Number.isFinite(totalCount) ? totalCount : 0, details };
};

/**
 * One receipt in the shared shape. `Content` (which holds the verification code) is never read.
 * QuerySendDetails carries no BizId per record: a lookup by `--id` passes it through.
 */
export const toDeliveryRecord = (
  detail: Record<string, unknown>,
  bizId: string | undefined
): DeliveryRecord =>
  deliveryRecord({
    ...(bizId === undefined ? {} : { messageId: bizId }),
    to: text(detail.PhoneNum),
    sentAt: detail.SendDate,
    reportedAt: detail.ReceiveDate,
    state: states[text(detail.SendStatus) ?? ''] ?? 'waiting',
    carrierCode: text(detail.ErrCode),
    template: text(detail.TemplateCode),
  });

const bizIdPattern = /^\d{6,32}\^\d+$/;

/** China Standard Time days from `from` to `until`, newest first. */
const daysBetween = (from: Date, until: Date): string[] => {
  const days: string[] = [];
  for (let time = until.getTime(); ; time -= dayMs) {
    const day = chinaDay(new Date(time));
    if (day < chinaDay(from)) {
      return days;
    }
    days.push(day);
  }
};

/**
 * Receipts for messages to `query.to` since `query.since` (default 24 hours), newest first.
 *
 * @throws ConnectorError InvalidRequestParameters for a malformed number, BizId or date (before any
 * request); InvalidConfig for a missing permission (`dysms:QuerySendDetails`) or bad credentials;
 * the send table's codes otherwise.
 */
export const queryDeliveryStatus = async (
  config: AliyunSmsConfig,
  query: DeliveryQuery,
  clientOptions?: ClientOptions
): Promise<DeliveryReport> => {
  const redactor = createRedactor([config.accessKeySecret, config.securityToken]);
  const recipient = toRecipient(query.to, config.strictPhoneRegionNumberCheck);
  if (query.id !== undefined && !bizIdPattern.test(query.id)) {
    throw invalidRequest(
      `"${query.id.slice(0, 40)}" is not an Aliyun BizId (digits, "^", a digit, e.g. 900619746936498440^0).`
    );
  }
  const window = lookupWindow(
    query,
    (retentionDays - 1) * dayMs,
    'Aliyun keeps delivery receipts for 30 days.'
  );
  const notes: string[] = [];
  const records: DeliveryRecord[] = [];

  for (const day of daysBetween(window.from, window.until)) {
    for (let page = 1; page <= maxPagesPerDay; page++) {
      const params = {
        PhoneNumber: recipient.phoneNumbers,
        SendDate: day,
        PageSize: String(pageSize),
        CurrentPage: String(page),
        ...(query.id === undefined ? {} : { BizId: query.id }),
      };
      // eslint-disable-next-line no-await-in-loop -- stops at the page that reaches totalCount; one query at a time respects the provider rate limit
      const response = await sendRequest(
        config,
        params,
        redactor,
        clientOptions,
        querySendDetailsApi
      );
      checkAnswer(response, redactor, queryCall);
      const { totalCount, details } = readSendDetails(response.body);
      records.push(...details.map((detail) => toDeliveryRecord(detail, query.id)));
      if (page * pageSize >= totalCount || details.length === 0) {
        break;
      }
      if (page === maxPagesPerDay) {
        notes.push(
          `More than ${maxPagesPerDay * pageSize} messages on ${day}; only the first ${maxPagesPerDay * pageSize} are shown.`
        );
      }
    }
  }

  return deliveryReport(deliveryStatusSource.api, window, records, notes);
};
