import {
  chinaDay,
  createRedactor,
  deliveryRecord,
  deliveryReport,
  invalidRequest,
  isJsonObject,
  lookupWindow,
  nonEmptyText,
} from '@logto-sms/sms-core';
import type {
  DeliveryQuery,
  DeliveryRecord,
  DeliveryReport,
  DeliveryState,
  ErrorRule,
  HttpResponse,
  Redactor,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';

/**
 * `QuerySendDetails` as both Aliyun products define it (Dysmsapi for Aliyun SMS, Dypnsapi for
 * 短信认证, both 2017-05-25): one number, one China Standard Time day (`SendDate`) of the last 30
 * days, paged with `PageSize` / `CurrentPage`, optionally one `BizId`. The records carry the same
 * fields (`PhoneNum`, `SendStatus`, `ErrCode`, `TemplateCode`, `SendDate`, `ReceiveDate`); only
 * where the list sits in the answer differs, so each connector passes its own `listOf`.
 * Facts: aliyun-sms-api.md / delivery-status-apis.md, aliyun-dypns-api.md §7.
 */

export type SendDetailsPage = { totalCount: number; details: Array<Record<string, unknown>> };

/** Both products keep records for 30 days, counting the day of the query (SendDate "近30天"). */
export const sendDetailsRetentionDays = 30;
/**
 * Dysmsapi documents PageSize 1–50; Dypnsapi's metadata gives no maximum (its example is 50), so
 * the same 50 is used for both.
 */
export const sendDetailsPageSize = 50;
const dayMs = 24 * 60 * 60 * 1000;
// Aliyun's default limit is 10 codes a day per number, so 4 pages is far more than a day holds.
const maxPagesPerDay = 4;

// SendStatus: 1 waiting for the carrier's receipt, 2 failed, 3 delivered.
const states: Record<string, DeliveryState> = { '1': 'waiting', '2': 'failed', '3': 'delivered' };

// Aliyun writes some of these fields as numbers (SendStatus), others as text.
const text = (value: unknown): string | undefined =>
  typeof value === 'number' ? String(value) : nonEmptyText(value);

/**
 * The page part of a `Code: OK` answer: `TotalCount` (a number or its text) and the records that
 * `listOf` finds in the answer object. A single record serialised as an object (seen with
 * Dysmsapi's XML-to-JSON wrapper) counts as a one-element list.
 */
export const readSendDetailsPage = (
  body: string,
  listOf: (answer: Record<string, unknown>) => unknown
): SendDetailsPage => {
  const parsed: unknown = JSON.parse(body);
  const answer = isJsonObject(parsed) ? parsed : {};
  const totalCount = Number(answer.TotalCount ?? 0);
  const list = listOf(answer);
  const details = Array.isArray(list)
    ? list.filter((item) => isJsonObject(item))
    : isJsonObject(list)
      ? [list]
      : [];
  return { totalCount: Number.isFinite(totalCount) ? totalCount : 0, details };
};

/**
 * One record in the shared shape. `Content` (which holds the verification code) is never read.
 * The records carry no BizId: a lookup by `--id` passes it through.
 */
export const toSendDetailRecord = (
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

export type SendDetailsLookup = {
  /** The API named in the report, e.g. `Dysmsapi QuerySendDetails (2017-05-25)`. */
  api: string;
  query: DeliveryQuery;
  /** `PhoneNumber` in the product's own form (the connector's recipient rules). */
  phoneNumber: string;
  /** Scrubbed from every error. */
  secrets: ReadonlyArray<string | undefined>;
  /** One signed QuerySendDetails call (the connector's client, endpoint and signing). */
  call: (params: Readonly<Record<string, string>>, redactor: Redactor) => Promise<HttpResponse>;
  /**
   * The page in the answer, after the connector's error table had its say (throws for a refusal).
   */
  readPage: (response: HttpResponse, redactor: Redactor) => SendDetailsPage;
};

/**
 * Records for messages to one number since `query.since` (default 24 hours, at most 30 days),
 * newest first: one request per China Standard Time day, paged while `TotalCount` says more.
 *
 * @throws ConnectorError InvalidRequestParameters for a malformed BizId or date (before any
 * request); whatever `call` or `readPage` throws.
 */
export const lookUpSendDetails = async ({
  api,
  query,
  phoneNumber,
  secrets,
  call,
  readPage,
}: SendDetailsLookup): Promise<DeliveryReport> => {
  const redactor = createRedactor(secrets);
  if (query.id !== undefined && !bizIdPattern.test(query.id)) {
    throw invalidRequest(
      `"${query.id.slice(0, 40)}" is not an Aliyun BizId (digits, "^", a digit, e.g. 900619746936498440^0).`
    );
  }
  const window = lookupWindow(
    query,
    (sendDetailsRetentionDays - 1) * dayMs,
    'Aliyun keeps delivery receipts for 30 days.'
  );
  const notes: string[] = [];
  const records: DeliveryRecord[] = [];

  for (const day of daysBetween(window.from, window.until)) {
    for (let page = 1; page <= maxPagesPerDay; page++) {
      // eslint-disable-next-line no-await-in-loop -- stops at the page that reaches totalCount; one query at a time respects the provider rate limit
      const response = await call(
        {
          PhoneNumber: phoneNumber,
          SendDate: day,
          PageSize: String(sendDetailsPageSize),
          CurrentPage: String(page),
          ...(query.id === undefined ? {} : { BizId: query.id }),
        },
        redactor
      );
      const { totalCount, details } = readPage(response, redactor);
      records.push(...details.map((detail) => toSendDetailRecord(detail, query.id)));
      if (page * sendDetailsPageSize >= totalCount || details.length === 0) {
        break;
      }
      if (page === maxPagesPerDay) {
        notes.push(
          `More than ${maxPagesPerDay * sendDetailsPageSize} messages on ${day}; only the first ${maxPagesPerDay * sendDetailsPageSize} are shown.`
        );
      }
    }
  }

  return deliveryReport(api, window, records, notes);
};

/**
 * The first row of a lookup's error table: a refused permission, with the RAM action to grant.
 * It goes before the send table, whose permission row names the send action, the wrong advice
 * for a lookup. Matches the gateway's `Forbidden*` / `NoPermission` / `UnauthorizedOperation` and
 * the products' `RAM_PERMISSION_DENY` / `RamPermissionDeny`, with or without an `isv.` / `isp.`
 * prefix.
 */
export const lookupPermissionRule = (ramAction: string, policyNote: string): ErrorRule<string> => ({
  match:
    /^(?:(?:isv|isp)\.)?(?:RAM_PERMISSION_DENY|RamPermissionDeny)$|^(?:Forbidden.*|NoPermission|UnauthorizedOperation)$/,
  errorCode: ConnectorErrorCodes.InvalidConfig,
  hint: `The RAM user behind this AccessKey may not read delivery receipts: grant it ${ramAction} (read-only; ${policyNote}).`,
});
