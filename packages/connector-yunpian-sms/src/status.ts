/**
 * "Did the code arrive?": YunPian's send records through `POST /v2/sms/get_record.json`, with the
 * same apikey and endpoint rules as sending. `pull_status.json` is not used: it hands each report
 * out once, so a lookup tool would steal reports from whoever else pulls them.
 * Facts: yunpian.com/official/document/sms/zh_CN/domestic_sms_record (via docs/delivery-status-apis.md).
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
  type HttpRequest,
  type Redactor,
  isJsonObject,
  nonEmptyText,
} from '@logto-sms/sms-core';

import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { sendRequest } from './client.js';
import type { YunpianSmsConfig, YunpianSmsTemplate } from './config.js';
import { errorRules, unreadableAnswer, yunpianRejection, type YunpianCallKind } from './errors.js';
import { topLevelArrayItemSources, topLevelMemberSources } from './json-scan.js';
import { toRecipient } from './recipient.js';
import { exactSid, readResponse, withoutBom } from './response.js';
import { deliveryStatusSource } from './status-source.js';

export const getRecordPath = '/v2/sms/get_record.json';

const pageSize = 100;
const maxPages = 5;
// Not a documented YunPian limit: it only keeps one lookup from walking a whole year of records.
const maxLookBackMs = 90 * 24 * 60 * 60 * 1000;

/** The send table, with a permission row that names the lookup rather than sending. */
export const statusErrorRules: ReadonlyArray<ErrorRule<number>> = [
  {
    match: -2,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'This apikey may not call get_record (API 没有权限): use the apikey of the account that sends, or ask YunPian support to enable record queries for this (sub-)account.',
  },
  ...errorRules,
];

const queryCall: YunpianCallKind = {
  rules: statusErrorRules,
  refused: 'YunPian refused the delivery-status query',
};

const states: Record<string, DeliveryState> = { SUCCESS: 'delivered', FAIL: 'failed' };

const escapeRegExp = (value: string) => value.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The usage type whose configured text the record's text is, with a code in place of the
 * placeholder. Several usage types often share one text; then the first is named with a count.
 */
export const templateOf = (
  smsText: string,
  templates: readonly YunpianSmsTemplate[]
): string | undefined => {
  const matching = templates.filter(({ content }) =>
    (typeof content === 'string' ? [content] : [content.china, content.overseas]).some(
      (candidate) => {
        const pattern = candidate
          .split(/\{\{code\}\}|#code#/)
          .map((part) => escapeRegExp(part))
          .join('[A-Za-z0-9]{1,32}');
        // YunPian puts the default signature in front of a text sent without one.
        const signature = candidate.startsWith('【') ? '' : '(?:【[^】]*】)?';
        return new RegExp(`^${signature}${pattern}$`).test(smsText);
      }
    )
  );
  const [first] = matching;
  if (!first) {
    return undefined;
  }
  return matching.length === 1
    ? first.usageType
    : `${first.usageType} (same text as ${matching.length - 1} other usage types)`;
};

/**
 * One record in the shared shape. `text` holds the verification code: it is only matched against
 * the config's templates, never passed on.
 */
export const toDeliveryRecord = (
  itemSource: string,
  templates: readonly YunpianSmsTemplate[]
): DeliveryRecord | undefined => {
  const item: unknown = JSON.parse(itemSource);
  if (!isJsonObject(item)) {
    return undefined;
  }
  return deliveryRecord({
    messageId: exactSid(item.sid, () => topLevelMemberSources(itemSource).get('sid')),
    to: nonEmptyText(item.mobile),
    sentAt: item.send_time,
    reportedAt: item.user_receive_time,
    state: states[nonEmptyText(item.report_status) ?? ''] ?? 'waiting',
    carrierCode: nonEmptyText(item.error_msg),
    template: typeof item.text === 'string' ? templateOf(item.text, templates) : undefined,
  });
};

const buildRecordRequest = (
  config: YunpianSmsConfig,
  params: Record<string, string>
): HttpRequest => ({
  method: 'POST',
  url: `${config.endpoint}${getRecordPath}`,
  headers: {
    'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
    accept: 'application/json;charset=utf-8',
  },
  body: new URLSearchParams({ apikey: config.apikey, ...params }).toString(),
});

/** Why a get_record answer holds no record list: YunPian's refusal, or an unreadable answer. */
const pageFailure = (status: number, body: string, redactor: Redactor): ConnectorError => {
  const answer = readResponse(body);
  if (answer === undefined || answer.code === 0) {
    return unreadableAnswer(status, body, redactor);
  }
  const { code, msg, detail } = answer;
  return yunpianRejection(
    {
      code,
      httpStatus: status,
      ...(msg === undefined ? {} : { msg }),
      ...(detail === undefined ? {} : { detail }),
    },
    redactor,
    queryCall
  );
};

/**
 * Records of messages to `query.to` since `query.since` (default 24 hours), newest first.
 *
 * @throws ConnectorError InvalidRequestParameters for a malformed number, sid or date (before any
 * request); InvalidConfig for a refused apikey or a missing API permission (-1, -2, -3); the send
 * table's codes otherwise.
 */
export const queryDeliveryStatus = async (
  config: YunpianSmsConfig,
  query: DeliveryQuery
): Promise<DeliveryReport> => {
  const redactor = createRedactor([config.apikey]);
  const { mobile } = toRecipient(query.to, config);
  if (query.id !== undefined && !/^\d{1,20}$/.test(query.id)) {
    throw invalidRequest(
      `"${query.id.slice(0, 40)}" is not a YunPian sid (the digits single_send returned).`
    );
  }
  const window = lookupWindow(query, maxLookBackMs, 'this tool looks back at most 90 days.');
  const notes: string[] = [];
  const records: DeliveryRecord[] = [];

  for (let page = 1; page <= maxPages; page++) {
    const request = buildRecordRequest(config, {
      start_time: formatChinaTime(window.from),
      end_time: formatChinaTime(window.until),
      mobile,
      page_num: String(page),
      page_size: String(pageSize),
    });
    // eslint-disable-next-line no-await-in-loop -- pages are fetched in order; the next depends on this one
    const { status, body } = await sendRequest(request, config.timeout, redactor);
    const items = readRecordList(body);
    if (items === undefined) {
      throw pageFailure(status, body, redactor);
    }
    records.push(...items.flatMap((item) => toDeliveryRecord(item, config.templates) ?? []));
    if (items.length < pageSize) {
      break;
    }
    if (page === maxPages) {
      notes.push(
        `More than ${maxPages * pageSize} records; only the newest pages are shown. Narrow --since.`
      );
    }
  }

  const wanted =
    query.id === undefined ? records : records.filter((record) => record.messageId === query.id);
  return deliveryReport(deliveryStatusSource.api, window, wanted, notes);
};

/** The element sources of a get_record answer (a JSON array), or undefined for anything else. */
export const readRecordList = (body: string): string[] | undefined => {
  const json = withoutBom(body);
  try {
    if (!Array.isArray(JSON.parse(json))) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  return topLevelArrayItemSources(json);
};
