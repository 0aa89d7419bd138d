import { readFileSync } from 'node:fs';

import { TemplateType, type SendMessageData } from '@logto/connector-kit';
import nock from 'nock';

import type { ClientOptions } from '../src/client.js';
import { createTencentSmsConnector } from '../src/index.js';

export type Tc3Vector = {
  name: string;
  secretId: string;
  secretKey: string;
  token?: string;
  region?: string;
  language?: string;
  timestamp: number;
  host: string;
  service: string;
  contentType: string;
  body: string;
  bodyHex: string;
  payloadHash: string;
  hashedCanonicalRequest: string;
  date: string;
  signature: string;
  authorization: string;
};

/** The fact sheet's vectors, shared with the sandbox verifier's tests. */
const vectorFile: unknown = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/vectors/tencent-tc3.json', import.meta.url), 'utf8')
);
// eslint-disable-next-line no-restricted-syntax -- the project's own vector file, in this shape
export const tc3Vectors = (vectorFile as { vectors: Tc3Vector[] }).vectors;

export const vector = (prefix: string): Tc3Vector => {
  const found = tc3Vectors.find(({ name }) => name.startsWith(`${prefix}:`));
  if (!found) {
    throw new Error(`no vector ${prefix}`);
  }
  return found;
};

export const tencentOrigin = 'https://sms.tencentcloudapi.com';

/** The vectors' account: Tencent's documented example keys, SdkAppId 1400006666, templates 1110 (domestic) / 2220 (international). */
export const vectorConfig = {
  accessKeyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  accessKeySecret: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  signName: '腾讯云',
  sdkAppId: '1400006666',
  region: 'ap-guangzhou',
  templates: ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    templateCode: { china: '1110', overseas: '2220' },
  })),
};

/** Exactly what `@logto/connector-tencent-sms` 1.4.4 saves: single template IDs, all nine usage types. */
export const officialConfig = {
  accessKeyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  accessKeySecret: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  signName: '腾讯云',
  sdkAppId: '1400006666',
  region: 'ap-guangzhou',
  templates: Object.values(TemplateType).map((usageType) => ({ usageType, templateCode: '1110' })),
};

export const successBody = (
  serialNo = '5000:1045710669157053657849499619',
  requestId = 'a0aabda6-cf91-4f3e-a81f-9198114a2279'
) =>
  JSON.stringify({
    Response: {
      SendStatusSet: [
        {
          SerialNo: serialNo,
          PhoneNumber: '+8613800138000',
          Fee: 1,
          SessionContext: '',
          Code: 'Ok',
          Message: 'send success',
          IsoCode: 'CN',
        },
      ],
      RequestId: requestId,
    },
  });

export const errorBody = (
  code: string,
  message = 'refused',
  requestId = 'ed93f3cb-f35e-473f-b9f3-0d451b8b79c6'
) =>
  JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });

export const statusBody = (
  code: string,
  message = 'refused',
  requestId = 'b09c450b-8159-42d4-ae00-8169f3ffd648'
) =>
  JSON.stringify({
    Response: {
      SendStatusSet: [
        {
          SerialNo: '',
          PhoneNumber: '+8613800138000',
          Fee: 0,
          SessionContext: '',
          Code: code,
          Message: message,
          IsoCode: '',
        },
      ],
      RequestId: requestId,
    },
  });

/** A clock pinned at a Unix time in seconds (the vectors' `timestamp`). */
export const clockAt = (seconds: number): ClientOptions => ({
  now: () => new Date(seconds * 1000),
});

export const sendData = (
  to: string,
  payload?: Record<string, unknown>,
  type: string = TemplateType.Generic
) =>
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions, no-restricted-syntax -- tests send what connector-kit's types exclude (a missing or mistyped code), as a raw request to Logto could
  ({ to, type, payload: payload ?? { code: '123456' } }) as SendMessageData;

/** A connector whose saved config is `config` (the sign-in path), with an optional fixed clock. */
export const connectorWith = (config: unknown, clientOptions?: ClientOptions) =>
  createTencentSmsConnector(async () => config, clientOptions);

export type CapturedRequest = {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

type Reply = { status: number; body: string };

/** Intercepts POSTs to `/`, recording each and answering with `replies` in order (the last repeats). */
export const interceptTencent = (
  replies: Reply[],
  { origin = tencentOrigin, count = replies.length } = {}
) => {
  const calls: CapturedRequest[] = [];
  const scope = nock(origin)
    .post('/')
    .times(count)
    .reply(function (path, body) {
      const reply = replies[Math.min(calls.length, replies.length - 1)];
      if (reply === undefined) {
        throw new Error('The interceptor needs at least one reply.');
      }
      calls.push({
        path,
        headers: { ...this.req.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return [reply.status, reply.body, { 'content-type': 'application/json' }];
    });
  return { scope, calls };
};

export const ok = (): Reply => ({ status: 200, body: successBody() });

// The one ConnectorError capture every package's tests use (issue 9's test-support module).
export { rejectionOf } from '../../../tests/support/index.js';
