// The project's timeout and one-retry rule: a second attempt only when the first cannot have
// delivered a code (never reached Aliyun, or refused by its gateway throttle), never after a
// response timeout or a 5xx.
import { loadPhonePlan, type ProviderErrorData } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { closedPortUrl, rejectionOf, startHungServer } from '../../../tests/support/index.js';

import {
  answer,
  connectorWith,
  dypnsOrigin,
  interceptDypns,
  ok,
  okAnswer,
  sendData,
  vectorConfig,
} from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];

// The number plan loads on a process's first send; loaded here, so the timing checks below measure
// the send's own timeout and nothing else.
beforeAll(loadPhonePlan);

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(async () => {
  nock.cleanAll();
  nock.disableNetConnect();
  await Promise.all(cleanups.splice(0).map(async (cleanup) => cleanup()));
});

/** A clock that moves one second per reading, so each attempt gets its own timestamp. */
const tickingClock = () => {
  let seconds = 0;
  return () => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds++));
};

const send = async (config: Record<string, unknown> = {}) =>
  connectorWith({ ...vectorConfig, ...config }, { now: tickingClock() }).sendMessage(
    sendData('8613800138000')
  );

describe('timeout', () => {
  it('a hung server: General, one request only, and the operator is told the code may have gone out', async () => {
    nock.enableNetConnect('127.0.0.1');
    const server = await startHungServer();
    cleanups.push(server.close);

    const error = await rejectionOf(async () => send({ endpoint: server.url, timeout: 600 }));

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(server.requests).toHaveLength(1);
    const data = error.data as ProviderErrorData;
    expect(data.provider).toBe('aliyun-mas');
    expect(data.errorDescription).toMatch(
      /No answer from Aliyun Message Authentication Service before the timeout/
    );
    expect(data.errorDescription).toMatch(/may or may not have been sent; it was not retried/);
  });
});

describe('the one safe retry', () => {
  it('ECONNREFUSED, then success: two attempts, each signed with its own nonce and time', async () => {
    const firstHeaders: Array<Record<string, unknown>> = [];
    const refused = nock(dypnsOrigin)
      .post('/')
      .query(true)
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    refused.on('request', (request: { headers: Record<string, unknown> }) =>
      firstHeaders.push({ ...request.headers })
    );
    const { scope, calls } = interceptDypns([ok()]);

    expect(await send()).toEqual({ bizId: okAnswer.Model.BizId, requestId: okAnswer.RequestId });
    expect(refused.isDone()).toBe(true);
    expect(scope.isDone()).toBe(true);
    expect(firstHeaders[0]?.['x-acs-date']).toBe('2024-01-01T00:00:00Z');
    expect(calls[0]?.headers['x-acs-date']).toBe('2024-01-01T00:00:01Z');
    expect(firstHeaders[0]?.['x-acs-signature-nonce']).not.toBe(
      calls[0]?.headers['x-acs-signature-nonce']
    );
    expect(firstHeaders[0]?.authorization).not.toBe(calls[0]?.headers.authorization);
  });

  it('a gateway Throttling answer is retried once, then the second answer stands', async () => {
    const throttled = answer(400, {
      Code: 'Throttling.User',
      Message: 'Request was denied due to user flow control.',
      RequestId: 'R-1',
    });
    const { scope, calls } = interceptDypns([throttled, throttled]);
    const error = await rejectionOf(async () => send());
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(2);
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
  });

  it('nothing listening on either attempt: General, and "Nothing was sent"', async () => {
    nock.enableNetConnect('127.0.0.1');
    const error = await rejectionOf(async () => send({ endpoint: await closedPortUrl() }));
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect((error.data as ProviderErrorData).errorDescription).toMatch(/Nothing was sent/);
  });

  it.each([
    [
      'a 5xx',
      answer(500, { Code: 'InternalError', Message: 'oops', RequestId: 'R-2' }),
      ConnectorErrorCodes.General,
    ],
    [
      'a business refusal',
      answer(200, {
        Code: 'isv.BUSINESS_LIMIT_CONTROL',
        Message: 'limit',
        RequestId: 'R-3',
        Success: false,
      }),
      ConnectorErrorCodes.RateLimitExceeded,
    ],
  ])('%s is never retried', async (_name, reply, expected) => {
    const { scope, calls } = interceptDypns([reply, ok()], { count: 2 });
    const error = await rejectionOf(async () => send());
    expect(error.code).toBe(expected);
    expect(calls).toHaveLength(1);
    expect(scope.isDone()).toBe(false);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('a reset after the request was sent is not retried', async () => {
    const reset = nock(dypnsOrigin)
      .post('/')
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { scope, calls } = interceptDypns([ok()]);
    const error = await rejectionOf(async () => send());
    expect(reset.isDone()).toBe(true);
    expect(scope.isDone()).toBe(false);
    expect(calls).toHaveLength(0);
    expect(error.code).toBe(ConnectorErrorCodes.General);
  });
});
