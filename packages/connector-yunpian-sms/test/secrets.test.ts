import type { ConnectorError } from '@logto/connector-kit';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import {
  captureOutput,
  formsOf,
  rejectionOf,
  startHungServer,
} from '../../../tests/support/index.js';
import {
  isolateNetworkPerTest,
  socketError,
  unmatchedRequests,
} from '../../../tests/support/network.js';

import { baseConfig, endpoint, send, sendPath } from './helpers.js';

// Characters that change under percent-encoding, and the ones the encoders disagree on (~ ! ' ( ) *),
// so every encoded echo is exercised too.
const canaryKey = `CANARY-SECRET-key+/=9f8e7d6c5b4a~!'()*"\\&%`;
const canaryCode = '739146';

// The last entry catches a fragment left when a quoted body is cut in the middle of the key.
const canaryForms = [...formsOf(canaryKey), canaryCode, 'CANARY-SECRET'];

const config = (overrides: Record<string, unknown> = {}) =>
  baseConfig({ apikey: canaryKey, ...overrides });
const payload = { code: canaryCode, locale: 'zh-CN' };

/** What YunPian or a proxy might echo back: the raw form body, the key, the rendered text. */
const echoedBody = new URLSearchParams({
  apikey: canaryKey,
  mobile: '13800138000',
  text: `【示例】您的验证码是${canaryCode}。`,
}).toString();
const echo = `apikey=${canaryKey} body=${echoedBody} text=您的验证码是${canaryCode} enc=${formsOf(canaryKey).join(' ')}`;

const output = captureOutput();

beforeAll(() => {
  output.start();
});

afterAll(() => {
  output.stop();
});

isolateNetworkPerTest();

const expectNoCanary = (error: ConnectorError) => {
  const surfaces = {
    message: error.message,
    json: JSON.stringify(error),
    data: JSON.stringify(error.data),
    stack: error.stack ?? '',
    cause: String((error as { cause?: unknown }).cause ?? ''),
  };
  for (const [surface, text] of Object.entries(surfaces)) {
    for (const form of canaryForms) {
      expect(text.includes(form), `${surface} contains ${form}: ${text}`).toBe(false);
    }
  }
};

const yunpianReplies: Array<[string, number, string]> = [
  ...[8, 3, -3, 5, -1, 2, 10, -50, 999].map(
    (code) =>
      [
        `code ${code}`,
        400,
        JSON.stringify({
          http_status_code: 400,
          code,
          msg: `msg ${echo}`,
          detail: `detail ${echo}`,
        }),
      ] as [string, number, string]
  ),
  ['non-JSON 400', 400, `Bad Request ${echo}`],
  ['HTML 502', 502, `<html><body>502 ${echo}</body></html>`],
  ['unknown-shape 200', 200, JSON.stringify({ echo, sid: 1 })],
  ['long non-JSON 404 cut mid-secret', 404, `${'x'.repeat(140)}${canaryKey}${canaryKey}`],
  ['empty 200', 200, ''],
];

describe('no secret or code in any error, log line or cause', () => {
  test.each(yunpianReplies)('YunPian answer: %s', async (_name, status, body) => {
    const scope = nock(endpoint).post(sendPath).reply(status, body);
    const error = await rejectionOf(send(config(), { to: '8613800138000', payload }));
    expect(scope.isDone()).toBe(true);
    expectNoCanary(error);
  });

  test.each([
    ['templates missing', config({ templates: [] })],
    ['endpoint refused', config({ endpoint: 'http://sms.yunpian.com' })],
    ['bad timeout', config({ timeout: 5 })],
    [
      'content without placeholder',
      config({ templates: [{ usageType: 'Generic', content: canaryCode }] }),
    ],
  ])('config error: %s', async (_name, badConfig) => {
    const error = await rejectionOf(send(badConfig, { to: '8613800138000', payload }));
    expectNoCanary(error);
    expect(unmatchedRequests).toEqual([]);
  });

  test.each([
    ['international while off', '85261234567', payload],
    ['malformed number', '86abc', payload],
    ['missing code', '8613800138000', { locale: 'en' }],
  ])('request error: %s', async (_name, to, sendPayload) => {
    const error = await rejectionOf(send(config(), { to, payload: sendPayload }));
    expectNoCanary(error);
    expect(unmatchedRequests).toEqual([]);
  });

  test.each([
    ['refused twice', ['ECONNREFUSED', 'ECONNREFUSED']],
    ['reset', ['ECONNRESET']],
    ['DNS failure twice', ['ENOTFOUND', 'EAI_AGAIN']],
  ])('transport error: %s', async (_name, codes) => {
    let scope = nock(endpoint);
    for (const code of codes) {
      // The socket error's own message quotes the canary: it must not be passed on.
      scope = scope
        .post(sendPath)
        .replyWithError(Object.assign(socketError(code), { message: `${code} ${echo}` }));
    }
    const error = await rejectionOf(send(config(), { to: '8613800138000', payload }));
    expect(scope.isDone()).toBe(true);
    expectNoCanary(error);
  });

  test('transport error: timeout', async () => {
    const { url: origin } = await startHungServer();
    const error = await rejectionOf(
      send(config({ endpoint: origin, timeout: 300 }), { to: '8613800138000', payload })
    );
    expectNoCanary(error);
  });

  test('oversized answer', async () => {
    const scope = nock(endpoint)
      .post(sendPath)
      .reply(200, `${echo}${'x'.repeat(2 * 1024 * 1024)}`);
    const error = await rejectionOf(send(config(), { to: '8613800138000', payload }));
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe('invalid_response');
    expectNoCanary(error);
  });

  test('the connector wrote nothing to the console or stdout/stderr', () => {
    expect([...output.consoleLines, ...output.stdioChunks]).toEqual([]);
  });
});
