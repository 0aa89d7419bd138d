import { createHash, createHmac } from 'node:crypto';

import { type SendMessageData, TemplateType } from '@logto/connector-kit';
import nock from 'nock';
import { expect } from 'vitest';

import type { ClientOptions } from '../src/client.js';
import { createAliyunSmsConnector } from '../src/index.js';

export const aliyunOrigin = 'https://dysmsapi.aliyuncs.com';
export const fixedNonce = '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf';
export const fixedDate = new Date('2024-01-01T00:00:00Z');
export const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The Vector D account: `testid` / `testsecret`, signature 阿里云短信测试, template SMS_154950909. */
export const vectorConfig = {
  accessKeyId: 'testid',
  accessKeySecret: 'testsecret',
  signName: '阿里云短信测试',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    templateCode: 'SMS_154950909',
  })),
};

export const okAnswer = {
  RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
  Code: 'OK',
  Message: 'OK',
  BizId: '900619746936498440^0',
};

export const fixedClock: ClientOptions = { now: () => fixedDate, nonce: () => fixedNonce };

export const sendData = (
  to: string,
  payload?: Record<string, unknown>,
  type = TemplateType.Generic
) =>
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions, no-restricted-syntax -- tests send what connector-kit's types exclude (a missing or mistyped code), as a raw request to Logto could
  ({ to, type, payload: payload ?? { code: '123456' } }) as SendMessageData;

/** A connector whose saved config is `config` (sign-in path) and whose clock and nonce may be fixed. */
export const connectorWith = (config: unknown, clientOptions?: ClientOptions) =>
  createAliyunSmsConnector(async () => config, clientOptions);

export type CapturedRequest = {
  method: string;
  /** Path and query exactly as sent. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

type Reply = {
  status: number;
  body: string | Record<string, unknown>;
  headers?: Record<string, string>;
};

/**
 * Intercepts `count` POSTs to the endpoint, recording each request and answering with the
 * replies in order (the last one repeats).
 */
export const interceptAliyun = (
  replies: Reply[],
  { origin = aliyunOrigin, count = replies.length } = {}
) => {
  const calls: CapturedRequest[] = [];
  const scope = nock(origin)
    .post('/')
    .query(true)
    .times(count)
    .reply(function (path, body) {
      const reply = replies[Math.min(calls.length, replies.length - 1)];
      if (reply === undefined) {
        throw new Error('The interceptor needs at least one reply.');
      }
      calls.push({
        method: this.req.method,
        path,
        headers: { ...this.req.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return [
        reply.status,
        typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
        reply.headers ?? {},
      ];
    });
  return { scope, calls };
};

export const ok = (): Reply => ({
  status: 200,
  body: okAnswer,
  headers: { 'content-type': 'application/json' },
});

/** Query parameters of a captured V3 request, decoded. */
export const queryOf = (path: string): Record<string, string> =>
  Object.fromEntries(new URL(path, aliyunOrigin).searchParams);

/** Form parameters of a captured V1 request, decoded. */
export const formOf = (body: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(body));

// Written independently of aliyun-pop's signer: the oracles the status tests of both Aliyun
// connectors check the signed QuerySendDetails requests against.
const rfc3986 = (value: string) =>
  encodeURIComponent(value).replaceAll(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );

/** The V3 `Authorization` of a query-string-only POST to `/`, signed with `secret`. */
export const expectedV3Authorization = (
  query: string,
  headers: Record<string, string>,
  secret = 'testsecret'
) => {
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/',
    query,
    ...names.map((name) => `${name}:${headers[name]}`),
    '',
    names.join(';'),
    emptySha256,
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', secret).update(stringToSign).digest('hex');
  return `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${names.join(';')},Signature=${signature}`;
};

/** The V1 form body: the sorted canonical parameters, then their HMAC-SHA1 signature. */
export const expectedV1Body = (canonical: string, secret = 'testsecret') => {
  const signature = createHmac('sha1', `${secret}&`)
    .update(`POST&%2F&${rfc3986(canonical)}`)
    .digest('base64');
  return `${canonical}&Signature=${rfc3986(signature)}`;
};

/**
 * Checks a captured V3 call at the fixed clock and nonce: the parameters in the query, an empty
 * body, the signed headers and the Authorization the oracle computes for them.
 */
export const expectSignedV3Call = (
  call: CapturedRequest | undefined,
  { host, action, query }: { host: string; action: string; query: string }
) => {
  const signed = {
    host,
    'x-acs-action': action,
    'x-acs-content-sha256': emptySha256,
    'x-acs-date': '2024-01-01T00:00:00Z',
    'x-acs-signature-nonce': fixedNonce,
    'x-acs-version': '2017-05-25',
  };
  expect(call?.path).toBe(`/?${query}`);
  expect(call?.body).toBe('');
  expect(call?.headers).toMatchObject({
    ...signed,
    authorization: expectedV3Authorization(query, signed),
  });
};
