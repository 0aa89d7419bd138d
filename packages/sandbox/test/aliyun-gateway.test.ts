import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { NonceStore } from '../src/aliyun/nonce-store.js';
import { parseAcsTimestamp } from '../src/aliyun/timestamp.js';
import type { Sandbox } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import {
  OpenApiUtil,
  acsTimestamp,
  http,
  manualClock,
  sandboxKey,
  sandboxSts,
  sendV1,
  sendV3,
  sha256Hex,
  sms,
  v1Params,
  type HttpResult,
} from './helpers.js';

const clock = manualClock(Date.parse('2025-03-01T08:00:00Z'));
let sandbox: Sandbox;
let seq = 0;
const phone = () => `1360000${String(seq++).padStart(4, '0')}`;

beforeAll(async () => {
  sandbox = await startSandbox({ now: clock.now, config: { rateLimits: { enabled: false } } });
});
afterAll(async () => sandbox.close());
beforeEach(() => {
  sandbox.inbox.clear();
});

// Every signed request in this file is stamped with the sandbox's own (manual) clock.
const params1 = (business: Record<string, string>, options: Parameters<typeof v1Params>[1] = {}) =>
  v1Params(business, { now: clock.now(), ...options });
const send3 = async (
  business: Record<string, string>,
  options: Parameters<typeof sendV3>[2] = {}
) => sendV3(sandbox, business, { now: clock.now(), ...options });

const expectGatewayError = (
  response: Pick<HttpResult, 'status' | 'json'>,
  status: number,
  code: string
) => {
  expect(response.status).toBe(status);
  expect(response.json).toMatchObject({ Code: code, HostId: 'dysmsapi.aliyuncs.com' });
  expect(response.json.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  expect(response.json.Recommend).toBe(
    `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Dysmsapi&requestId=${response.json.RequestId}`
  );
};

describe('clock skew', () => {
  it('accepts a timestamp 14 minutes off in either direction', async () => {
    for (const offset of [-14, 14]) {
      const response = await sendV1(
        sandbox,
        params1(sms(phone()), { now: clock.now() + offset * 60_000 })
      );
      expect(response.json.Code).toBe('OK');
    }
  });

  it('answers InvalidTimeStamp.Expired beyond 15 minutes (V1 and V3)', async () => {
    const v1 = await sendV1(sandbox, params1(sms(phone()), { now: clock.now() - 16 * 60_000 }));
    expectGatewayError(v1, 400, 'InvalidTimeStamp.Expired');
    const v3 = await send3(sms(phone()), { now: clock.now() + 16 * 60_000 });
    expectGatewayError(v3, 400, 'InvalidTimeStamp.Expired');
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('answers InvalidTimeStamp.Format for a local-time or garbled timestamp', async () => {
    for (const Timestamp of [
      '2025-03-01 08:00:00',
      '2025-03-01T16:00:00+08:00',
      '2025-02-30T08:00:00Z',
      'yesterday',
    ]) {
      const response = await sendV1(sandbox, { ...params1(sms(phone())), Timestamp });
      expectGatewayError(response, 400, 'InvalidTimeStamp.Format');
    }
  });

  it('tolerates milliseconds in the timestamp, as production does', async () => {
    const response = await sendV1(sandbox, {
      ...params1(sms(phone())),
      Timestamp: new Date(clock.now()).toISOString(),
    });
    expect(response.json.Code).toBe('OK');
  });

  it('parses only real UTC calendar instants', () => {
    expect(parseAcsTimestamp('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
    expect(parseAcsTimestamp('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(parseAcsTimestamp('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseAcsTimestamp('2024-01-01T24:00:00Z')).toBeNull();
    expect(parseAcsTimestamp('2024-01-01T00:00:00')).toBeNull();
  });
});

describe('nonce replay', () => {
  it('answers SignatureNonceUsed when a signed request is replayed (V1)', async () => {
    const params = params1(sms(phone()));
    expect((await sendV1(sandbox, params)).json.Code).toBe('OK');
    expectGatewayError(await sendV1(sandbox, params), 400, 'SignatureNonceUsed');
    expect(sandbox.inbox.count()).toBe(1);
  });

  it('answers SignatureNonceUsed for a reused V3 nonce even with a fresh timestamp', async () => {
    const nonce = randomUUID();
    expect((await send3(sms(phone()), { nonce })).json.Code).toBe('OK');
    clock.advance(1000);
    expectGatewayError(await send3(sms(phone()), { nonce }), 400, 'SignatureNonceUsed');
  });

  it('does not burn the nonce of a request whose signature failed', async () => {
    const params = params1(sms(phone()));
    expect((await sendV1(sandbox, params, { secret: 'wrong' })).json.Code).toBe(
      'SignatureDoesNotMatch'
    );
    expect((await sendV1(sandbox, params)).json.Code).toBe('OK');
  });

  it('forgets nonces after 31 minutes and caps how many it remembers', () => {
    const store = new NonceStore(3);
    expect(store.claim('a', 0)).toBe(true);
    expect(store.claim('a', 30 * 60_000)).toBe(false);
    expect(store.claim('a', 31 * 60_000 + 1)).toBe(true);
    for (const nonce of ['b', 'c', 'd', 'e']) {
      store.claim(nonce, 31 * 60_000 + 2);
    }
    expect(store.size).toBe(3);
  });
});

describe('credentials', () => {
  it('answers 404 InvalidAccessKeyId.NotFound for an unknown key (V1 and V3)', async () => {
    expectGatewayError(
      await sendV1(sandbox, params1(sms(phone()), { accessKeyId: 'LTAI5tUnknown' })),
      404,
      'InvalidAccessKeyId.NotFound'
    );
    expectGatewayError(
      await send3(sms(phone()), { accessKeyId: 'LTAI5tUnknown' }),
      404,
      'InvalidAccessKeyId.NotFound'
    );
  });

  it('requires the STS token: missing → Malformed, wrong → MismatchWithAccessKey', async () => {
    const sts = { accessKeyId: sandboxSts.accessKeyId, secret: sandboxSts.accessKeySecret };
    const base = params1(sms(phone()), { accessKeyId: sts.accessKeyId });
    expectGatewayError(
      await sendV1(sandbox, base, { secret: sts.secret }),
      400,
      'InvalidSecurityToken.Malformed'
    );
    expectGatewayError(
      await sendV1(
        sandbox,
        { ...params1(sms(phone()), { accessKeyId: sts.accessKeyId }), SecurityToken: 'nope' },
        { secret: sts.secret }
      ),
      400,
      'InvalidSecurityToken.MismatchWithAccessKey'
    );
    expectGatewayError(
      await send3(sms(phone()), { accessKeyId: sts.accessKeyId, secret: sts.secret }),
      400,
      'InvalidSecurityToken.Malformed'
    );
    const ok = await send3(sms(phone()), {
      accessKeyId: sts.accessKeyId,
      secret: sts.secret,
      securityToken: sandboxSts.securityToken,
    });
    expect(ok.json.Code).toBe('OK');
  });

  it('refuses a security token attached to a long-term key', async () => {
    const response = await sendV1(sandbox, {
      ...params1(sms(phone())),
      SecurityToken: sandboxSts.securityToken,
    });
    expectGatewayError(response, 400, 'InvalidSecurityToken.MismatchWithAccessKey');
  });
});

describe('V1 protocol details', () => {
  it('defaults to XML when Format is absent, and treats Format case-insensitively', async () => {
    const { Format: _omitted, ...withoutFormat } = params1(sms(phone()));
    const xml = await sendV1(sandbox, withoutFormat);
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.text).toMatch(
      /^<\?xml version='1.0' encoding='UTF-8'\?><SendSmsResponse><RequestId>.+<Code>OK<\/Code><Message>OK<\/Message><BizId>\d+\^\d<\/BizId><\/SendSmsResponse>$/
    );

    const lower = await sendV1(sandbox, { ...params1(sms(phone())), Format: 'json' });
    expect(lower.json.Code).toBe('OK');
  });

  it('renders gateway errors as XML <Error> when the caller asked for XML', async () => {
    const response = await sendV1(
      sandbox,
      { ...params1(sms(phone())), Format: 'XML' },
      { secret: 'wrong' }
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('<Error><RequestId>');
    expect(response.text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(response.text).toContain('<HostId>dysmsapi.aliyuncs.com</HostId>');
  });

  it('answers InvalidApi.NotFound for another Action and InvalidVersion for another Version', async () => {
    expectGatewayError(
      await sendV1(sandbox, { ...params1(sms(phone())), Action: 'SendBatchSms' }),
      404,
      'InvalidApi.NotFound'
    );
    expectGatewayError(
      await sendV1(sandbox, { ...params1(sms(phone())), Version: '2018-05-01' }),
      400,
      'InvalidVersion'
    );
  });

  it('answers Missing<Param> for absent required parameters', async () => {
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      const params = Object.fromEntries(
        Object.entries(params1(sms(phone()))).filter(([key]) => key !== name)
      );
      const response = await sendV1(sandbox, params);
      expectGatewayError(response, 400, `Missing${name}`);
      expect(response.json.Message).toBe(`${name} is mandatory for this action.`);
    }
    const noNonce = params1(sms(phone()));
    delete noNonce.SignatureNonce;
    expectGatewayError(await sendV1(sandbox, noNonce), 400, 'MissingSignatureNonce');
  });

  it('answers IncompleteSignature when no Signature is sent', async () => {
    const query = new URLSearchParams(params1(sms(phone()))).toString();
    const response = await http(`${sandbox.url}/?${query}`);
    expectGatewayError(response, 400, 'IncompleteSignature');
  });

  it('answers InvalidSignatureMethod for anything but HMAC-SHA1', async () => {
    expectGatewayError(
      await sendV1(sandbox, { ...params1(sms(phone())), SignatureMethod: 'HMAC-SHA256' }),
      400,
      'InvalidSignatureMethod'
    );
  });

  it('decodes a raw + in the signature as a space, so an unencoded signature fails', async () => {
    // Find a parameter set whose signature contains '+', then send it without percent-encoding.
    let params = params1(sms(phone()));
    const { OpenApiUtil } = await import('./helpers.js');
    while (!OpenApiUtil.getRPCSignature(params, 'POST', sandboxKey.accessKeySecret).includes('+')) {
      params = params1(sms(phone()));
    }
    const signature = OpenApiUtil.getRPCSignature(params, 'POST', sandboxKey.accessKeySecret);
    const body = `${new URLSearchParams(params).toString()}&Signature=${signature}`;
    const response = await http(`${sandbox.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.json.Code).toBe('SignatureDoesNotMatch');
  });
});

describe('V3 protocol details', () => {
  it('accepts SendSms parameters in a signed form body', async () => {
    const to = phone();
    const response = await send3(sms(to, '9090'), { inBody: true });
    expect(response.json.Code).toBe('OK');
    expect(sandbox.inbox.list({ to })[0]?.code).toBe('9090');
  });

  it('rejects a body that does not match x-acs-content-sha256', async () => {
    const response = await send3(sms(phone()), {
      inBody: true,
      tamper: (request) => {
        request.body = request.body.replace('123456', '654321');
      },
    });
    expectGatewayError(response, 400, 'SignatureDoesNotMatch');
    expect(response.json.Message).toContain('x-acs-content-sha256');
  });

  it('rejects an x-acs-* header that was added without being signed', async () => {
    const response = await send3(sms(phone()), {
      tamper: (request) => {
        request.headers['x-acs-security-token'] = 'smuggled';
      },
    });
    expectGatewayError(response, 400, 'IncompleteSignature');
    expect(response.json.Message).toContain('x-acs-security-token');
  });

  it('rejects a changed query parameter and a changed signed header', async () => {
    const query = await send3(sms(phone()), {
      tamper: (request) => {
        request.query.PhoneNumbers = '13999999999';
      },
    });
    expectGatewayError(query, 400, 'SignatureDoesNotMatch');
    expect(query.json.Message).toMatch(/server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    const header = await send3(sms(phone()), {
      tamper: (request) => {
        request.headers['x-acs-date'] = acsTimestamp(clock.now() + 1000);
      },
    });
    expectGatewayError(header, 400, 'SignatureDoesNotMatch');
  });

  it('requires an emulated x-acs-action (SendSms, QuerySendDetails) and x-acs-version 2017-05-25', async () => {
    expectGatewayError(
      await send3(sms(phone()), { headers: { 'x-acs-action': 'SendBatchSms' } }),
      404,
      'InvalidApi.NotFound'
    );
    expectGatewayError(
      await send3(sms(phone()), { headers: { 'x-acs-version': '2018-05-01' } }),
      400,
      'InvalidVersion'
    );
  });

  it('answers InvalidSignatureMethod for other ACS3 algorithms', async () => {
    const response = await send3(sms(phone()), {
      tamper: (request) => {
        request.headers.authorization = request.headers.authorization!.replace(
          'ACS3-HMAC-SHA256',
          'ACS3-HMAC-SM3'
        );
      },
    });
    expectGatewayError(response, 400, 'InvalidSignatureMethod');
  });
});

const swapCase = (text: string) =>
  [...text]
    .map((char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase()))
    .join('');

describe('signature checks that a lenient comparison would weaken', () => {
  it('compares a V1 signature case-sensitively (base64 is case-sensitive)', async () => {
    const to = phone();
    const response = await sendV1(sandbox, params1(sms(to)), {
      tamper: (signed) => ({ ...signed, Signature: swapCase(signed.Signature!) }),
    });
    expectGatewayError(response, 400, 'SignatureDoesNotMatch');
    expect(sandbox.inbox.list({ to })).toEqual([]);
  });

  it('requires content-type to be signed when a V3 request has a body', async () => {
    const to = phone();
    const body = new URLSearchParams(sms(to)).toString();
    const { host } = new URL(sandbox.url);
    const headers: Record<string, string> = {
      host,
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': acsTimestamp(clock.now()),
      'x-acs-signature-nonce': randomUUID(),
      'x-acs-content-sha256': sha256Hex(body),
    };
    // Signed over every header but content-type, which is added afterwards.
    const authorization = OpenApiUtil.getAuthorization(
      { pathname: '/', method: 'POST', query: {}, headers },
      'ACS3-HMAC-SHA256',
      headers['x-acs-content-sha256']!,
      sandboxKey.accessKeyId,
      sandboxKey.accessKeySecret
    );
    expect(authorization).not.toContain('content-type');
    const response = await http(`${sandbox.url}/`, {
      method: 'POST',
      headers: { ...headers, authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expectGatewayError(response, 400, 'IncompleteSignature');
    expect(response.json.Message).toContain('content-type');
    expect(sandbox.inbox.list({ to })).toEqual([]);
  });
});
