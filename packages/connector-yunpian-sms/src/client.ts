import { sendWithRetryRule, transportFailure, TransportError, type HttpResponse, type Redactor } from '@logto-sms/sms-core';

export const singleSendPath = '/v2/sms/single_send.json';

export type SingleSendRequest = {
  /** Origin from the config, e.g. `https://sms.yunpian.com`. */
  endpoint: string;
  timeout: number;
  apikey: string;
  /** 11-digit national number for mainland China, `+<country code><number>` otherwise. */
  mobile: string;
  /** The final SMS text, exactly as it must match an approved template. */
  text: string;
};

/**
 * One `single_send` call. YunPian only reads form bodies (a JSON body comes back as "apikey
 * missing"), and URLSearchParams encodes `+` as %2B, which an international `mobile` needs.
 *
 * @throws ConnectorError when no answer arrived (timeout, network); any answer is returned.
 */
export const postSingleSend = async (request: SingleSendRequest, redactor: Redactor): Promise<HttpResponse> => {
  const { endpoint, timeout, apikey, mobile, text } = request;
  const body = new URLSearchParams({ apikey, mobile, text }).toString();
  try {
    return await sendWithRetryRule({
      timeout,
      prepare: () => ({
        method: 'POST',
        url: `${endpoint}${singleSendPath}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
          accept: 'application/json;charset=utf-8',
        },
        body,
      }),
    });
  } catch (error: unknown) {
    if (error instanceof TransportError) throw transportFailure(error, 'yunpian', redactor);
    throw error;
  }
};
