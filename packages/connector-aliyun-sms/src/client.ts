import { randomInt, randomUUID } from 'node:crypto';

import {
  sendWithRetryRule,
  TransportError,
  transportFailure,
  type HttpRequest,
  type HttpResponse,
  type Redactor,
} from '@logto-sms/sms-core';

import type { AliyunSmsConfig } from './config.js';
import { interpretAliyunResponse, parseAliyunAnswer, type AliyunSendResult } from './response.js';
import { signV1, signV3, type Credentials } from './signer.js';

/** The SendSms parameters of one message. */
export type SendSmsParams = {
  PhoneNumbers: string;
  SignName: string;
  TemplateCode: string;
  TemplateParam: string;
};

/** Test seams, never config: a fixed clock and nonce make the signed request reproducible. */
export type ClientOptions = {
  now?: () => Date;
  nonce?: () => string;
};

export type AttemptInput = {
  config: Pick<AliyunSmsConfig, 'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'endpoint' | 'signatureAlgorithm'>;
  params: SendSmsParams;
  timestamp: Date;
  nonce: string;
};

const userAgent = 'logto-sms-connector-aliyun-sms';

/**
 * One signed SendSms request. V3 mirrors the official SDK: `POST /`, parameters in the query,
 * empty body. V1 sends everything, `Signature` included, as a form body.
 */
export const buildSendSmsRequest = ({ config, params, timestamp, nonce }: AttemptInput): HttpRequest => {
  const credentials: Credentials = {
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    securityToken: config.securityToken,
  };
  const origin = new URL(config.endpoint);

  if (config.signatureAlgorithm === 'HMAC-SHA1') {
    const signed = signV1({ method: 'POST', credentials, apiParams: params, timestamp, nonce });
    return {
      method: 'POST',
      url: `${origin.origin}/`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'user-agent': userAgent,
      },
      body: signed.encoded,
    };
  }

  const signed = signV3({ method: 'POST', host: origin.host, credentials, apiParams: params, timestamp, nonce });
  return {
    method: 'POST',
    url: `${origin.origin}/?${signed.query}`,
    headers: { ...signed.headers, accept: 'application/json', 'user-agent': userAgent },
  };
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
  // Cheap pre-check: a successful answer is parsed once, by interpretAliyunResponse.
  if (response.status >= 500 || !response.body.includes('Throttling')) return undefined;
  const answer = parseAliyunAnswer(response.body);
  if (!answer?.code.startsWith('Throttling')) return undefined;
  const advised = Number.parseInt(header(response.headers, 'x-acs-retry-after') ?? '', 10);
  if (Number.isInteger(advised) && advised >= 0 && advised + retryBudgetMarginMs <= budgetLeftMs) return advised;
  return jitteredRetryDelay();
};

/**
 * Sends one SendSms call within `config.timeout` (retry included), signing each attempt afresh:
 * Aliyun refuses a reused nonce, and a retried request must not look like a replay.
 */
export const sendSms = async (
  config: AliyunSmsConfig,
  params: SendSmsParams,
  redactor: Redactor,
  { now = () => new Date(), nonce = randomUUID }: ClientOptions = {}
): Promise<AliyunSendResult> => {
  let response: HttpResponse;
  try {
    response = await sendWithRetryRule({
      timeout: config.timeout,
      prepare: () => buildSendSmsRequest({ config, params, timestamp: now(), nonce: nonce() }),
      retryAfterResponse: throttlingRetryDelay,
    });
  } catch (error: unknown) {
    throw error instanceof TransportError ? transportFailure(error, 'aliyun', redactor) : error;
  }
  return interpretAliyunResponse(response, redactor);
};
