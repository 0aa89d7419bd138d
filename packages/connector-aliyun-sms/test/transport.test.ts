// Timeouts and the one-retry rule. SendSms is not idempotent: a retry is only made when the first
// request cannot have been processed (never reached Aliyun, or rejected by its throttle).
import { loadPhonePlan, type ProviderErrorData } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { settlesWithin } from '../../../tests/helpers/order.js';
import { closedPortUrl, rejectionOf, startHungServer } from '../../../tests/support/index.js';
import { throttlingRetryDelay } from '../src/client.js';

import {
  aliyunOrigin,
  connectorWith,
  formOf,
  interceptAliyun,
  ok,
  okAnswer,
  sendData,
  vectorConfig,
} from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];

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
  nock.enableNetConnect();
  nock.disableNetConnect();
  await Promise.all(cleanups.splice(0).map(async (cleanup) => cleanup()));
});

const allowLoopback = () => {
  nock.enableNetConnect('127.0.0.1');
};

const throttled = (headers: Record<string, string> = {}) => ({
  status: 400,
  body: {
    RequestId: 'R-throttle',
    Code: 'Throttling.User',
    Message: 'Request was denied due to user flow control.',
  },
  headers,
});

/** A clock that moves one second per reading, so each attempt gets its own timestamp. */
const tickingClock = () => {
  let seconds = 0;
  return () => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds++));
};

describe('timeout', () => {
  it('a hung server fails within timeout + 1 s as General, and is not retried', async () => {
    allowLoopback();
    const server = await startHungServer();
    cleanups.push(server.close);
    const timeout = 800;

    const started = Date.now();
    const sending = connectorWith({ ...vectorConfig, endpoint: server.url, timeout }).sendMessage(
      sendData('8613800138000')
    );
    // Ended by the configured timeout, before got's backstop 250 ms later.
    expect(await settlesWithin(sending, timeout + 200)).toBe(true);
    const error = await rejectionOf(async () => sending);

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(Date.now() - started).toBeGreaterThanOrEqual(timeout - 50);
    expect(server.requests).toHaveLength(1);
    const data = error.data as ProviderErrorData;
    expect(data.errorDescription).toMatch(/No answer from Aliyun SMS before the timeout/);
    expect(data.errorDescription).toMatch(/may or may not have been sent; it was not retried/);
  });
});

describe('retried once, re-signed, when the request cannot have reached Aliyun', () => {
  it('ECONNREFUSED, then success: two requests with different nonces and timestamps (V3)', async () => {
    const refused = nock(aliyunOrigin)
      .post('/')
      .query(true)
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const firstHeaders: Array<Record<string, unknown>> = [];
    refused.on('request', (request: { headers: Record<string, unknown> }) =>
      firstHeaders.push({ ...request.headers })
    );
    const { scope, calls } = interceptAliyun([ok()]);

    const result = await connectorWith(vectorConfig, { now: tickingClock() }).sendMessage(
      sendData('8613800138000')
    );

    expect(result).toMatchObject({ bizId: okAnswer.BizId, requestId: okAnswer.RequestId });
    expect(refused.isDone()).toBe(true);
    expect(scope.isDone()).toBe(true);
    expect(firstHeaders).toHaveLength(1);
    expect(calls).toHaveLength(1);
    const [first] = firstHeaders;
    const second = calls[0]?.headers;
    expect(first?.['x-acs-date']).toBe('2024-01-01T00:00:00Z');
    expect(second?.['x-acs-date']).toBe('2024-01-01T00:00:01Z');
    expect(first?.['x-acs-signature-nonce']).toMatch(
      /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/
    );
    expect(second?.['x-acs-signature-nonce']).toMatch(/^[\da-f]{8}-/);
    expect(first?.['x-acs-signature-nonce']).not.toBe(second?.['x-acs-signature-nonce']);
    expect(first?.authorization).not.toBe(second?.authorization);
  });

  it('ECONNREFUSED, then success (V1): the retried form body has a new SignatureNonce, Timestamp and Signature', async () => {
    const bodies: string[] = [];
    const refused = nock(aliyunOrigin)
      .post('/', (body: unknown) => {
        bodies.push(
          String(
            typeof body === 'string'
              ? body
              : new URLSearchParams(body as Record<string, string>).toString()
          )
        );
        return true;
      })
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const { scope, calls } = interceptAliyun([ok()]);

    await connectorWith(
      { ...vectorConfig, signatureAlgorithm: 'HMAC-SHA1' },
      { now: tickingClock() }
    ).sendMessage(sendData('8613800138000'));

    expect(refused.isDone()).toBe(true);
    expect(scope.isDone()).toBe(true);
    const first = formOf(bodies[0] ?? '');
    const second = formOf(calls[0]?.body ?? '');
    expect(first.Timestamp).toBe('2024-01-01T00:00:00Z');
    expect(second.Timestamp).toBe('2024-01-01T00:00:01Z');
    expect(first.SignatureNonce).not.toBe(second.SignatureNonce);
    expect(first.Signature).not.toBe(second.Signature);
  });

  it('a real refused connection is retried once, then reported as General with "Nothing was sent"', async () => {
    allowLoopback();
    const endpoint = await closedPortUrl();
    const nonces: string[] = [];
    const error = await rejectionOf(async () =>
      connectorWith(
        { ...vectorConfig, endpoint },
        {
          nonce: () => {
            nonces.push(`nonce-${nonces.length}`);
            return nonces.at(-1)!;
          },
        }
      ).sendMessage(sendData('8613800138000'))
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(nonces).toEqual(['nonce-0', 'nonce-1']);
    expect((error.data as ProviderErrorData).errorDescription).toMatch(
      /ECONNREFUSED.*Nothing was sent/
    );
  });
});

const decide = (response: Parameters<typeof throttlingRetryDelay>[0]) =>
  throttlingRetryDelay(response, 5000);
describe('throttling', () => {
  it('Throttling.User (HTTP 400) is retried once, re-signed, and the retry can succeed', async () => {
    const { scope, calls } = interceptAliyun([throttled(), ok()]);
    const started = Date.now();
    const result = await connectorWith(vectorConfig, { now: tickingClock() }).sendMessage(
      sendData('8613800138000')
    );
    const elapsed = Date.now() - started;

    expect(result).toMatchObject({ bizId: okAnswer.BizId, requestId: okAnswer.RequestId });
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers['x-acs-signature-nonce']).not.toBe(
      calls[1]?.headers['x-acs-signature-nonce']
    );
    expect(calls[0]?.headers['x-acs-date']).not.toBe(calls[1]?.headers['x-acs-date']);
    expect(calls[0]?.headers.authorization).not.toBe(calls[1]?.headers.authorization);
    // The short jittered pause (~100–200 ms) when Aliyun gives no x-acs-retry-after.
    expect(elapsed).toBeGreaterThanOrEqual(90);
  });

  it('honours x-acs-retry-after (ms) when it fits the budget', async () => {
    const { scope, calls } = interceptAliyun([throttled({ 'x-acs-retry-after': '400' }), ok()]);
    const started = Date.now();
    await connectorWith(vectorConfig).sendMessage(sendData('8613800138000'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('throttled twice → RateLimitExceeded after exactly two requests', async () => {
    const { scope, calls } = interceptAliyun([throttled(), throttled()]);
    const spare = nock(aliyunOrigin).post('/').query(true).reply(200, okAnswer);
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(scope.isDone()).toBe(true);
    expect(calls).toHaveLength(2);
    expect(spare.isDone()).toBe(false);
  });

  it('retry delay: advised value when it fits, else 100–200 ms; nothing for other answers', () => {
    const body = JSON.stringify({ Code: 'Throttling.User', Message: 'x' });
    expect(decide({ status: 400, headers: { 'x-acs-retry-after': '1200' }, body })).toBe(1200);
    expect(decide({ status: 400, headers: { 'x-acs-retry-after': '0' }, body })).toBe(0);
    for (const headers of [{ 'x-acs-retry-after': '60000' }, { 'x-acs-retry-after': 'soon' }, {}]) {
      const delay = decide({ status: 400, headers, body });
      expect(delay).toBeGreaterThanOrEqual(100);
      expect(delay).toBeLessThanOrEqual(200);
    }
    expect(decide({ status: 503, headers: {}, body })).toBeUndefined();
    expect(
      decide({
        status: 200,
        headers: {},
        body: JSON.stringify({ Code: 'isv.BUSINESS_LIMIT_CONTROL' }),
      })
    ).toBeUndefined();
    expect(decide({ status: 400, headers: {}, body: '<html>' })).toBeUndefined();
  });
});

describe('never retried: the message may already have gone out', () => {
  it.each([
    [503, '<html><body>Service Unavailable</body></html>', ConnectorErrorCodes.General],
    [
      500,
      JSON.stringify({ RequestId: 'R', Code: 'InternalError', Message: 'x' }),
      ConnectorErrorCodes.General,
    ],
    [
      502,
      JSON.stringify({ RequestId: 'R', Code: 'Throttling', Message: 'x' }),
      ConnectorErrorCodes.General,
    ],
    [
      200,
      JSON.stringify({
        RequestId: 'R',
        Code: 'isv.BUSINESS_LIMIT_CONTROL',
        Message: '触发分钟级流控Permits:1',
      }),
      ConnectorErrorCodes.RateLimitExceeded,
    ],
  ])('HTTP %s %s → %s after one request', async (status, body, expected) => {
    const first = nock(aliyunOrigin).post('/').query(true).times(1).reply(status, body);
    const second = nock(aliyunOrigin).post('/').query(true).reply(200, okAnswer);
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(error.code).toBe(expected);
    expect(first.isDone()).toBe(true);
    expect(second.isDone()).toBe(false);
  });

  it('a response timeout (the request was sent) → one request only', async () => {
    allowLoopback();
    const server = await startHungServer();
    cleanups.push(server.close);
    const error = await rejectionOf(async () =>
      connectorWith({
        ...vectorConfig,
        endpoint: server.url,
        timeout: 400,
        signatureAlgorithm: 'HMAC-SHA1',
      }).sendMessage(sendData('8613800138000'))
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    // Give a wrongly scheduled retry the chance to show up.
    await new Promise((resolve) => {
      setTimeout(resolve, 300);
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a connection reset after sending → one request only', async () => {
    const reset = nock(aliyunOrigin)
      .post('/')
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const second = nock(aliyunOrigin).post('/').query(true).reply(200, okAnswer);
    const error = await rejectionOf(async () =>
      connectorWith(vectorConfig).sendMessage(sendData('8613800138000'))
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(reset.isDone()).toBe(true);
    expect(second.isDone()).toBe(false);
    expect((error.data as ProviderErrorData).errorDescription).toMatch(
      /may or may not have been sent/
    );
  });
});
