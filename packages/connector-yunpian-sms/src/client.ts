import {
  sendWithRetryRule,
  transportFailure,
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type Redactor,
} from '@logto-sms/sms-core';

/**
 * Sends one prepared `single_send` request within `timeout` ms, with the project's one safe-retry
 * rule. YunPian requests carry no timestamp or nonce, so the same request is reused for a retry.
 *
 * @returns YunPian's answer, whatever its HTTP status: deciding what it means is `checkResponse`'s job.
 * @throws ConnectorError when no answer arrived (timeout, network).
 */
export const sendRequest = async (
  request: HttpRequest,
  timeout: number,
  redactor: Redactor
): Promise<HttpResponse> => {
  try {
    return await sendWithRetryRule({ timeout, prepare: () => request });
  } catch (error: unknown) {
    if (error instanceof TransportError) {
      throw transportFailure(error, 'yunpian', redactor);
    }
    throw error;
  }
};
