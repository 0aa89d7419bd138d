// Canary values for the SecretKey, the STS token and the code, driven through every error path:
// none may surface in an error (message, data, stack, cause). What reaches the console and stdio is
// checked over real sockets by tests/reliability/secrets.test.ts.
import { type ConnectorError, type TemplateType } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  closeLoopbackServers,
  formsOf as encodedForms,
  startHungServer,
} from '../../../tests/support/index.js';

import { connectorWith, errorBody, rejectionOf, sendData, tencentOrigin } from './helpers.js';

// Every character the project's encoders treat differently (~ ! ' ( ) * among them), so a form
// that one encoder produces and the redactor misses shows up.
const secret = `CANARY-SECRET/k+9=Zq~!'()*"\\&%`;
const token = `CANARY-STS-TOKEN+t/8=Wx~!'()*"\\&%`;
const code = '739146';

// Every form the shared redactor must catch (tests/support/canaries.ts), and base64 for good measure.
const formsOf = (value: string) => [...encodedForms(value), Buffer.from(value).toString('base64')];
const canaryForms = [...new Set([secret, token, code].flatMap((value) => formsOf(value)))];
const findCanary = (text: string) => canaryForms.find((form) => text.includes(form));

const config = {
  accessKeyId: 'AKIDCanaryKeyId',
  accessKeySecret: secret,
  securityToken: token,
  signName: 'Canary',
  sdkAppId: '1400000000',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    templateCode: '1',
  })),
  timeout: 500,
};

const echo = `echo ${secret} ${encodedForms(secret).join(' ')} ${token} ${encodedForms(token).join(' ')} code ${code} TemplateParamSet ["${code}"]`;

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(async () => {
  nock.cleanAll();
  nock.disableNetConnect();
  await closeLoopbackServers();
});

const expectClean = (error: ConnectorError, label: string) => {
  const surfaces = [
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(error.data ?? null),
    String((error as { cause?: unknown }).cause ?? ''),
  ];
  for (const surface of surfaces) {
    expect(findCanary(surface), `${label}: ${surface.slice(0, 200)}`).toBeUndefined();
  }
};

const bodies: Array<[string, number, string]> = [
  ['whole-request error quoting everything', 200, errorBody('AuthFailure.SignatureFailure', echo)],
  [
    'per-number status quoting everything',
    200,
    JSON.stringify({
      Response: {
        SendStatusSet: [{ Code: 'FailedOperation.TemplateIncorrectOrUnapproved', Message: echo }],
        RequestId: echo,
      },
    }),
  ],
  ['unknown code quoting everything', 200, errorBody(`Weird.${code}`, echo, echo)],
  ['5xx with the echo', 502, errorBody('InternalError', echo)],
  ['HTML page with the echo', 200, `<html>${echo}</html>`],
  ['rate limit twice, retried', 200, errorBody('RequestLimitExceeded', echo)],
];

describe('canary secrets never leave the connector', () => {
  it.each(bodies)('%s', async (label, status, body) => {
    const scope = nock(tencentOrigin)
      .post('/')
      .times(label.includes('twice') ? 2 : 1)
      .reply(status, body);
    const error = await rejectionOf(async () =>
      connectorWith(config).sendMessage(sendData('8613800138000', { code }))
    );
    expect(scope.isDone()).toBe(true);
    expectClean(error, label);
  });

  // A real loopback server that never answers (a nock delay looks like a connect hang, so it would
  // take the retry path, not the response-timeout one).
  it('a silent Tencent (timeout)', async () => {
    nock.enableNetConnect('127.0.0.1');
    const server = await startHungServer();
    const error = await rejectionOf(async () =>
      connectorWith({ ...config, endpoint: server.url }).sendMessage(
        sendData('8613800138000', { code })
      )
    );
    expect(server.requests).toHaveLength(1);
    expect(error.message).toMatch(/may or may not have been sent/);
    expectClean(error, 'timeout');
  });

  it('a network error whose message quotes the request', async () => {
    const scope = nock(tencentOrigin)
      .post('/')
      .replyWithError(Object.assign(new Error(echo), { code: 'ECONNRESET' }));
    const error = await rejectionOf(async () =>
      connectorWith(config).sendMessage(sendData('8613800138000', { code }))
    );
    expect(scope.isDone()).toBe(true);
    expectClean(error, 'network');
  });

  it('secrets typed into the wrong fields of an invalid config', async () => {
    const error = await rejectionOf(async () =>
      connectorWith({
        ...config,
        sdkAppId: secret,
        region: token,
        endpoint: secret,
        signName: `【${secret}】`,
      }).sendMessage(sendData('8613800138000', { code }))
    );
    expectClean(error, 'invalid config');
  });

  it('a malformed number and an unknown usage type', async () => {
    for (const data of [
      sendData(`+86${code}`, { code }),
      sendData('8613800138000', { code }, 'Nope' as TemplateType),
    ]) {
      const error = await rejectionOf(async () =>
        connectorWith({ ...config, templates: config.templates.slice(0, 3) }).sendMessage(data)
      );
      expectClean(error, 'request');
    }
  });
});
