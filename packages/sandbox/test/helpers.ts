import { createHash, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { createRequire } from 'node:module';

import { expect } from 'vitest';

import type { Sandbox } from '../src/index.js';

// The providers' SDKs are CommonJS; loading them through require keeps their exports exactly as shipped.
const require = createRequire(import.meta.url);

/** An SDK oracle through `require`, typed with the part of its API the tests call. */
export const requireSdk = <T>(id: string): T =>
  // eslint-disable-next-line no-restricted-syntax -- require() returns an untyped module; T states the SDK API the tests use.
  require(id) as T;

type OpenApiUtilStatic = {
  getRPCSignature(params: Record<string, string>, method: string, secret: string): string;
  getAuthorization(
    request: {
      pathname: string;
      method: string;
      query: Record<string, string>;
      headers: Record<string, string>;
    },
    algorithm: string,
    payloadHash: string,
    accessKeyId: string,
    secret: string
  ): string;
  getTimestamp(): string;
};

export const openApiCore = requireSdk<{
  OpenApiUtil: OpenApiUtilStatic;
  $OpenApiUtil: { Config: new (options: Record<string, unknown>) => unknown };
}>('@alicloud/openapi-core');

export const { OpenApiUtil } = openApiCore;

type SendSmsRequestOptions = {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam?: string;
};
export const dysmsapi = requireSdk<{
  default: new (config: unknown) => {
    sendSms(request: unknown): Promise<{
      statusCode: number;
      body: { code: string; message: string; bizId?: string; requestId: string };
    }>;
  };
  SendSmsRequest: new (options: SendSmsRequestOptions) => unknown;
}>('@alicloud/dysmsapi20170525');
export const { default: DysmsapiClient } = dysmsapi;

/**
 * Vitest's asymmetric matchers typed `unknown` instead of `any`, so the expected objects that hold
 * them stay typed.
 */
export const anyInstanceOf = (type: unknown): unknown => expect.any(type);
export const stringMatching = (pattern: RegExp): unknown => expect.stringMatching(pattern);
export const stringContaining = (text: string): unknown => expect.stringContaining(text);

export const sandboxKey = {
  accessKeyId: 'LTAI5tSandboxKeyId0001',
  accessKeySecret: 'SandboxAccessKeySecret000000001',
};
export const sandboxSts = {
  accessKeyId: 'STS.SandboxTempKeyId0001',
  accessKeySecret: 'SandboxStsSecret0000000000001',
  securityToken: 'SandboxStsToken-0001',
};
export const yunpianKeys = {
  intl: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
  domesticOnly: '0f9e8d7c6b5a49382716f5e4d3c2b1a0',
  broke: '00000000000000000000000000000000',
};

/** UTC 'YYYY-MM-DDThh:mm:ssZ', the format both SDKs send. */
export const acsTimestamp = (ms: number): string =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A full V1 parameter set (everything but Signature) for a SendSms call. */
export const v1Params = (
  business: Record<string, string>,
  options: { now?: number; accessKeyId?: string; nonce?: string } = {}
): Record<string, string> => ({
  AccessKeyId: options.accessKeyId ?? sandboxKey.accessKeyId,
  Action: 'SendSms',
  Format: 'JSON',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: options.nonce ?? randomUUID(),
  SignatureVersion: '1.0',
  Timestamp: acsTimestamp(options.now ?? Date.now()),
  Version: '2017-05-25',
  ...business,
});

export const sms = (phoneNumbers: string, code = '123456', extra: Record<string, string> = {}) => ({
  PhoneNumbers: phoneNumbers,
  SignName: 'Logto测试',
  TemplateCode: 'SMS_900001',
  TemplateParam: JSON.stringify({ code }),
  ...extra,
});

export type Layout = 'get' | 'post-body' | 'post-query' | 'post-split';

export type HttpResult = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (undefined when it is not): tests assert on it with `expect`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any answer of four providers; typing it would mean a cast per assertion.
  json: any;
};

/** Raw HTTP so tests control every header (fetch would refuse a custom Host). */
export const http = async (
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}
): Promise<HttpResult> =>
  new Promise((resolve, reject) => {
    const request_ = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
        response.on('error', reject);
      }
    );
    request_.on('error', reject);
    request_.end(options.body);
  });

const wire = (params: Record<string, string>): string => new URLSearchParams(params).toString();

/**
 * Signs with Alibaba's own `OpenApiUtil.getRPCSignature` and sends the call in one of the four
 * layouts real clients use (fact sheet §2.4).
 */
export const sendV1 = async (
  sandbox: Pick<Sandbox, 'url'>,
  params: Record<string, string>,
  options: {
    layout?: Layout;
    secret?: string;
    tamper?: (signed: Record<string, string>) => Record<string, string>;
  } = {}
): Promise<HttpResult> => {
  const layout = options.layout ?? 'post-body';
  const method = layout === 'get' ? 'GET' : 'POST';
  const signature = OpenApiUtil.getRPCSignature(
    params,
    method,
    options.secret ?? sandboxKey.accessKeySecret
  );
  const signed = (options.tamper ?? ((value) => value))({ ...params, Signature: signature });
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  switch (layout) {
    case 'get': {
      return http(`${sandbox.url}/?${wire(signed)}`);
    }
    case 'post-body': {
      return http(`${sandbox.url}/`, { method, headers: form, body: wire(signed) });
    }
    case 'post-query': {
      return http(`${sandbox.url}/?${wire(signed)}`, { method });
    }
    case 'post-split': {
      const business = new Set([
        'PhoneNumbers',
        'SignName',
        'TemplateCode',
        'TemplateParam',
        'OutId',
      ]);
      const query = Object.fromEntries(
        Object.entries(signed).filter(([name]) => !business.has(name))
      );
      const body = Object.fromEntries(
        Object.entries(signed).filter(([name]) => business.has(name))
      );
      return http(`${sandbox.url}/?${wire(query)}`, { method, headers: form, body: wire(body) });
    }
  }
};

export const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');

type SendV3Options = {
  now?: number;
  nonce?: string;
  accessKeyId?: string;
  secret?: string;
  securityToken?: string;
  inBody?: boolean;
  headers?: Record<string, string>;
  tamper?: (request: {
    query: Record<string, string>;
    headers: Record<string, string>;
    body: string;
  }) => void;
};

/** The headers a V3 client signs: the SDK's, plus whatever `options.headers` adds or replaces. */
const v3Headers = (host: string, body: string, options: SendV3Options): Record<string, string> => ({
  host,
  'x-acs-action': 'SendSms',
  'x-acs-version': '2017-05-25',
  'x-acs-date': acsTimestamp(options.now ?? Date.now()),
  'x-acs-signature-nonce': options.nonce ?? randomUUID(),
  'x-acs-content-sha256': sha256Hex(body),
  ...(options.inBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
  ...(options.securityToken
    ? {
        'x-acs-security-token': options.securityToken,
        'x-acs-accesskey-id': options.accessKeyId ?? '',
      }
    : {}),
  ...options.headers,
});

/**
 * A V3 request signed with Alibaba's `OpenApiUtil.getAuthorization`. Params go in the query like the
 * SDK, or in a form body when `inBody` is set.
 */
export const sendV3 = async (
  sandbox: Pick<Sandbox, 'url'>,
  params: Record<string, string>,
  options: SendV3Options = {}
): Promise<HttpResult> => {
  const { host } = new URL(sandbox.url);
  const body = options.inBody ? wire(params) : '';
  const query = options.inBody ? {} : params;
  const headers = v3Headers(host, body, options);
  const authorization = OpenApiUtil.getAuthorization(
    { pathname: '/', method: 'POST', query, headers },
    'ACS3-HMAC-SHA256',
    // The hash as sent: `options.headers` may replace it to test a mismatch.
    headers['x-acs-content-sha256'] ?? sha256Hex(body),
    options.accessKeyId ?? sandboxKey.accessKeyId,
    options.secret ?? sandboxKey.accessKeySecret
  );
  const wireRequest = { query: { ...query }, headers: { ...headers, authorization }, body };
  options.tamper?.(wireRequest);
  const search = Object.keys(wireRequest.query).length > 0 ? `?${wire(wireRequest.query)}` : '';
  return http(`${sandbox.url}/${search}`, {
    method: 'POST',
    headers: wireRequest.headers,
    body: wireRequest.body,
  });
};

/** YunPian single_send with a proper form body. */
export const sendYunpian = async (
  sandbox: Pick<Sandbox, 'url'>,
  fields: Record<string, string>,
  options: { rawBody?: string; contentType?: string; method?: string } = {}
): Promise<HttpResult> =>
  http(`${sandbox.url}/v2/sms/single_send.json`, {
    method: options.method ?? 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded;charset=utf-8',
    },
    body: options.rawBody ?? wire(fields),
  });

/** A controllable clock for `startSandbox({ now })`. */
export const manualClock = (start: number) => {
  let time = start;
  return {
    now: () => time,
    set: (ms: number) => {
      time = ms;
    },
    advance: (ms: number) => {
      time += ms;
    },
  };
};
