import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import {
  baseConfig,
  dataOf,
  endpoint,
  rejectionOf,
  send,
  sendPath,
  socketError,
  successBody,
  unmatchedRequests,
} from './helpers.js';

const servers: http.Server[] = [];

/** A local server that accepts requests and never answers; counts what it received. */
const startHungServer = async () => {
  const received: string[] = [];
  const server = http.createServer((request) => {
    received.push(`${request.method ?? ''} ${request.url ?? ''}`);
    request.resume();
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
};

/** A loopback port nothing listens on any more. */
const closedPort = async (): Promise<number> => {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
};

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  unmatchedRequests.length = 0;
});

afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await Promise.all(
    servers.splice(0).map(async (server) => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    })
  );
});

describe('timeout', () => {
  test('a server that never answers fails with General within timeout + 1 s, after exactly one request', async () => {
    const { origin, received } = await startHungServer();
    const started = Date.now();
    const error = await rejectionOf(send(baseConfig({ endpoint: origin, timeout: 800 }), { to: '8613800138000' }));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(750);
    expect(elapsed).toBeLessThan(800 + 1000);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataOf(error).errorDescription).toMatch(/No answer from YunPian before the timeout.*may or may not have been sent; it was not retried/);
    expect(received).toEqual([`POST ${sendPath}`]);
  });
});

describe('the retry rule', () => {
  test('connection refused, then success: retried once (exactly 2 calls)', async () => {
    const scope = nock(endpoint)
      .post(sendPath)
      .replyWithError(socketError('ECONNREFUSED'))
      .post(sendPath)
      .reply(200, successBody);
    await expect(send(baseConfig(), { to: '8613800138000' })).resolves.toEqual({ sid: '3310228982', count: 1, fee: 0.05 });
    expect(scope.isDone()).toBe(true);
    expect(unmatchedRequests).toEqual([]);
  });

  test('DNS failure, then success: retried once (exactly 2 calls)', async () => {
    const scope = nock(endpoint)
      .post(sendPath)
      .replyWithError(socketError('ENOTFOUND'))
      .post(sendPath)
      .reply(200, successBody);
    await expect(send(baseConfig(), { to: '8613800138000' })).resolves.toMatchObject({ sid: '3310228982' });
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
    expect(dataOf(error).errorDescription).toMatch(/Could not talk to YunPian \(ECONNREFUSED\)\. Nothing was sent/);
  });

  test('a real closed port: General, quickly', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await rejectionOf(send(baseConfig({ endpoint: `http://127.0.0.1:${port}` }), { to: '8613800138000' }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataOf(error)).toMatchObject({ provider: 'yunpian' });
    expect(dataOf(error).errorDescription).toMatch(/ECONNREFUSED/);
  });

  test('a reset after sending is not retried (exactly 1 call)', async () => {
    const scope = nock(endpoint).post(sendPath).replyWithError(socketError('ECONNRESET'));
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(unmatchedRequests).toEqual([]);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataOf(error).errorDescription).toMatch(/may or may not have been sent/);
  });

  test.each([
    ['a 5xx', 502, '<html>Bad Gateway</html>', ConnectorErrorCodes.General],
    ['a YunPian system error', 400, { code: -51, msg: '系统繁忙' }, ConnectorErrorCodes.General],
    ['a rate limit', 400, { code: 8, msg: '同一手机号30秒内重复提交相同的内容' }, ConnectorErrorCodes.RateLimitExceeded],
    ['an account rate limit', 400, { code: -5, msg: '访问频率超限' }, ConnectorErrorCodes.RateLimitExceeded],
  ])('%s is not retried (exactly 1 call)', async (_name, status, body, errorCode) => {
    const scope = nock(endpoint).post(sendPath).reply(status, typeof body === 'string' ? body : JSON.stringify(body));
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(unmatchedRequests).toEqual([]);
    expect(error.code).toBe(errorCode);
  });
});
