import { sendAliyunRequest, type ClientOptions, type RpcAction } from '@logto-sms/aliyun-pop';
import type { HttpResponse, Redactor } from '@logto-sms/sms-core';

import type { AliyunSmsConfig } from './config.js';
import { buildRequest, sendSmsAction } from './request.js';

export type { ClientOptions } from '@logto-sms/aliyun-pop';
export { throttlingRetryDelay } from '@logto-sms/aliyun-pop';

/**
 * `sendRequest(config, params, redactor, { clientOptions?, api? })`: one Dysmsapi call (SendSms unless
 * `api` says otherwise) within `config.timeout` (the one safe retry included), each attempt signed
 * afresh; never resent after a response timeout, which could deliver a second code.
 *
 * @returns Aliyun's answer, whatever its status: deciding what it means is `checkResponse`'s job.
 * @throws ConnectorError when no answer arrived (timeout, network).
 */
export const sendRequest = async (
  config: AliyunSmsConfig,
  params: Readonly<Record<string, string>>,
  redactor: Redactor,
  { clientOptions, api = sendSmsAction }: { clientOptions?: ClientOptions; api?: RpcAction } = {}
): Promise<HttpResponse> =>
  sendAliyunRequest({
    timeout: config.timeout,
    build: (timestamp, nonce) => buildRequest({ config, params, api, timestamp, nonce }),
    provider: 'aliyun',
    redactor,
    ...(clientOptions === undefined ? {} : { clock: clientOptions }),
  });
