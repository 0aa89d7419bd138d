import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ConnectorError, type SmsConnector } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

import createConnector from '../src/index.js';

export const endpoint = 'https://sms.yunpian.com';
export const sendPath = '/v2/sms/single_send.json';
export const apikey = '0123456789abcdef0123456789abcdef';

export const successBody = {
  code: 0,
  msg: '发送成功',
  count: 1,
  fee: 0.05,
  unit: 'RMB',
  mobile: '13800138000',
  sid: 3_310_228_982,
};

export const allUsageTypes = [
  'SignIn',
  'Register',
  'ForgotPassword',
  'Generic',
  'OrganizationInvitation',
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
] as const;

export const baseConfig = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  apikey,
  templates: [
    { usageType: 'SignIn', content: '【示例】您的登录验证码是#code#，5分钟内有效。' },
    { usageType: 'Register', content: '【示例】您的注册验证码是{{code}}。' },
    { usageType: 'ForgotPassword', content: '【示例】您正在重置密码，验证码#code#。' },
    { usageType: 'Generic', content: '【示例】您的验证码是#code#。' },
  ],
  ...overrides,
});

export const connectorWith = async (savedConfig?: unknown): Promise<SmsConnector> =>
  createConnector({
    getConfig: async () => {
      if (savedConfig === undefined) throw new Error('getConfig must not be called');
      return savedConfig;
    },
  });

/** Sends like Logto's sign-in flow: the saved config is read through getConfig. */
export const send = async (
  config: unknown,
  data: { to: string; type?: string; payload?: Record<string, unknown> }
): Promise<unknown> => {
  const connector = await connectorWith(config);
  return connector.sendMessage({
    to: data.to,
    type: (data.type ?? 'SignIn') as never,
    payload: (data.payload ?? { code: '123456' }) as never,
  });
};

/** The ConnectorError a promise rejects with (fails the test if it resolves or throws anything else). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<ConnectorError> => {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error })
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.error).toBeInstanceOf(ConnectorError);
  return outcome.error as ConnectorError;
};

export const dataOf = (error: ConnectorError) => error.data as Record<string, unknown>;

/** Every request nock saw that matched no interceptor (with net connect disabled, none may occur). */
export const unmatchedRequests: string[] = [];
nock.emitter.on('no match', (request: { method?: string; path?: string; href?: string }) => {
  unmatchedRequests.push(`${request.method ?? '?'} ${request.href ?? request.path ?? '?'}`);
});

/**
 * A Node-style connection error for `replyWithError`. nock 14 only emits Error instances; a plain
 * `{ code }` object leaves the request hanging until the timeout.
 */
export const socketError = (code: string): Error => Object.assign(new Error(`${code} (simulated)`), { code });

export type CapturedRequest = { path: string; headers: Record<string, unknown>; body: string };

/** One YunPian call that records the exact request it received. */
export const mockYunpian = (
  status: number,
  body: unknown,
  options: { origin?: string; headers?: Record<string, string> } = {}
) => {
  const captured: CapturedRequest[] = [];
  const scope = nock(options.origin ?? endpoint)
    .post(sendPath)
    .reply(function (this: { req: { headers: Record<string, unknown> } }, path, requestBody) {
      captured.push({ path, headers: this.req.headers, body: String(requestBody) });
      return [status, typeof body === 'string' ? body : JSON.stringify(body), options.headers ?? { 'content-type': 'application/json;charset=utf-8' }];
    });
  return { scope, captured };
};

const openServers: http.Server[] = [];

/** A local server that accepts requests and never answers; counts what it received. */
export const startHungServer = async () => {
  const received: string[] = [];
  const server = http.createServer((request) => {
    received.push(`${request.method ?? ''} ${request.url ?? ''}`);
    request.resume();
  });
  openServers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
};

/** A loopback port nothing listens on any more. */
export const closedPort = async (): Promise<number> => {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
};

/**
 * For test files that use nock and loopback servers together: no request may leave the machine,
 * unmatched ones are recorded, and every server a test started is closed after it.
 */
export const isolateNetworkPerTest = () => {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    unmatchedRequests.length = 0;
  });

  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await Promise.all(
      openServers.splice(0).map(async (server) => {
        server.closeAllConnections();
        server.close();
        await once(server, 'close');
      })
    );
  });
};
