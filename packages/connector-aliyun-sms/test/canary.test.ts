// Canary values for every secret and the code, driven through every error path: none may surface in
// an error (message, data, stack, cause) or in anything written to the console or stdio.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  captureOutput,
  failureOf,
  closedPortUrl,
  startHungServer,
  formsOf as encodedForms,
} from '../../../tests/support/index.js';
import { errorRules } from '../src/errors.js';
import { createAliyunSmsConnector } from '../src/index.js';

import { aliyunOrigin, connectorWith, sendData } from './helpers.js';

// Every character the project's encoders treat differently (~ ! ' ( ) * among them), so a form
// that one encoder produces and the redactor misses shows up.
const secret = `CANARY-SECRET/k+9=Zq~!'()*"\\&%`;
const token = `CANARY-STS-TOKEN+t/8=Wx~!'()*"\\&%`;
const code = '739146';

const rfc3986 = (value: string) =>
  encodeURIComponent(value).replaceAll(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );
const formsOf = (value: string) => [...encodedForms(value), Buffer.from(value).toString('base64')];
const canaryForms = [...new Set([secret, token, code].flatMap((value) => formsOf(value)))];

const findCanary = (text: string): string | undefined =>
  canaryForms.find((form) => text.includes(form));

const config = {
  accessKeyId: 'LTAI5tCanaryKeyId',
  accessKeySecret: secret,
  securityToken: token,
  signName: 'Canary',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    templateCode: 'SMS_1',
  })),
  timeout: 1000,
};

const message = (base: string) =>
  `${base} ${secret} ${formsOf(secret).join(' ')} ${token} ${formsOf(token).join(' ')} code ${code} ` +
  `server string to sign is:POST&%2F&SecurityToken%3D${rfc3986(rfc3986(token))}%26TemplateParam%3D%257B%2522code%2522%253A%2522${code}%2522%257D`;

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

const checked: string[] = [];

const expectClean = (error: unknown, label: string) => {
  expect(error, label).toBeInstanceOf(ConnectorError);
  const connectorError = error as ConnectorError;
  const surfaces = {
    message: connectorError.message,
    json: JSON.stringify(connectorError),
    data: JSON.stringify(connectorError.data ?? null),
    stack: connectorError.stack ?? '',
    cause:
      connectorError.cause === undefined
        ? ''
        : `${String(connectorError.cause)} ${JSON.stringify(connectorError.cause)}`,
  };
  for (const [surface, text] of Object.entries(surfaces)) {
    expect(findCanary(text), `${label}: ${surface}`).toBeUndefined();
  }
  checked.push(label);
  return connectorError;
};

const send = async (
  overrides: Record<string, unknown> = {},
  to = '8613800138000',
  payload?: Record<string, unknown>
) => connectorWith({ ...config, ...overrides }).sendMessage(sendData(to, payload ?? { code }));

// A representative code for every row of the table, plus one unknown code.
const codes = errorRules.map(({ match }) => {
  if (typeof match === 'string') {
    return match;
  }
  if (!(match instanceof RegExp)) {
    return match[0]!;
  }
  const samples: Record<string, string> = {
    Throttling: 'Throttling.User',
    InvalidAccessKeyId: 'InvalidAccessKeyId.NotFound',
    InvalidSecurityToken: 'InvalidSecurityToken.Expired',
    Forbidden: 'Forbidden.RAM',
    'isv\\.PRODUCT_UN': 'isv.PRODUCT_UN_SUBSCRIPT',
    'isv\\.ACCOUNT_': 'isv.ACCOUNT_ABNORMAL',
    'isv\\.SMS_TEST_': 'isv.SMS_TEST_NUMBER_LIMIT',
    InvalidApi: 'InvalidApi.NotFound',
    Missing: 'MissingPhoneNumbers',
  };
  const { source } = match;
  const key = Object.keys(samples).find((candidate) => source.includes(candidate));
  return samples[key!]!;
});

describe('no canary escapes', () => {
  it.each(['ACS3-HMAC-SHA256', 'HMAC-SHA1'])(
    'every Aliyun error code (%s)',
    async (signatureAlgorithm) => {
      for (const aliyunCode of [...codes, 'isv.UNKNOWN_NEW_CODE']) {
        const status = /^(?:isv|isp)\./.test(aliyunCode) ? 200 : 400;
        const scope = nock(aliyunOrigin)
          .post('/')
          .query(true)
          .times(aliyunCode.startsWith('Throttling') ? 2 : 1)
          .reply(status, {
            RequestId: `req-${code}`,
            Code: aliyunCode,
            Message: message('Refused:'),
          });

        const error = await failureOf(async () => send({ signatureAlgorithm }));
        expect(scope.isDone(), aliyunCode).toBe(true);
        const connectorError = expectClean(error, `${signatureAlgorithm} ${aliyunCode}`);
        expect(connectorError.data).toMatchObject({ providerCode: aliyunCode });
      }
    }
  );

  it.each([
    [500, () => `<html>${message('boom')}</html>`],
    [
      503,
      () =>
        JSON.stringify({ RequestId: code, Code: 'ServiceUnavailable', Message: message('down') }),
    ],
    [200, () => `<html>${message('proxy page')}</html>`],
    [200, () => JSON.stringify({ RequestId: code, Message: message('no code') })],
    [404, () => JSON.stringify({ error: message('nope') })],
  ])('HTTP %s with an odd body', async (status, body) => {
    const scope = nock(aliyunOrigin).post('/').query(true).reply(status, body());
    const error = await failureOf(async () => send());
    expect(scope.isDone()).toBe(true);
    expectClean(error, `HTTP ${status}`);
  });

  it('transport: refused twice, reset, timeout, closed port', async () => {
    const refused = nock(aliyunOrigin)
      .post('/')
      .query(true)
      .times(2)
      .replyWithError(
        Object.assign(new Error(`connect ECONNREFUSED ${secret}`), { code: 'ECONNREFUSED' })
      );
    expectClean(await failureOf(async () => send()), 'refused');
    expect(refused.isDone()).toBe(true);

    const reset = nock(aliyunOrigin)
      .post('/')
      .query(true)
      .replyWithError(
        Object.assign(new Error(`socket hang up ${token} ${code}`), { code: 'ECONNRESET' })
      );
    expectClean(await failureOf(async () => send({ signatureAlgorithm: 'HMAC-SHA1' })), 'reset');
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
    expectClean(
      await failureOf(async () => send({ endpoint: await closedPortUrl() })),
      'closed port'
    );
  });

  it('config errors, including a secret typed into the wrong field', async () => {
    for (const [label, overrides] of [
      ['bad endpoint', { endpoint: 'https://example.com' }],
      ['secret as endpoint', { endpoint: secret }],
      ['secret as algorithm', { signatureAlgorithm: secret }],
      ['secret as timeout', { timeout: secret }],
      [
        'secret as codeParamName',
        {
          templates: [
            ...config.templates,
            { usageType: 'BindMfa', templateCode: 'SMS_2', codeParamName: secret },
          ],
        },
      ],
      [
        'secret as locale',
        {
          templates: [
            ...config.templates,
            { usageType: 'BindMfa', templateCode: 'SMS_2', locale: secret },
          ],
        },
      ],
      ['secret with a space', { accessKeySecret: `${secret} x` }],
      ['token with a space', { securityToken: `${token} x` }],
      ['missing templates', { templates: [] }],
    ] as const) {
      const error = expectClean(await failureOf(async () => send(overrides)), label);
      expect(error.code, label).toBe(ConnectorErrorCodes.InvalidConfig);
    }
  });

  it('request errors: bad number, no code, a bad code', async () => {
    expectClean(await failureOf(async () => send({}, `${code}abc`)), 'bad number');
    expectClean(await failureOf(async () => send({}, '8613800138000', {})), 'no code');
    expectClean(
      await failureOf(async () => send({}, '8613800138000', { code: `${code}-${secret}` })),
      'bad code'
    );
  });

  it('an unexpected failure while reading the saved config', async () => {
    const connector = createAliyunSmsConnector(async () => {
      throw new Error(`database said ${secret} ${token} ${code}`);
    });
    expectClean(
      await failureOf(async () => connector.sendMessage(sendData('8613800138000', { code }))),
      'getConfig throws'
    );
  });

  it('nothing was logged, and nothing written contains a canary', () => {
    expect(checked.length).toBeGreaterThan(60);
    expect(output.consoleLines).toEqual([]);
    for (const chunk of output.stdioChunks) {
      expect(findCanary(chunk)).toBeUndefined();
    }
  });
});
