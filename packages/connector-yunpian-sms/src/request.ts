import type { HttpRequest } from '@logto-sms/sms-core';

import type { TextAroundCode } from './templates.js';

export const singleSendPath = '/v2/sms/single_send.json';

/** What one `single_send` call carries. */
export type SingleSendParams = {
  /** Origin from the config, e.g. `https://sms.yunpian.com`. */
  endpoint: string;
  apikey: string;
  /** 11-digit national number for mainland China, `+<country code><number>` otherwise. */
  mobile: string;
  /** The approved template text around the code; the SMS text is `before + code + after`. */
  text: TextAroundCode;
  /** The verification code. */
  code: string;
};

/**
 * One value in `application/x-www-form-urlencoded` form, exactly as URLSearchParams writes it
 * (which YunPian reads). Digits and letters stay as they are and a leading `+` (an international
 * `mobile`) becomes %2B; anything else goes through URLSearchParams itself.
 */
export const formValue = (value: string): string => {
  if (/^\+?[\dA-Za-z]*$/.test(value)) {
    return value.startsWith('+') ? `%2B${value.slice(1)}` : value;
  }
  return new URLSearchParams({ v: value }).toString().slice(2);
};

// The template text is the same for every send with a config: its form encoding (a Chinese text
// costs URLSearchParams a few µs) is worked out once per split text.
const encodedTexts = new WeakMap<TextAroundCode, string[]>();
const encodedText = (text: TextAroundCode, code: string): string => {
  let parts = encodedTexts.get(text);
  if (!parts) {
    parts = [formValue(text.before), formValue(text.after)];
    encodedTexts.set(text, parts);
  }
  return `${parts[0]}${formValue(code)}${parts[1]}`;
};

const headers: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
  accept: 'application/json;charset=utf-8',
});

/**
 * One `single_send` request. YunPian only reads form bodies (a JSON body comes back as "apikey
 * missing"), and the form encoding turns `+` into %2B, which an international `mobile` needs. The
 * body is byte for byte what `new URLSearchParams({ apikey, mobile, text }).toString()` gives.
 */
export const buildRequest = ({
  endpoint,
  apikey,
  mobile,
  text,
  code,
}: SingleSendParams): HttpRequest => ({
  method: 'POST',
  url: `${endpoint}${singleSendPath}`,
  headers,
  body: `apikey=${formValue(apikey)}&mobile=${formValue(mobile)}&text=${encodedText(text, code)}`,
});
