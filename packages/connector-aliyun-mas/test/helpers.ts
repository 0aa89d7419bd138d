import { type SendMessageData, TemplateType } from '@logto/connector-kit';

import { interceptAliyun } from '../../connector-aliyun-sms/test/helpers.js';
import type { ClientOptions } from '../src/client.js';
import { createAliyunMasConnector } from '../src/index.js';

export const dypnsOrigin = 'https://dypnsapi.aliyuncs.com';
export const fixedNonce = '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf';
export const fixedDate = new Date('2024-01-01T00:00:00Z');
export const fixedClock: ClientOptions = { now: () => fixedDate, nonce: () => fixedNonce };

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

/**
 * The fact sheet's vector account (aliyun-dypns-api.md §4): `testid` / `testsecret`, gift signature
 * 速通互联验证码, template 100001, `min` 5, so a send of code 123456 is Vector 1 exactly.
 */
export const vectorConfig = {
  accessKeyId: 'testid',
  accessKeySecret: 'testsecret',
  signName: '速通互联验证码',
  templates: usageTypes.map((usageType) => ({ usageType, templateCode: '100001' })),
  codeValidMinutes: 5,
};

export const okAnswer = {
  AccessDeniedDetail: '',
  Message: '成功',
  Model: {
    VerifyCode: '',
    RequestId: 'A1B2C3D4-0000-4000-8000-000000000001',
    OutId: '',
    BizId: '112231421412414124123^4',
  },
  Code: 'OK',
  Success: true,
  RequestId: 'A1B2C3D4-0000-4000-8000-000000000001',
};

export const sendData = (
  to: string,
  payload?: Record<string, unknown>,
  type = TemplateType.Generic
) =>
  // eslint-disable-next-line @typescript-eslint/consistent-type-assertions, no-restricted-syntax -- tests send what connector-kit's types exclude (a missing or mistyped code), as a raw request to Logto could
  ({ to, type, payload: payload ?? { code: '123456' } }) as SendMessageData;

/** A connector whose saved config is `config` (sign-in path) and whose clock and nonce may be fixed. */
export const connectorWith = (config: unknown, clientOptions?: ClientOptions) =>
  createAliyunMasConnector(async () => config, clientOptions);

export type Reply = {
  status: number;
  body: string | Record<string, unknown>;
  headers?: Record<string, string>;
};

export const ok = (): Reply => ({
  status: 200,
  body: okAnswer,
  headers: { 'content-type': 'application/json' },
});
export const answer = (status: number, body: Record<string, unknown> | string): Reply => ({
  status,
  body,
});

/** Intercepts `count` POSTs to the Dypnsapi endpoint, recording each and answering with the replies in order. */
export const interceptDypns = (
  replies: Reply[],
  { origin = dypnsOrigin, count = replies.length } = {}
) => interceptAliyun(replies, { origin, count });

// Capturing, decoding and error helpers are the Aliyun SMS connector's: both speak the same POP protocol.
export { formOf, queryOf } from '../../connector-aliyun-sms/test/helpers.js';
