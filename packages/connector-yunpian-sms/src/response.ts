import { isJsonObject } from '@logto-sms/sms-core';

import { topLevelMemberSources } from './json-scan.js';

/** What YunPian's answer to an accepted message carries. */
export type YunpianAccepted = {
  /** YunPian's message id, a 64-bit integer kept as its exact decimal digits. */
  sid?: string;
  /** Billed message parts. */
  count?: number;
  /** Charge for this message, in `unit` (RMB). */
  fee?: number;
};

/** What `sendMessage` resolves with after YunPian accepted the message. */
export type YunpianSmsSendResult = YunpianAccepted & {
  /** `mobile` exactly as YunPian received it (bare national number for mainland China, else `+<country code><number>`). */
  mobile: string;
  /** The template text used, with its placeholders (never the code). */
  template: string;
};

/** `sid` as exact decimal text, whether YunPian sent it as a number or a string. */
export const readSid = (source: string | undefined): string | undefined => {
  if (source === undefined) {
    return undefined;
  }
  if (/^-?\d+$/.test(source)) {
    return source;
  }
  const value: unknown = JSON.parse(source);
  if (typeof value === 'string' && value !== '') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return undefined;
};

/**
 * `sid` as exact decimal text, from the value `JSON.parse` gave and, only when that value may have
 * been rounded (a number beyond 2^53), from its source text. Every sid below 2^53 (YunPian's today
 * are about 3·10^10) is exact as parsed, so the token scanner runs only for the rare large one:
 * reading it from the source of every answer cost more than the rest of reading the answer.
 */
export const exactSid = (value: unknown, source: () => string | undefined): string | undefined => {
  if (typeof value === 'string') {
    return value === '' ? undefined : value;
  }
  // -0 would print as "0" where the source says "-0".
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) {
    return String(value);
  }
  if (value === undefined) {
    return undefined;
  }
  return readSid(source());
};

/** The text without a leading byte order mark (some proxies add one). */
export const withoutBom = (body: string): string =>
  body.charCodeAt(0) === 0xfe_ff ? body.slice(1) : body;

const readInteger = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    return Number(value);
  }
  return undefined;
};

const readNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
};

const readText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The fields of a `single_send` answer this connector reads. */
export type YunpianAnswer = YunpianAccepted & {
  /** 0 on success; YunPian's return code otherwise. */
  code: number;
  msg?: string;
  detail?: string;
};

/**
 * Reads a `single_send` answer whatever its HTTP status: YunPian reports refusals as HTTP 400 with
 * the same JSON envelope (`code`, `msg`, `detail`) a success uses. Parses only; what the answer
 * means is decided by `checkResponse` (errors.ts).
 *
 * @returns `undefined` for anything that is not that envelope (not JSON, no integer `code`).
 */
export const readResponse = (body: string): YunpianAnswer | undefined => {
  const text = withoutBom(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const code = isJsonObject(parsed) ? readInteger(parsed.code) : undefined;
  if (!isJsonObject(parsed) || code === undefined) {
    return undefined;
  }

  const message = readText(parsed.msg);
  const detail = readText(parsed.detail);
  if (code !== 0) {
    return {
      code,
      ...(message === undefined ? {} : { msg: message }),
      ...(detail === undefined ? {} : { detail }),
    };
  }
  const sid = exactSid(parsed.sid, () => topLevelMemberSources(text).get('sid'));
  const count = readInteger(parsed.count);
  const fee = readNumber(parsed.fee);
  return {
    code,
    ...(sid === undefined ? {} : { sid }),
    ...(count === undefined ? {} : { count }),
    ...(fee === undefined ? {} : { fee }),
  };
};
