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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isJsonSpace = (char: string | undefined) =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r';

const skipSpace = (text: string, from: number): number => {
  let index = from;
  while (isJsonSpace(text[index])) {
    index++;
  }
  return index;
};

/** Index just past the string token that starts at `start` (a `"`). */
const endOfString = (text: string, start: number): number => {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') {
      index += 2;
    } else if (char === '"') {
      return index + 1;
    } else {
      index++;
    }
  }
  return text.length;
};

/** Index just past the value token that starts at `start`. */
const endOfValue = (text: string, start: number): number => {
  const first = text[start];
  if (first === '"') {
    return endOfString(text, start);
  }
  if (first === '{' || first === '[') {
    let depth = 0;
    let index = start;
    while (index < text.length) {
      const char = text[index];
      if (char === '"') {
        index = endOfString(text, index);
        continue;
      }
      if (char === '{' || char === '[') {
        depth++;
      }
      if (char === '}' || char === ']') {
        depth--;
      }
      index++;
      if (depth === 0) {
        return index;
      }
    }
    return text.length;
  }
  let index = start;
  while (index < text.length && !isJsonSpace(text[index]) && !',}]'.includes(text[index] ?? '')) {
    index++;
  }
  return index;
};

/**
 * The source text of each member of a top-level JSON object, by decoded name (the last duplicate
 * wins, as in `JSON.parse`). Only call it on text `JSON.parse` accepted.
 *
 * This exists for `sid`: a 64-bit integer that `JSON.parse` rounds above 2^53, and that a reviver
 * only ever sees already rounded on Node 20. Scanning tokens (rather than searching for `"sid":`)
 * cannot be fooled by the same characters inside a string or a nested object.
 */
export const topLevelMemberSources = (json: string): Map<string, string> => {
  const members = new Map<string, string>();
  let index = skipSpace(json, 0);
  if (json[index] !== '{') {
    return members;
  }
  index = skipSpace(json, index + 1);
  while (json[index] === '"') {
    const nameEnd = endOfString(json, index);
    const name: unknown = JSON.parse(json.slice(index, nameEnd));
    const valueStart = skipSpace(json, skipSpace(json, nameEnd) + 1);
    const valueEnd = endOfValue(json, valueStart);
    if (typeof name === 'string') {
      members.set(name, json.slice(valueStart, valueEnd));
    }
    index = skipSpace(json, valueEnd);
    if (json[index] !== ',') {
      break;
    }
    index = skipSpace(json, index + 1);
  }
  return members;
};

/**
 * The source text of each element of a top-level JSON array (YunPian's record lists), so each
 * element's `sid` can be read exactly with `topLevelMemberSources`. Only call it on text
 * `JSON.parse` accepted.
 */
export const topLevelArrayItemSources = (json: string): string[] => {
  const items: string[] = [];
  let index = skipSpace(json, 0);
  if (json[index] !== '[') {
    return items;
  }
  index = skipSpace(json, index + 1);
  while (index < json.length && json[index] !== ']') {
    const end = endOfValue(json, index);
    items.push(json.slice(index, end));
    index = skipSpace(json, end);
    if (json[index] !== ',') {
      break;
    }
    index = skipSpace(json, index + 1);
  }
  return items;
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
  const text = body.replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const code = isRecord(parsed) ? readInteger(parsed.code) : undefined;
  if (!isRecord(parsed) || code === undefined) {
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
  const sid = readSid(topLevelMemberSources(text).get('sid'));
  const count = readInteger(parsed.count);
  const fee = readNumber(parsed.fee);
  return {
    code,
    ...(sid === undefined ? {} : { sid }),
    ...(count === undefined ? {} : { count }),
    ...(fee === undefined ? {} : { fee }),
  };
};
