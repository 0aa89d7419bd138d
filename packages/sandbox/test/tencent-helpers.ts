import { Agent } from 'node:http';
import { connect } from 'node:net';

import type { Sandbox } from '../src/index.js';

import { http, requireSdk, type HttpResult } from './helpers.js';

type Sign3Input = {
  method: 'POST';
  url: string;
  payload: Buffer;
  timestamp: number;
  service: string;
  secretId: string;
  secretKey: string;
  headers: Record<string, string>;
};
/** Tencent's own signer (`tencentcloud-sdk-nodejs-common` 4.1.220), the oracle for the sandbox's verifier. */
export const Sign = requireSdk<{ default: { sign3(input: Sign3Input): string } }>(
  'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js'
).default;

type SmsClientOptions = {
  credential: { secretId: string; secretKey: string; token?: string };
  region: string;
  profile: {
    httpProfile: { endpoint: string; protocol: string; agent?: unknown; reqTimeout?: number };
    language?: string;
  };
};
export type SendStatusSet = Array<{
  SerialNo: string;
  PhoneNumber: string;
  Fee: number;
  Code: string;
  Message: string;
  IsoCode: string;
}>;
export type PullSmsSendStatusSet = Array<Record<string, unknown>>;
export const { sms: tencentSms } = requireSdk<{
  sms: {
    v20210111: {
      Client: new (options: SmsClientOptions) => {
        SendSms(
          request: Record<string, unknown>
        ): Promise<{ SendStatusSet: SendStatusSet; RequestId: string }>;
        PullSmsSendStatusByPhoneNumber(
          request: Record<string, unknown>
        ): Promise<{ PullSmsSendStatusSet: PullSmsSendStatusSet; RequestId: string }>;
      };
    };
  };
}>('tencentcloud-sdk-nodejs-sms');

/**
 * Tencent's SDK pointed at the real host name, with an agent that dials the sandbox: Host, the
 * signed host and the signed service are exactly what the real API receives (fact sheet §5.1).
 */
export const tencentSdkClient = (
  sandbox: Pick<Sandbox, 'port'>,
  credential: { secretId: string; secretKey: string; token?: string },
  region = 'ap-guangzhou',
  endpoint = apiHost
) => {
  const agent = new Agent({ keepAlive: false });
  // @types/node does not declare Agent#createConnection, which Node calls to dial every socket.
  Object.assign(agent, { createConnection: () => connect(sandbox.port, '127.0.0.1') });
  return new tencentSms.v20210111.Client({
    credential,
    region,
    profile: { httpProfile: { endpoint, protocol: 'http://', agent, reqTimeout: 10 } },
  });
};

const stringField = (value: unknown, name: string): string | undefined => {
  const field: unknown =
    typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
  return typeof field === 'string' ? field : undefined;
};

/** What an SDK call rejected with (its code, request id and message); fails if it resolved. */
export const sdkError = async (
  promise: Promise<unknown>
): Promise<{ code?: string; requestId?: string; message: string }> => {
  try {
    await promise;
  } catch (error) {
    return {
      code: stringField(error, 'code'),
      requestId: stringField(error, 'requestId'),
      message: error instanceof Error ? error.message : String(error),
    };
  }
  throw new Error('expected the SDK call to fail');
};

export const tencentKey = {
  secretId: 'AKIDSandboxSecretId0001',
  secretKey: 'SandboxSecretKey00000000000000001',
};
export const tencentSts = {
  secretId: 'AKIDSandboxTmpSecretId0001',
  secretKey: 'SandboxTmpSecretKey0000000000001',
  token: 'SandboxTencentStsToken-0001',
};
export const sdkAppId = '1400000001';
/** The host every test request claims, as a client of the real API would send and sign it. */
export const apiHost = 'sms.tencentcloudapi.com';

export const domestic = (phone: string, code = '123456', extra: Record<string, unknown> = {}) => ({
  PhoneNumberSet: [phone],
  SmsSdkAppId: sdkAppId,
  TemplateId: '900001',
  SignName: 'Logto测试',
  TemplateParamSet: [code],
  ...extra,
});

export const international = (
  phone: string,
  code = '654321',
  extra: Record<string, unknown> = {}
) => ({
  PhoneNumberSet: [phone],
  SmsSdkAppId: sdkAppId,
  TemplateId: '900002',
  TemplateParamSet: [code],
  ...extra,
});

export type TencentSendOptions = {
  nowMs?: number;
  secretId?: string;
  secretKey?: string;
  token?: string;
  region?: string;
  action?: string;
  version?: string;
  service?: string;
  contentType?: string;
  /** Changes the request after signing (a man in the middle). */
  tamper?: (request: { headers: Record<string, string>; body: string }) => void;
};

/** A SendSms request signed with Tencent's own `Sign.sign3`, sent raw so tests control every header. */
export const sendTencent = async (
  sandbox: Pick<Sandbox, 'url'>,
  body: Record<string, unknown> | string,
  options: TencentSendOptions = {}
): Promise<HttpResult> => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const contentType = options.contentType ?? 'application/json';
  const authorization = Sign.sign3({
    method: 'POST',
    url: `https://${apiHost}/`,
    payload: Buffer.from(text),
    timestamp,
    service: options.service ?? 'sms',
    secretId: options.secretId ?? tencentKey.secretId,
    secretKey: options.secretKey ?? tencentKey.secretKey,
    headers: { 'Content-Type': contentType },
  });
  const headers: Record<string, string> = {
    host: apiHost,
    'content-type': contentType,
    authorization,
    'x-tc-action': options.action ?? 'SendSms',
    'x-tc-version': options.version ?? '2021-01-11',
    'x-tc-region': options.region ?? 'ap-guangzhou',
    'x-tc-timestamp': String(timestamp),
    ...(options.token === undefined ? {} : { 'x-tc-token': options.token }),
  };
  const request = { headers, body: text };
  options.tamper?.(request);
  return http(`${sandbox.url}/`, { method: 'POST', headers: request.headers, body: request.body });
};
