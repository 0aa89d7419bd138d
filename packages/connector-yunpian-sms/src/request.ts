import type { HttpRequest } from '@logto-sms/sms-core';

export const singleSendPath = '/v2/sms/single_send.json';

/** What one `single_send` call carries. */
export type SingleSendParams = {
  /** Origin from the config, e.g. `https://sms.yunpian.com`. */
  endpoint: string;
  apikey: string;
  /** 11-digit national number for mainland China, `+<country code><number>` otherwise. */
  mobile: string;
  /** The final SMS text, exactly as it must match an approved template. */
  text: string;
};

/**
 * One `single_send` request. YunPian only reads form bodies (a JSON body comes back as "apikey
 * missing"), and URLSearchParams encodes `+` as %2B, which an international `mobile` needs.
 */
export const buildRequest = ({
  endpoint,
  apikey,
  mobile,
  text,
}: SingleSendParams): HttpRequest => ({
  method: 'POST',
  url: `${endpoint}${singleSendPath}`,
  headers: {
    'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
    accept: 'application/json;charset=utf-8',
  },
  body: new URLSearchParams({ apikey, mobile, text }).toString(),
});
