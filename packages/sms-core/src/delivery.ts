import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { invalidRequest } from './errors.js';
import { loadPhonePlan } from './phone-plan-loader.js';

/**
 * The provider-neutral shape of "did the code arrive?": every connector's `queryDeliveryStatus`
 * answers with a `DeliveryReport`, so the CLI prints any provider the same way.
 */

/** waiting: no receipt from the carrier yet; delivered / failed: the carrier's receipt said so. */
export type DeliveryState = 'waiting' | 'delivered' | 'failed';

export type DeliveryRecord = {
  /**
   * The provider's message id (Aliyun BizId, YunPian sid, Tencent SerialNo): what `send` printed.
   * Absent when the provider's record does not carry it (Aliyun's receipts, unless looked up by id).
   */
  messageId?: string;
  /** The number as the provider recorded it. */
  to: string;
  /** When the provider accepted the message, ISO 8601 with offset; absent when the provider did not say. */
  sentAt?: string;
  /** When the carrier reported the outcome, ISO 8601 with offset. */
  reportedAt?: string;
  state: DeliveryState;
  /** The carrier's receipt code as the provider passed it on (e.g. `DELIVERED`, `MK:0001`). */
  carrierCode?: string;
  /** `carrierCode` in plain words, from `carrierCodeRules`. */
  carrierMeaning?: string;
  /** Which template was used (Aliyun TemplateCode; YunPian: the config's usage type whose text matches). */
  template?: string;
};

/** What to look up. The connector turns `to` into the provider's number format itself. */
export type DeliveryQuery = {
  /** Recipient in Logto's form: digits with the country code. */
  to: string;
  /** Oldest send to include; the connector clamps it to the provider's window. Default: 24 hours ago. */
  since?: Date;
  /** Only this message (a `messageId` that `sendMessage` returned). */
  id?: string;
  /** Test seam for the clock. */
  now?: Date;
};

export type DeliveryReport = {
  /** The provider API that was called, e.g. `Dysmsapi QuerySendDetails`. */
  api: string;
  /** The time window actually searched, ISO 8601. */
  from: string;
  until: string;
  /** Newest first. */
  records: DeliveryRecord[];
  /** Anything the operator should know about this answer (a clamped window, a page limit). */
  notes: string[];
};

/** The extra named export each connector's index.ts provides next to `createConnector`. */
export type QueryDeliveryStatus = (
  config: unknown,
  query: DeliveryQuery
) => Promise<DeliveryReport>;

/** A row of the carrier receipt table: codes it covers and what they mean to an operator. */
export type CarrierCodeRule = { match: RegExp; state?: DeliveryState; meaning: string };

/**
 * Carrier receipt codes → plain words. The codes come from the carriers' SMS gateways (CMPP/SGIP/
 * SMGP) and providers pass them through unchanged; their exact meaning differs per carrier and
 * region, so each row says what the code *usually* means, as published in carrier and SMS-vendor
 * code lists (e.g. China Mobile "移动错误代码说明", SUBMAIL 回执代码表). First match wins.
 */
export const carrierCodeRules: readonly CarrierCodeRule[] = [
  {
    match: /^(?:DELIVRD|DELIVERED|0|SUCCESS)$/i,
    state: 'delivered',
    meaning: 'The phone received the message.',
  },
  {
    match: /^EXPIRED$/i,
    meaning: 'The phone was off or out of coverage for too long; the carrier gave up.',
  },
  {
    match: /^UNDELIV$/i,
    meaning: 'Undeliverable: the number is suspended, switched off or not in service.',
  },
  {
    match: /^(?:REJECTD|REJECTED|REJECT)$/i,
    meaning: 'The carrier rejected the message (blocked content, or the number cannot be reached).',
  },
  { match: /^DELETED$/i, meaning: 'The carrier deleted the message before delivery.' },
  {
    match: /^(?:BLACK|BLOCKED|PUBLOKD|HD:0001)$/i,
    meaning:
      "The number is on the carrier's or the gateway's blocklist (often after the subscriber opted out).",
  },
  {
    match: /^BEYOND[MHD]$/i,
    meaning: 'The per-number minute, hour or day limit of the carrier gateway was exceeded.',
  },
  {
    match: /^(?:KEYWORD|KEYWORDS|ID:0076)$/i,
    meaning: 'A keyword in the text was blocked by the carrier.',
  },
  {
    match: /^(?:MK|MN|MI|LT|IC|IB|ID):?\d+$/i,
    meaning:
      'Number problem reported by the carrier: empty number, suspended, switched off or unreachable.',
  },
  {
    match: /^MA:\d+$/i,
    meaning:
      'The carrier gateway refused the message (blocklist, content or routing); ask the provider for this code.',
  },
  {
    match: /^CB:\d+$/i,
    meaning:
      "The subscriber's account at the carrier is not in a usable state (invalid, suspended, no balance).",
  },
  {
    match: /^DB:\d+$/i,
    meaning:
      'The carrier reported a problem with the number or its network (e.g. not a mobile, out of service area).',
  },
  { match: /^(?:UNKNOWN|UNKNOW)$/i, meaning: 'The carrier did not say what happened.' },
];

/** Plain words for a carrier receipt code; a generic sentence for codes not in the table. */
export const explainCarrierCode = (code: string): string =>
  carrierCodeRules.find((rule) => rule.match.test(code))?.meaning ??
  'A carrier receipt code this tool does not know; ask the SMS provider what it means for this carrier.';

const chinaOffsetMs = 8 * 60 * 60 * 1000;

/**
 * Aliyun and YunPian keep their records in China Standard Time (UTC+8, no daylight saving) and
 * write times as `yyyy-MM-dd HH:mm:ss` without a zone.
 */
export const formatChinaTime = (date: Date): string =>
  new Date(date.getTime() + chinaOffsetMs).toISOString().slice(0, 19).replace('T', ' ');

/** `yyyyMMdd` of the China Standard Time day `date` falls on. */
export const chinaDay = (date: Date): string =>
  formatChinaTime(date).slice(0, 10).replaceAll('-', '');

/** A provider's `yyyy-MM-dd HH:mm:ss` (UTC+8) as ISO 8601 with the `+08:00` offset; undefined if unreadable. */
export const chinaTimeToIso = (text: unknown): string | undefined => {
  if (typeof text !== 'string') {
    return undefined;
  }
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text.trim());
  return match ? `${match[1]}T${match[2]}+08:00` : undefined;
};

/** Default look-back of `status` when no `since` is given. */
export const defaultLookBackMs = 24 * 60 * 60 * 1000;

export type LookupWindow = { from: Date; until: Date; notes: string[] };

/**
 * The window a lookup searches: from `since` (default 24 hours back) to now, clamped to the
 * provider's retention. A `since` in the future is a mistake, not an empty answer.
 *
 * @throws ConnectorError(InvalidRequestParameters) when `since` is after now or not a date.
 */
export const lookupWindow = (
  query: Pick<DeliveryQuery, 'since' | 'now'>,
  maxAgeMs: number,
  limitWords: string
): LookupWindow => {
  const until = query.now ?? new Date();
  const since = query.since ?? new Date(until.getTime() - defaultLookBackMs);
  if (Number.isNaN(since.getTime())) {
    throw invalidRequest('since is not a valid date.');
  }
  if (since.getTime() > until.getTime()) {
    throw invalidRequest('since is in the future; give a date in the past.');
  }
  const oldest = new Date(until.getTime() - maxAgeMs);
  if (since.getTime() < oldest.getTime()) {
    return {
      from: oldest,
      until,
      notes: [`Searched from ${oldest.toISOString()} only: ${limitWords}`],
    };
  }
  return { from: since, until, notes: [] };
};

/** Records sent inside the window (undated ones are kept), newest first. */
export const inWindowNewestFirst = (
  records: readonly DeliveryRecord[],
  window: LookupWindow
): DeliveryRecord[] =>
  records
    .filter(
      (record) => record.sentAt === undefined || Date.parse(record.sentAt) >= window.from.getTime()
    )
    .sort((left, right) => Date.parse(right.sentAt ?? '') - Date.parse(left.sentAt ?? '') || 0);

/** A carrier code and its meaning, or nothing when the provider gave none. */
export const describeCarrierCode = (
  code: string | undefined
): Pick<DeliveryRecord, 'carrierCode' | 'carrierMeaning'> =>
  code === undefined || code.trim() === ''
    ? {}
    : { carrierCode: code.trim(), carrierMeaning: explainCarrierCode(code.trim()) };

/**
 * The `queryDeliveryStatus` export of a connector: the raw config goes through the connector's own
 * guard, and anything but a ConnectorError becomes a General one without its message (which
 * could quote request options).
 */
export const createDeliveryStatusQuery =
  <Config>(
    parseConfig: (raw: unknown) => Config,
    query: (config: Config, query: DeliveryQuery) => Promise<DeliveryReport>
  ): QueryDeliveryStatus =>
  async (rawConfig, deliveryQuery) => {
    try {
      const config = parseConfig(rawConfig);
      // The number plan loads on first use (as for a send), before the recipient is routed.
      await loadPhonePlan();
      return await query(config, deliveryQuery);
    } catch (error: unknown) {
      if (error instanceof ConnectorError) {
        throw error;
      }
      throw new ConnectorError(ConnectorErrorCodes.General, {
        errorDescription: 'The delivery-status lookup failed unexpectedly. Please report this.',
      });
    }
  };

/** The report a lookup returns: the window it searched and its records in window, newest first. */
export const deliveryReport = (
  api: string,
  window: LookupWindow,
  records: readonly DeliveryRecord[],
  notes: readonly string[]
): DeliveryReport => ({
  api,
  from: window.from.toISOString(),
  until: window.until.toISOString(),
  records: inWindowNewestFirst(records, window),
  notes: [...window.notes, ...notes],
});

/** What a provider record says, before it is put in the shared shape; times as the provider wrote them (UTC+8). */
export type ProviderRecordFields = {
  messageId?: string;
  to?: string;
  sentAt?: unknown;
  reportedAt?: unknown;
  state: DeliveryState;
  carrierCode?: string;
  template?: string;
};

/** A `DeliveryRecord` with only the fields the provider gave; no report time while still waiting. */
export const deliveryRecord = ({
  messageId,
  to,
  sentAt,
  reportedAt,
  state,
  carrierCode,
  template,
}: ProviderRecordFields): DeliveryRecord => {
  const sent = chinaTimeToIso(sentAt);
  const reported = state === 'waiting' ? undefined : chinaTimeToIso(reportedAt);
  return {
    ...(messageId === undefined ? {} : { messageId }),
    to: to ?? '',
    ...(sent === undefined ? {} : { sentAt: sent }),
    ...(reported === undefined ? {} : { reportedAt: reported }),
    state,
    ...describeCarrierCode(carrierCode),
    ...(template === undefined ? {} : { template }),
  };
};
