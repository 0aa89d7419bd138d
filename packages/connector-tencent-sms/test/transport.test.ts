// Timeouts and the one-retry rule. SendSms is not idempotent: a retry is made only when the first
// request provably never reached Tencent, or Tencent's gateway refused it unprocessed.
import { loadPhonePlan, type ProviderErrorData } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { settlesWithin } from '../../../tests/helpers/order.js';
import { closeLoopbackServers, startHungServer } from '../../../tests/support/index.js';
import { rateLimitRetryDelay } from '../src/client.js';

import {
  connectorWith,
  errorBody,
  interceptTencent,
  ok,
  rejectionOf,
  sendData,
  tencentOrigin,
  vectorConfig,
} from './helpers.js';

// Typed as unknown: vitest types its asymmetric matchers as any.
const anyText: unknown = expect.any(String);

// The number plan loads on a process's first send; loaded here, so the timing checks below measure
// the send's own timeout and nothing else.
beforeAll(loadPhonePlan);
// The connector imports its send flow on the first send, as it loads the number plan: load both
// before the timed tests, so that they time the send and not vitest compiling modules.
beforeAll(async () => import('../src/send.js'));

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(async () => {
  nock.cleanAll();
  nock.disableNetConnect();
  await closeLoopbackServers();
});

/** A clock that moves one second per reading, so each attempt gets its own timestamp. */
const tickingClock = () => {
  let seconds = 1_704_067_200;
  return { now: () => new Date(seconds++ * 1000) };
};

const networkError = (code: string) => Object.assign(new Error(code), { code });

describe('timeout', () => {
  // A real loopback server that accepts the request and never answers: nock's delayed reply keeps
  // its fake socket "connecting", which sms-core rightly reads as a connect hang (nothing sent).
  it('a silent Tencent fails within timeout + 1 s as general, and is not retried', async () => {
    nock.enableNetConnect('127.0.0.1');
    const server = await startHungServer();
    const timeout = 600;

    const started = Date.now();
    const sending = connectorWith({ ...vectorConfig, endpoint: server.url, timeout }).sendMessage(
      sendData('8613800138000')
    );
    // Ended by the configured timeout (sms-core ends every attempt at its budget).
    expect(await settlesWithin(sending, timeout + 200)).toBe(true);
    const error = await rejectionOf(async () => sending);

    expect(Date.now() - started).toBeGreaterThanOrEqual(timeout - 50);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    const { errorDescription } = error.data as ProviderErrorData;
    expect(errorDescription).toMatch(/No answer from Tencent Cloud SMS before the timeout/);
    expect(errorDescription).toMatch(/may or may not have been sent; it was not retried/);
    expect(server.requests).toHaveLength(1);
  });
});

const answer = (status: number, body: string) => ({ status, headers: {}, body });

describe('the retry rule', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
    '%s (never reached Tencent): one retry, signed afresh with a new timestamp',
    async (code) => {
      const failed = nock(tencentOrigin).post('/').replyWithError(networkError(code));
      const { scope, calls } = interceptTencent([ok()]);
      const refused: string[] = [];
      failed.on('request', (request: { headers: Record<string, string> }) =>
        refused.push(request.headers['x-tc-timestamp'] ?? '')
      );

      const result = await connectorWith(vectorConfig, tickingClock()).sendMessage(
        sendData('8613800138000')
      );

      expect(failed.isDone()).toBe(true);
      expect(scope.isDone()).toBe(true);
      expect(result).toMatchObject({ serialNo: anyText });
      expect(calls).toHaveLength(1);
      expect(refused).toEqual(['1704067200']);
      expect(calls[0]?.headers['x-tc-timestamp']).toBe('1704067201');
    }
  );

  it.each(['ECONNRESET', 'EPIPE', 'ETIMEDOUT'])(
    '%s (may have reached Tencent): no retry, general',
    async (code) => {
      const scope = nock(tencentOrigin).post('/').replyWithError(networkError(code));
      const spare = nock(tencentOrigin).post('/').reply(200, ok().body);
      const error = await rejectionOf(async () =>
        connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
      );
      expect(scope.isDone()).toBe(true);
      expect(spare.isDone()).toBe(false);
      expect(error.code).toBe(ConnectorErrorCodes.General);
    }
  );

  it.each([500, 502, 503, 504])('HTTP %i: no retry, general', async (status) => {
    const { scope, calls } = interceptTencent(
      [{ status, body: errorBody('InternalError') }, ok()],
      { count: 1 }
    );
    const spare = nock(tencentOrigin).post('/').reply(200, ok().body);
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(scope.isDone()).toBe(true);
    expect(spare.isDone()).toBe(false);
    expect(calls).toHaveLength(1);
    expect(error.code).toBe(ConnectorErrorCodes.General);
  });

  it('RequestLimitExceeded (refused unprocessed): one retry, re-signed, then the success', async () => {
    const { scope, calls } = interceptTencent([
      { status: 200, body: errorBody('RequestLimitExceeded', 'slow down') },
      ok(),
    ]);
    const result = await connectorWith(vectorConfig, tickingClock()).sendMessage(
      sendData('8613800138000')
    );
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(2);
    expect(result).toMatchObject({ requestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279' });
    expect(calls[0]?.body).toBe(calls[1]?.body);
    expect(calls[0]?.headers['x-tc-timestamp']).toBe('1704067200');
    expect(calls[1]?.headers['x-tc-timestamp']).toBe('1704067201');
    expect(calls[0]?.headers.authorization).not.toBe(calls[1]?.headers.authorization);
  });

  it('RequestLimitExceeded twice: exactly two requests, then rate_limit_exceeded', async () => {
    const { scope, calls } = interceptTencent(
      [{ status: 200, body: errorBody('RequestLimitExceeded.UinLimitExceeded', 'slow', 'R-L') }],
      {
        count: 2,
      }
    );
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(2);
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(error.data).toMatchObject({
      providerCode: 'RequestLimitExceeded.UinLimitExceeded',
      requestId: 'R-L',
    });
  });

  it.each([
    'LimitExceeded.PhoneNumberThirtySecondLimit',
    'InternalError.Timeout',
    'InternalError.SendAndRecvFail',
  ])('%s (processed, may have been sent): no retry', async (code) => {
    const { scope, calls } = interceptTencent([{ status: 200, body: errorBody(code) }]);
    const spare = nock(tencentOrigin).post('/').reply(200, ok().body);
    await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(scope.isDone()).toBe(true);
    expect(spare.isDone()).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('rateLimitRetryDelay: a short delay only for RequestLimitExceeded* below 5xx', () => {
    const delay = rateLimitRetryDelay(
      answer(200, errorBody('RequestLimitExceeded.IPLimitExceeded'))
    );
    expect(delay).toBeGreaterThanOrEqual(100);
    expect(delay).toBeLessThanOrEqual(200);
    expect(rateLimitRetryDelay(answer(503, errorBody('RequestLimitExceeded')))).toBeUndefined();
    expect(
      rateLimitRetryDelay(
        answer(200, errorBody('LimitExceeded.DailyLimit', 'RequestLimitExceeded in words'))
      )
    ).toBeUndefined();
    expect(rateLimitRetryDelay(answer(200, ok().body))).toBeUndefined();
  });
});
