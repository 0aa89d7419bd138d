import { randomUUID } from 'node:crypto';

import { sendAliyunRequest } from '@logto-sms/aliyun-pop';
import type { HttpResponse, Redactor } from '@logto-sms/sms-core';

import type { AliyunMasConfig } from './config.js';
import { buildRequest, type SendSmsVerifyCodeParams } from './request.js';

/** Test seams, never config: a fixed clock and nonce make the signed request reproducible. */
export type ClientOptions = {
  now?: () => Date;
  nonce?: () => string;
};

/**
 * Sends one SendSmsVerifyCode call within `config.timeout` (the one safe retry included), signing
 * each attempt afresh. Never resent after a response timeout: that could deliver a second code.
 *
 * @returns Aliyun's answer, whatever its status: deciding what it means is `checkResponse`'s job.
 * @throws ConnectorError when no answer arrived (timeout, network).
 */
export const sendRequest = async (
  config: AliyunMasConfig,
  params: SendSmsVerifyCodeParams,
  redactor: Redactor,
  { now = () => new Date(), nonce = randomUUID }: ClientOptions = {}
): Promise<HttpResponse> =>
  sendAliyunRequest({
    timeout: config.timeout,
    prepare: () => buildRequest({ config, params, timestamp: now(), nonce: nonce() }),
    provider: 'aliyun-mas',
    redactor,
  });
