import { loadPhonePlan } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { beforeAll, describe, expect, test } from 'vitest';

import { settlesWithin } from '../../../tests/helpers/order.js';
import {
  closedPortUrl,
  errorData,
  rejectionOf,
  startHungServer,
} from '../../../tests/support/index.js';
import {
  isolateNetworkPerTest,
  socketError,
  unmatchedRequests,
} from '../../../tests/support/network.js';

import { baseConfig, endpoint, send, sendPath, successBody } from './helpers.js';

isolateNetworkPerTest();

// The number plan loads on a process's first send; loaded here, so the timing checks below measure
// the send's own timeout and nothing else.
beforeAll(loadPhonePlan);
// The connector imports its send flow on the first send, as it loads the number plan: load both
// before the timed tests, so that they time the send and not vitest compiling modules.
beforeAll(async () => import('../src/send.js'));

describe('timeout', () => {
  test('a server that never answers fails with General at the timeout, after exactly one request', async () => {
    const { url: origin, requests } = await startHungServer();
    const started = Date.now();
    const sending = send(baseConfig({ endpoint: origin, timeout: 800 }), { to: '8613800138000' });
    // Ended by the configured timeout, before got's backstop 250 ms later.
    expect(await settlesWithin(sending, 800 + 200)).toBe(true);
    const error = await rejectionOf(sending);
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(errorData(error).errorDescription).toMatch(
      /No answer from YunPian before the timeout.*may or may not have been sent; it was not retried/
    );
    expect(requests.map(({ method, url }) => `${method} ${url}`)).toEqual([`POST ${sendPath}`]);
  });
});

describe('the retry rule', () => {
  test('connection refused, then success: retried once (exactly 2 calls)', async () => {
    const scope = nock(endpoint)
      .post(sendPath)
      .replyWithError(socketError('ECONNREFUSED'))
      .post(sendPath)
      .reply(200, successBody);
    await expect(send(baseConfig(), { to: '8613800138000' })).resolves.toMatchObject({
      sid: '3310228982',
      count: 1,
      fee: 0.05,
    });
    expect(scope.isDone()).toBe(true);
    expect(unmatchedRequests).toEqual([]);
  });

  test('DNS failure, then success: retried once (exactly 2 calls)', async () => {
    const scope = nock(endpoint)
      .post(sendPath)
      .replyWithError(socketError('ENOTFOUND'))
      .post(sendPath)
      .reply(200, successBody);
    await expect(send(baseConfig(), { to: '8613800138000' })).resolves.toMatchObject({
      sid: '3310228982',
    });
    expect(scope.isDone()).toBe(true);
    expect(unmatchedRequests).toEqual([]);
  });

  test('refused twice: General "nothing was sent", and no third call', async () => {
    const scope = nock(endpoint)
      .post(sendPath)
      .replyWithError(socketError('ECONNREFUSED'))
      .post(sendPath)
      .replyWithError(socketError('ECONNREFUSED'));
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(unmatchedRequests).toEqual([]);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(errorData(error).errorDescription).toMatch(
      /Could not talk to YunPian \(ECONNREFUSED\)\. Nothing was sent/
    );
  });

  test('a real closed port: General, from the refusal itself (not the timeout)', async () => {
    const closed = await closedPortUrl();
    const error = await rejectionOf(
      send(baseConfig({ endpoint: closed }), { to: '8613800138000' })
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(errorData(error)).toMatchObject({ provider: 'yunpian' });
    expect(errorData(error).errorDescription).toMatch(/ECONNREFUSED/);
  });

  test('a reset after sending is not retried (exactly 1 call)', async () => {
    const scope = nock(endpoint).post(sendPath).replyWithError(socketError('ECONNRESET'));
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(unmatchedRequests).toEqual([]);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(errorData(error).errorDescription).toMatch(/may or may not have been sent/);
  });

  test.each([
    ['a 5xx', 502, '<html>Bad Gateway</html>', ConnectorErrorCodes.General],
    ['a YunPian system error', 400, { code: -51, msg: '系统繁忙' }, ConnectorErrorCodes.General],
    [
      'a rate limit',
      400,
      { code: 8, msg: '同一手机号30秒内重复提交相同的内容' },
      ConnectorErrorCodes.RateLimitExceeded,
    ],
    [
      'an account rate limit',
      400,
      { code: -5, msg: '访问频率超限' },
      ConnectorErrorCodes.RateLimitExceeded,
    ],
  ])('%s is not retried (exactly 1 call)', async (_name, status, body, errorCode) => {
    const scope = nock(endpoint)
      .post(sendPath)
      .reply(status, typeof body === 'string' ? body : JSON.stringify(body));
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(unmatchedRequests).toEqual([]);
    expect(error.code).toBe(errorCode);
  });
});
