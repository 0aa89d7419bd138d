import { isJsonObject, textField } from '@logto-sms/sms-core';

/** What `sendMessage` resolves to once Tencent accepted the message. */
export type TencentSmsSendResult = {
  /** Tencent's send serial number, for delivery-status lookups. */
  serialNo: string | undefined;
  /** Tencent's request id, for support tickets. */
  requestId: string | undefined;
};

/** One `SendStatusSet` entry: the per-number result. `code` is `Ok` on success. */
export type TencentSendStatus = {
  code: string;
  message?: string;
  serialNo?: string;
  fee?: number;
  isoCode?: string;
};

/**
 * The parts of a Tencent answer this connector reads. Whole-request failures carry `error`;
 * processed requests carry one status per number (`statuses`).
 */
export type TencentAnswer = {
  requestId?: string;
  error?: { code: string; message?: string };
  statuses?: TencentSendStatus[];
};

const withText = <Key extends string>(key: Key, value: string | undefined) =>
  // eslint-disable-next-line no-restricted-syntax -- TS widens a computed `[key]` to a string index; the object has that one key at most
  (value === undefined ? {} : { [key]: value }) as Partial<Record<Key, string>>;

const readStatus = (entry: unknown): TencentSendStatus | undefined => {
  if (!isJsonObject(entry)) {
    return undefined;
  }
  const code = textField(entry, 'Code');
  if (code === undefined) {
    return undefined;
  }
  return {
    code,
    ...withText('message', textField(entry, 'Message')),
    ...withText('serialNo', textField(entry, 'SerialNo')),
    ...withText('isoCode', textField(entry, 'IsoCode')),
    ...(typeof entry.Fee === 'number' ? { fee: entry.Fee } : {}),
  };
};

/** The `Response` object of an API 3.0 answer; undefined for anything else. */
const responseObject = (body: string): Record<string, unknown> | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const response = isJsonObject(parsed) ? parsed.Response : undefined;
  return isJsonObject(response) ? response : undefined;
};

/**
 * Reads `{"Response": {...}}`; `undefined` for anything that is not a Tencent API 3.0 answer
 * (HTML, truncated JSON, no `Response`, or a `Response` with neither `Error` nor `SendStatusSet`).
 * A status entry without a `Code` is kept out, so `statuses` may be shorter than what was sent.
 */
export const readResponse = (body: string): TencentAnswer | undefined => {
  const response = responseObject(body);
  if (response === undefined) {
    return undefined;
  }

  const requestId = textField(response, 'RequestId');
  const error = isJsonObject(response.Error) ? response.Error : undefined;
  const errorCode = error === undefined ? undefined : textField(error, 'Code');
  if (error !== undefined && errorCode !== undefined) {
    return {
      ...withText('requestId', requestId),
      error: { code: errorCode, ...withText('message', textField(error, 'Message')) },
    };
  }
  if (!Array.isArray(response.SendStatusSet)) {
    return undefined;
  }
  const statuses = response.SendStatusSet.map((entry) => readStatus(entry)).filter(
    (status): status is TencentSendStatus => status !== undefined
  );
  return { ...withText('requestId', requestId), statuses };
};

/** A `PullSmsSendStatusByPhoneNumber` answer: the receipts as Tencent wrote them, untyped. */
export type PullStatusAnswer = {
  requestId?: string;
  receipts: Array<Record<string, unknown>>;
};

/**
 * Reads `{"Response": {"PullSmsSendStatusSet": [...], "RequestId"}}`; undefined when the set is
 * missing (a refusal carries `Error` instead: `readResponse` reads that). Non-object entries are
 * dropped.
 */
export const readPullStatusSet = (body: string): PullStatusAnswer | undefined => {
  const response = responseObject(body);
  if (response === undefined || !Array.isArray(response.PullSmsSendStatusSet)) {
    return undefined;
  }
  return {
    ...withText('requestId', textField(response, 'RequestId')),
    receipts: response.PullSmsSendStatusSet.filter((entry) => isJsonObject(entry)),
  };
};
