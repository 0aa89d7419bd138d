import {
  sendWithRetryRule,
  TransportError,
  transportFailure,
  type HttpRequest,
  type HttpResponse,
  type ProviderErrorData,
  type Redactor,
} from '@logto-sms/sms-core';
import { randomInt, randomUUID } from 'node:crypto';

import { readAliyunAnswer } from './answer.js';

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
  // Cheap pre-check: a successful answer is parsed once, by the connector's checkResponse.
  if (response.status >= 500 || !response.body.includes('Throttling')) {
    return undefined;
  }
  const answer = readAliyunAnswer(response.body);
  if (!answer?.code.startsWith('Throttling')) {
    return undefined;
  }
  const advised = Number.parseInt(header(response.headers, 'x-acs-retry-after') ?? '', 10);
  if (Number.isInteger(advised) && advised >= 0 && advised + retryBudgetMarginMs <= budgetLeftMs) {
    return advised;
  }
  return jitteredRetryDelay();
};

/** Test seams, never config: a fixed clock and nonce make the signed request reproducible. */
export type ClientOptions = {
  now?: () => Date;
  nonce?: () => string;
};

export type AliyunSendOptions = {
  /** Budget in ms for the whole send, the retry included. */
  timeout: number;
  /** Builds and signs one attempt; called again for the retry with a fresh time and nonce. */
  build: (timestamp: Date, nonce: string) => HttpRequest;
  provider: ProviderErrorData['provider'];
  redactor: Redactor;
  clock?: ClientOptions;
};

/**
 * One RPC call within `timeout` through sms-core's retry rule, re-signed per attempt: Aliyun
 * refuses a reused nonce, and a retried request must not look like a replay.
 *
 * @returns Aliyun's answer, whatever its status: deciding what it means is `checkAliyunResponse`'s job.
 * @throws ConnectorError when no answer arrived (timeout, network).
 */
export const sendAliyunRequest = async ({
  timeout,
  build,
  provider,
  redactor,
  clock = {},
}: AliyunSendOptions): Promise<HttpResponse> => {
  const { now = () => new Date(), nonce = randomUUID } = clock;
  try {
    return await sendWithRetryRule({
      timeout,
      prepare: () => build(now(), nonce()),
      retryAfterResponse: throttlingRetryDelay,
    });
  } catch (error: unknown) {
    throw error instanceof TransportError ? transportFailure(error, provider, redactor) : error;
  }
};

/**
 * A connector's `sendRequest`: one call of its RPC action through `sendAliyunRequest`, with the
 * request built (and signed) by the connector's `buildRequest` for every attempt.
 */
export const rpcSender =
  <Config extends { timeout: number }, Params>(
    provider: ProviderErrorData['provider'],
    buildRequest: (input: {
      config: Config;
      params: Params;
      timestamp: Date;
      nonce: string;
    }) => HttpRequest
  ) =>
  async (
    config: Config,
    params: Params,
    redactor: Redactor,
    clientOptions?: ClientOptions
  ): Promise<HttpResponse> =>
    sendAliyunRequest({
      timeout: config.timeout,
      build: (timestamp, nonce) => buildRequest({ config, params, timestamp, nonce }),
      provider,
      redactor,
      ...(clientOptions === undefined ? {} : { clock: clientOptions }),
    });
