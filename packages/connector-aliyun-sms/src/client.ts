import {
  sendWithRetryRule,
  TransportError,
  transportFailure,
  type HttpResponse,
  type Redactor,
} from '@logto-sms/sms-core';
import { randomInt, randomUUID } from 'node:crypto';

import type { AliyunSmsConfig } from './config.js';
import { buildRequest, sendSmsAction, type RpcApi } from './request.js';
import { readResponse } from './response.js';

/** Test seams, never config: a fixed clock and nonce make the signed request reproducible. */
export type ClientOptions = {
  now?: () => Date;
  nonce?: () => string;
};

const header = (headers: HttpResponse['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

// Leave the retry itself some room after waiting.
const retryBudgetMarginMs = 100;
const jitteredRetryDelay = () => randomInt(100, 201);

/**
 * The one answer worth retrying: a gateway `Throttling*` rejection, which Aliyun returns before
 * doing anything. Waits `x-acs-retry-after` ms when that still fits the budget, else briefly.
 */
export const throttlingRetryDelay = (
  response: Omit<HttpResponse, 'attempts'>,
  budgetLeftMs: number
): number | undefined => {
  // Cheap pre-check: a successful answer is parsed once, by checkResponse.
  if (response.status >= 500 || !response.body.includes('Throttling')) {
    return undefined;
  }
  const answer = readResponse(response.body);
  if (!answer?.code.startsWith('Throttling')) {
    return undefined;
  }
  const advised = Number.parseInt(header(response.headers, 'x-acs-retry-after') ?? '', 10);
  if (Number.isInteger(advised) && advised >= 0 && advised + retryBudgetMarginMs <= budgetLeftMs) {
    return advised;
  }
  return jitteredRetryDelay();
};

/**
 * Makes one Dysmsapi call (SendSms unless `api` says otherwise) within `config.timeout` (retry
 * included), signing each attempt afresh: Aliyun refuses a reused nonce, and a retried request
 * must not look like a replay.
 *
 * @returns Aliyun's answer, whatever its status: deciding what it means is `checkResponse`'s job.
 * @throws ConnectorError when no answer arrived (timeout, network).
 */
export const sendRequest = async (
  config: AliyunSmsConfig,
  params: Readonly<Record<string, string>>,
  redactor: Redactor,
  { now = () => new Date(), nonce = randomUUID }: ClientOptions = {},
  api: RpcApi = sendSmsAction
): Promise<HttpResponse> => {
  try {
    return await sendWithRetryRule({
      timeout: config.timeout,
      prepare: () => buildRequest({ config, params, api, timestamp: now(), nonce: nonce() }),
      retryAfterResponse: throttlingRetryDelay,
    });
  } catch (error: unknown) {
    throw error instanceof TransportError ? transportFailure(error, 'aliyun', redactor) : error;
  }
};
