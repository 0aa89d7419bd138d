// Canary secrets and a canary code through every kind of failure: none may reach an error's
// message, data, stack or cause, nor the console (connectors log nothing).
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  captureOutput,
  failureOf,
  formsOf as encodedForms,
  startHungServer,
} from '../../../tests/support/index.js';
import { errorRules } from '../src/errors.js';
import { createAliyunMasConnector } from '../src/index.js';

import { connectorWith, dypnsOrigin, sendData } from './helpers.js';

// Every character the project's encoders treat differently (~ ! ' ( ) * among them), so a form
// that one encoder produces and the redactor misses shows up.
const secret = `MAS-CANARY-SECRET/q+7=Lm~!'()*"\\&%`;
const token = `MAS-CANARY-STS+r/5=Tn~!'()*"\\&%`;
const code = '582047';

const rfc3986 = (value: string) =>
  encodeURIComponent(value).replaceAll(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );
// Every form the shared redactor must catch (tests/support/canaries.ts), and base64 for good measure.
const formsOf = (value: string) => [...encodedForms(value), Buffer.from(value).toString('base64')];
const canaryForms = [...new Set([secret, token, code].flatMap((value) => formsOf(value)))];
const findCanary = (text: string) => canaryForms.find((form) => text.includes(form));

const config = {
  accessKeyId: 'LTAI5tCanaryKeyId',
  accessKeySecret: secret,
  securityToken: token,
  signName: '速通互联验证码',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    templateCode: '100001',
  })),
  timeout: 1000,
};

// What a hostile or buggy answer could echo: every secret in every encoding the project produces,
// and the signed string.
const echo = `${secret} ${encodedForms(secret).join(' ')} ${token} ${encodedForms(token).join(' ')} ${code} server string to sign is:POST&%2F&SecurityToken%3D${rfc3986(
  rfc3986(token)
)}%26TemplateParam%3D%257B%2522code%2522%253A%2522${code}%2522%257D`;

const output = captureOutput();

beforeAll(() => {
  nock.disableNetConnect();
  output.start();
});
afterEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
});
afterAll(() => {
  output.stop();
});

const expectClean = (error: unknown, label: string): ConnectorError => {
  expect(error, label).toBeInstanceOf(ConnectorError);
  const connectorError = error as ConnectorError;
  for (const text of [
    connectorError.message,
    JSON.stringify(connectorError.data ?? null),
    connectorError.stack ?? '',
    String(connectorError.cause ?? ''),
  ]) {
    expect(findCanary(text), label).toBeUndefined();
  }
  return connectorError;
};

const send = async (
  overrides: Record<string, unknown> = {},
  to = '8613800138000',
  payload?: Record<string, unknown>
) => connectorWith({ ...config, ...overrides }).sendMessage(sendData(to, payload ?? { code }));

// One code per table row (the first listed, or a sample for a pattern), plus an unknown one.
const samples = [
  'Throttling.User',
  'InvalidAccessKeyId.NotFound',
  'InvalidSecurityToken.Expired',
  'Forbidden.RAM',
  'InvalidApi.NotFound',
  'MissingPhoneNumber',
];
const codes = errorRules.map(({ match }) =>
  typeof match === 'string'
    ? match
    : match instanceof RegExp
      ? samples.find((sample) => match.test(sample))!
      : match[0]!
);

describe('no canary escapes', () => {
  it.each(['ACS3-HMAC-SHA256', 'HMAC-SHA1'])(
    'any Aliyun code, prefixed or not, echoing the secrets (%s)',
    async (signatureAlgorithm) => {
      for (const aliyunCode of [
        ...codes,
        ...codes.map((bare) => `isv.${bare}`),
        'isv.UNKNOWN_NEW_CODE',
      ]) {
        const throttled = aliyunCode.startsWith('Throttling');
        const scope = nock(dypnsOrigin)
          .post('/')
          .query(true)
          .times(throttled ? 2 : 1)
          .reply(throttled ? 400 : 200, {
            RequestId: `req-${code}`,
            Code: aliyunCode,
            Message: echo,
            Success: false,
          });

        const error = expectClean(
          await failureOf(async () => send({ signatureAlgorithm })),
          aliyunCode
        );
        expect(scope.isDone(), aliyunCode).toBe(true);
        expect(error.data).toMatchObject({ providerCode: aliyunCode });
      }
    }
  );

  it.each([
    [200, JSON.stringify({ Code: 'OK', Success: false, Message: echo, RequestId: code })],
    [
      200,
      JSON.stringify({ Code: 'OK', Success: true, Model: { VerifyCode: code, BizId: secret } }),
    ],
    [500, `<html>${echo}</html>`],
    [200, `<html>${echo}</html>`],
  ])('HTTP %s with an odd or contradictory body', async (status, body) => {
    const scope = nock(dypnsOrigin).post('/').query(true).reply(status, body);
    const outcome = await failureOf(async () => send()).catch(() => undefined);
    expect(scope.isDone()).toBe(true);
    // The second answer is a success: its result must not carry the echoed secret either.
    if (outcome instanceof ConnectorError) {
      expectClean(outcome, `HTTP ${status}`);
    }
  });

  it('a success result never carries Model.VerifyCode', async () => {
    const scope = nock(dypnsOrigin)
      .post('/')
      .query(true)
      .reply(200, {
        Code: 'OK',
        Success: true,
        RequestId: 'R',
        Model: { VerifyCode: code, BizId: 'B' },
      });
    const result = await send();
    expect(scope.isDone()).toBe(true);
    expect(JSON.stringify(result)).not.toContain(code);
  });

  it('transport failures: reset, timeout', async () => {
    const reset = nock(dypnsOrigin)
      .post('/')
      .query(true)
      .replyWithError(
        Object.assign(new Error(`socket hang up ${token} ${code}`), { code: 'ECONNRESET' })
      );
    expectClean(await failureOf(async () => send()), 'reset');
    expect(reset.isDone()).toBe(true);

    nock.enableNetConnect('127.0.0.1');
    const server = await startHungServer();
    try {
      expectClean(
        await failureOf(async () => send({ endpoint: server.url, timeout: 300 })),
        'timeout'
      );
    } finally {
      await server.close();
    }
  });

  it('config and request errors, including a secret typed into the wrong field', async () => {
    for (const [label, overrides] of [
      ['secret as endpoint', { endpoint: secret }],
      ['secret as algorithm', { signatureAlgorithm: secret }],
      ['secret as minutes', { codeValidMinutes: secret }],
      [
        'secret as fixedParams key',
        {
          templates: [
            ...config.templates,
            { usageType: 'BindMfa', templateCode: '1', fixedParams: { [secret]: 'x' } },
          ],
        },
      ],
      ['secret with a space', { accessKeySecret: `${secret} x` }],
    ] as const) {
      const error = expectClean(await failureOf(async () => send(overrides)), label);
      expect(error.code, label).toBe(ConnectorErrorCodes.InvalidConfig);
    }
    expectClean(await failureOf(async () => send({}, '85261234567')), 'number abroad');
    expectClean(
      await failureOf(async () => send({}, '8613800138000', { code: `${code}-${secret}` })),
      'bad code'
    );
  });

  it('an unexpected failure while reading the saved config', async () => {
    const connector = createAliyunMasConnector(async () => {
      throw new Error(`database said ${secret} ${token} ${code}`);
    });
    expectClean(
      await failureOf(async () => connector.sendMessage(sendData('8613800138000', { code }))),
      'getConfig throws'
    );
  });

  it('nothing was logged, and nothing written to stdout or stderr holds a canary', () => {
    expect(output.consoleLines).toEqual([]);
    for (const chunk of output.stdioChunks) {
      expect(findCanary(chunk)).toBeUndefined();
    }
  });
});
