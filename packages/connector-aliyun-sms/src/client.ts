import { rpcSender } from '@logto-sms/aliyun-pop';

import type { AliyunSmsConfig } from './config.js';
import { buildQueryRequest, buildRequest, type SendSmsParams } from './request.js';

export type { ClientOptions } from '@logto-sms/aliyun-pop';
export { throttlingRetryDelay } from '@logto-sms/aliyun-pop';

/**
 * `sendRequest(config, params, redactor, clientOptions?)`: one SendSms call within
 * `config.timeout` (the one safe retry included), each attempt signed afresh; never resent after
 * a response timeout, which could deliver a second code.
 *
 * @returns Aliyun's answer, whatever its status: deciding what it means is `checkResponse`'s job.
 * @throws ConnectorError when no answer arrived (timeout, network).
 */
export const sendRequest = rpcSender<AliyunSmsConfig, SendSmsParams>('aliyun', buildRequest);

/**
 * `queryRequest(config, params, redactor, clientOptions?)`: one QuerySendDetails call on the same
 * endpoint, signing, STS token and timeout as a send.
 *
 * @returns Aliyun's answer, whatever its status.
 * @throws ConnectorError when no answer arrived (timeout, network).
 */
export const queryRequest = rpcSender<AliyunSmsConfig, Readonly<Record<string, string>>>(
  'aliyun',
  buildQueryRequest
);
