import type { SmsConnector } from '@logto/connector-kit';
import nock from 'nock';

import {
  connectorWithoutSavedConfig,
  connectorWithSavedConfig,
} from '../../../tests/support/index.js';
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

/** A connector whose saved config is `savedConfig`; without one, reading the saved config fails. */
export const connectorWith = async (savedConfig?: unknown): Promise<SmsConnector> =>
  savedConfig === undefined
    ? connectorWithoutSavedConfig(createConnector)
    : connectorWithSavedConfig(createConnector, savedConfig);

/** Sends like Logto's sign-in flow: the saved config is read through getConfig. */
export const send = async (
  config: unknown,
  data: { to: string; type?: string; payload?: Record<string, unknown> }
): Promise<unknown> => {
  const connector = await connectorWith(config);
  return connector.sendMessage({
    to: data.to,
    // eslint-disable-next-line no-restricted-syntax -- tests send what connector-kit's types exclude, as a raw request to Logto could
    type: (data.type ?? 'SignIn') as never,
    // eslint-disable-next-line no-restricted-syntax -- tests send what connector-kit's types exclude, as a raw request to Logto could
    payload: (data.payload ?? { code: '123456' }) as never,
  });
};

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
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        options.headers ?? { 'content-type': 'application/json;charset=utf-8' },
      ];
    });
  return { scope, captured };
};
