/**
 * How each kind of YunPian answer (success, refusal codes, non-JSON and HTTP failures) ends up for
 * Logto; split from send.test.ts, which covers the request side.
 */
import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { errorData, rejectionOf } from '../../../tests/support/index.js';
import { unmatchedRequests } from '../../../tests/support/network.js';
import { errorRules } from '../src/errors.js';

import { baseConfig, mockYunpian, send } from './helpers.js';

// Typed as unknown: vitest types its asymmetric matchers as any.
const anyText: unknown = expect.any(String);

beforeEach(() => {
  nock.disableNetConnect();
  unmatchedRequests.length = 0;
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('YunPian answers', () => {
  test('success returns sid (exact, as a string), count and fee', async () => {
    const { scope } = mockYunpian(
      200,
      '{"code":0,"msg":"发送成功","count":2,"fee":0.1,"unit":"RMB","mobile":"13800138000","sid":9007199254740993}'
    );
    await expect(send(baseConfig(), { to: '8613800138000' })).resolves.toEqual({
      sid: '9007199254740993',
      count: 2,
      fee: 0.1,
      mobile: '13800138000',
      template: anyText,
    });
    expect(scope.isDone()).toBe(true);
  });

  const categories: Array<[ConnectorErrorCodes, number[]]> = [
    [ConnectorErrorCodes.RateLimitExceeded, [8, 9, 17, 22, 33, 43, 53, -4, -5]],
    [ConnectorErrorCodes.UsageLimitExceeded, [3]],
    [
      ConnectorErrorCodes.InvalidConfig,
      [4, 5, 7, 15, 16, 18, 21, 23, 27, 40, 55, 60, -1, -2, -3, -6, -11, -57, -62],
    ],
    [ConnectorErrorCodes.InvalidRequestParameters, [1, 2, 10, 11, 12, 14, 19, 20, 25, 48, 56, 58]],
    [ConnectorErrorCodes.General, [13, 28, -50, -51, -53, 999, -999, 6]],
  ];
  const cases = categories.flatMap(([errorCode, codes]) =>
    codes.map((code) => [code, errorCode] as const)
  );

  test.each(cases)(
    'code %i → %s, with msg, detail, hint, providerCode and HTTP status',
    async (code, errorCode) => {
      const { scope } = mockYunpian(400, {
        http_status_code: 400,
        code,
        msg: `msg-${code}`,
        detail: `detail-${code}`,
      });
      const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
      expect(scope.isDone()).toBe(true);
      expect(error.code).toBe(errorCode);
      const data = errorData(error);
      expect(data).toMatchObject({ provider: 'yunpian', providerCode: code, httpStatus: 400 });
      expect(data.errorDescription).toContain(`code ${code}: msg-${code} — detail-${code}.`);
      expect(data.errorDescription).toContain(String(data.hint));
      expect(String(data.hint).length).toBeGreaterThan(20);
    }
  );

  test('every listed code belongs to exactly one table row', () => {
    const listed = categories
      .slice(0, 5)
      .flatMap(([, codes]) => codes)
      .filter((code) => ![999, -999, 6].includes(code));
    for (const code of listed) {
      const rows = errorRules.filter(({ match }) =>
        Array.isArray(match) ? match.includes(code) : match === code
      );
      expect(rows, `code ${code}`).toHaveLength(1);
    }
  });

  test.each([
    [
      -3,
      'IP没有权限',
      'IP 203.0.113.7 未加入白名单,可在后台‘系统设置->IP白名单设置’里添加',
      /系统设置 → IP白名单/,
    ],
    [
      5,
      '未找到匹配的模板',
      '未自动匹配到合适的模板',
      /match an approved YunPian template exactly, including the signature/,
    ],
    [3, '账户余额不足', '账户需要充值,请充值后重试', /recharge the account/],
    [-1, '非法的apikey', '请检查您的apikey是否正确，或者账户已经失效', /Check apikey/],
  ])('code %i explains the fix', async (code, message, detail, hint) => {
    const { scope } = mockYunpian(400, { http_status_code: 400, code, msg: message, detail });
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(errorData(error).errorDescription).toContain(`${message} — ${detail}`);
    expect(errorData(error).errorDescription).toMatch(hint);
  });

  test('a refusal inside an HTTP 200 is still a refusal', async () => {
    const { scope } = mockYunpian(200, {
      code: 9,
      msg: '同一手机号5分钟内重复提交相同的内容超过3次',
    });
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(errorData(error)).toMatchObject({ providerCode: 9, httpStatus: 200 });
    expect(errorData(error).errorDescription).toContain(
      'code 9: 同一手机号5分钟内重复提交相同的内容超过3次.'
    );
  });

  test('a refusal without msg or detail still names the code', async () => {
    const { scope } = mockYunpian(400, { code: -51 });
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(errorData(error).errorDescription).toMatch(
      /^YunPian refused the message with code -51\. /
    );
    expect(errorData(error)).not.toHaveProperty('providerMessage');
  });

  test.each([
    [
      'a non-JSON 400',
      400,
      'Bad Request: apikey',
      { 'content-type': 'text/plain' },
      ConnectorErrorCodes.InvalidResponse,
    ],
    [
      'an HTML 502',
      502,
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      { 'content-type': 'text/html' },
      ConnectorErrorCodes.General,
    ],
    ['an empty 200', 200, '', {}, ConnectorErrorCodes.InvalidResponse],
    [
      'an unknown-shaped 200',
      200,
      '{"result":{"count":1}}',
      { 'content-type': 'application/json' },
      ConnectorErrorCodes.InvalidResponse,
    ],
    [
      'an HTML 200 (captive portal / wrong host)',
      200,
      '<!doctype html><title>Login</title>',
      { 'content-type': 'text/html' },
      ConnectorErrorCodes.InvalidResponse,
    ],
    [
      'a 301 redirect (not followed)',
      301,
      '',
      { location: 'https://www.yunpian.com/' },
      ConnectorErrorCodes.InvalidResponse,
    ],
    [
      'a JSON 503 with a YunPian code',
      503,
      '{"code":-51,"msg":"系统繁忙"}',
      { 'content-type': 'application/json' },
      ConnectorErrorCodes.General,
    ],
    // eslint-disable-next-line max-params -- test.each spreads each table row into the callback's arguments
  ])('%s → %s', async (_name, status, body, headers, errorCode) => {
    const { scope } = mockYunpian(status, body, { headers });
    const error = await rejectionOf(send(baseConfig(), { to: '8613800138000' }));
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(errorCode);
    expect(errorData(error)).toMatchObject({ provider: 'yunpian', httpStatus: status });
  });
});
