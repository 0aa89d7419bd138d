import { randomUUID } from 'node:crypto';

import { sendAliyunRequest } from '@logto-sms/aliyun-pop';
import type { HttpResponse, Redactor } from '@logto-sms/sms-core';

import type { AliyunSmsConfig } from './config.js';
import { buildRequest, type SendSmsParams } from './request.js';

export { throttlingRetryDelay } from '@logto-sms/aliyun-pop';

/** Test seams, never config: a fixed clock and nonce make the signed request reproducible. */
export type ClientOptions = {
  now?: () => Date;
  nonce?: () => string;
};

/**
 * Sends one SendSms call within `config.timeout` (retry included), signing each attempt afresh.
 *
 * @returns Aliyun's answer, whatever its status: deciding what it means is `checkResponse`'s job.
 * @throws ConnectorError when no answer arrived (timeout, network).
 */
export const sendRequest = async (
  config: AliyunSmsConfig,
  params: SendSmsParams,
  redactor: Redactor,
  { now = () => new Date(), nonce = randomUUID }: ClientOptions = {}
): Promise<HttpResponse> =>
  sendAliyunRequest({
    timeout: config.timeout,
    prepare: () => buildRequest({ config, params, timestamp: now(), nonce: nonce() }),
    provider: 'aliyun',
    redactor,
  });
