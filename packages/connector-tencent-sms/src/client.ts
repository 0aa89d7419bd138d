import {
  sendWithRetryRule,
  TransportError,
  transportFailure,
  type HttpResponse,
  type Redactor,
} from '@logto-sms/sms-core';
import { randomInt } from 'node:crypto';

import type { TencentSmsConfig } from './config.js';
import { buildRequest, sendSmsAction, type ApiAction, type RequestBody } from './request.js';
import { readResponse } from './response.js';

/** Test seam, never config: a fixed clock makes the signed request reproducible. */
export type ClientOptions = {
  now?: () => Date;
};

/**
 * The one answer worth retrying: `RequestLimitExceeded*`, which Tencent's API gateway returns
 * before the SMS service sees the request. Waits a short jittered delay (Tencent gives no
 * retry-after). Anything else, 5xx included, is kept: the message may have gone out.
 */
export const rateLimitRetryDelay = (
  response: Omit<HttpResponse, 'attempts'>
): number | undefined => {
  // Cheap pre-check: a successful answer is parsed once, by checkResponse.
  if (response.status >= 500 || !response.body.includes('RequestLimitExceeded')) {
    return undefined;
  }
  return readResponse(response.body)?.error?.code.startsWith('RequestLimitExceeded')
    ? randomInt(100, 201)
    : undefined;
};

/**
 * Sends one API 3.0 call (SendSms unless `action` says otherwise) within `config.timeout` (retry
 * included). Each attempt is signed with its own timestamp, so a retry after a wait is never
 * refused as stale.
 *
 * @returns Tencent's answer, whatever its status: deciding what it means is `checkResponse`'s job.
 * @throws ConnectorError(General) when no answer arrived (timeout, network).
 */
export const sendRequest = async (
  config: TencentSmsConfig,
  { body, action = sendSmsAction }: { body: RequestBody; action?: ApiAction },
  redactor: Redactor,
  { now = () => new Date() }: ClientOptions = {}
): Promise<HttpResponse> => {
  try {
    return await sendWithRetryRule({
      timeout: config.timeout,
      prepare: () =>
        buildRequest({ config, body, action, timestamp: Math.floor(now().getTime() / 1000) }),
      retryAfterResponse: rateLimitRetryDelay,
    });
  } catch (error: unknown) {
    throw error instanceof TransportError ? transportFailure(error, 'tencent', redactor) : error;
  }
};
