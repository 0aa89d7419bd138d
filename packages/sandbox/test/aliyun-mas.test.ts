// Dypnsapi SendSmsVerifyCode on the sandbox: the fact sheet's vectors replayed as real requests
// (through the sandbox's own verifier), then the service's own rules: gift signatures, system
// templates, mainland numbers only, the per-number interval.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  aliyunDypnsVectors,
  type V1Vector,
  type V3Vector,
} from '../../../tests/fixtures/vectors/aliyun-vectors.js';
import { canonicalQuery } from '../src/aliyun/percent-encode.js';
import type { Sandbox, SandboxConfigInput } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import {
  http,
  manualClock,
  sandboxKey,
  sendV1,
  sendV3,
  stringMatching,
  v1Params,
} from './helpers.js';

const vectorTime = Date.parse(aliyunDypnsVectors.common.time);
const vectorConfig: SandboxConfigInput = {
  aliyun: {
    accessKeys: [{ accessKeyId: 'testid', accessKeySecret: 'testsecret' }],
    stsCredentials: [],
  },
  aliyunMas: { giftSignatures: ['速通互联验证码'] },
};
const stsConfig: SandboxConfigInput = {
  ...vectorConfig,
  aliyun: {
    accessKeys: [],
    stsCredentials: [
      { accessKeyId: 'testid', accessKeySecret: 'testsecret', securityToken: 'test-sts-token' },
    ],
  },
};
const canonical = (params: Record<string, string>) =>
  canonicalQuery(new Map(Object.entries(params)));

describe('the running sandbox accepts every Dypnsapi vector', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  const start = async (vector: { securityToken?: string }) => {
    sandbox = await startSandbox({
      config: vector.securityToken ? stsConfig : vectorConfig,
      now: () => vectorTime,
    });
    return sandbox;
  };

  it.each(aliyunDypnsVectors.v1.map((vector) => [vector.name, vector] as const))(
    'V1 %s',
    async (_name, vector: V1Vector) => {
      const running = await start(vector);
      const signature = encodeURIComponent(vector.signature);
      const response =
        vector.method === 'GET'
          ? await http(`${running.url}/?${canonical(vector.params)}&Signature=${signature}`)
          : vector.transport === 'query'
            ? await http(
                `${running.url}/?${new URLSearchParams(vector.params).toString()}&Signature=${signature}`,
                { method: 'POST' }
              )
            : await http(`${running.url}/`, {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: `${canonical(vector.params)}&Signature=${signature}`,
              });
      expect(response.json).toMatchObject({ Code: 'OK', Success: true });
      const [message] = running.inbox.list();
      expect(message).toMatchObject({
        provider: 'aliyun-mas',
        to: '13800138000',
        template: '100001',
        signName: '速通互联验证码',
      });
      // Vector 4 asks Aliyun to generate a 6-digit code (`##code##`, CodeLength 6).
      expect(message?.code).toMatch(
        vector.params.TemplateParam?.includes('##code##') ? /^\d{6}$/ : /^123456$/
      );
    }
  );

  it.each(
    aliyunDypnsVectors.v3
      .filter((vector) => vector.headers.host === 'dypnsapi.aliyuncs.com')
      .map((vector) => [vector.name, vector] as const)
  )('V3 %s', async (_name, vector: V3Vector) => {
    const running = await start(vector);
    const response = await http(`${running.url}/?${canonical(vector.query)}`, {
      method: 'POST',
      headers: {
        ...vector.headers,
        accept: 'application/json',
        authorization: `ACS3-HMAC-SHA256 Credential=${vector.accessKeyId},SignedHeaders=${vector.signedHeaders},Signature=${vector.signature}`,
      },
    });
    expect(response.json).toMatchObject({
      Code: 'OK',
      Success: true,
      Model: { BizId: stringMatching(/\^0$/) },
    });
    expect(running.inbox.list()[0]).toMatchObject({
      provider: 'aliyun-mas',
      signatureAlgorithm: 'ACS3-HMAC-SHA256',
    });
  });

  it('a vector sent as SendSms (same parameters, other action) fails its signature, not silently passes', async () => {
    const running = await start({});
    const [vector] = aliyunDypnsVectors.v1;
    const params = { ...vector!.params, Action: 'SendSms' };
    const response = await http(
      `${running.url}/?${new URLSearchParams(params).toString()}&Signature=${encodeURIComponent(vector!.signature)}`,
      {
        method: 'POST',
      }
    );
    expect(response.status).toBe(400);
    expect(running.inbox.count()).toBe(0);
  });
});

describe('SendSmsVerifyCode business rules', () => {
  const startAt = Date.parse('2025-03-03T08:00:00Z');
  const clock = manualClock(startAt);
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now });
  });
  afterAll(async () => sandbox.close());
  beforeEach(() => {
    sandbox.inbox.clear();
  });

  let number = 13_800_000_000;
  const nextNumber = () => String(++number);
  const business = (overrides: Record<string, string> = {}) => ({
    CountryCode: '86',
    PhoneNumber: nextNumber(),
    SignName: '速通互联验证码',
    TemplateCode: '100001',
    TemplateParam: '{"code":"246810","min":"10"}',
    ...overrides,
  });
  const sendMas = async (params: Record<string, string>, algorithm: 'V1' | 'V3' = 'V1') => {
    const response =
      algorithm === 'V1'
        ? await sendV1(
            sandbox,
            v1Params({ ...params, Action: 'SendSmsVerifyCode' }, { now: clock.now() })
          )
        : await sendV3(sandbox, params, {
            now: clock.now(),
            headers: { 'x-acs-action': 'SendSmsVerifyCode' },
          });
    return response;
  };

  it.each(['V1', 'V3'] as const)(
    'delivers with a gift signature and a system template (%s)',
    async (algorithm) => {
      const params = business();
      const response = await sendMas(params, algorithm);
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ Code: 'OK', Success: true, Message: '成功' });
      expect(sandbox.inbox.list()).toEqual([
        expect.objectContaining({
          provider: 'aliyun-mas',
          to: params.PhoneNumber,
          code: '246810',
          text: '【速通互联验证码】您的验证码为246810，10分钟内有效，请勿泄露。',
          credential: sandboxKey.accessKeyId,
        }),
      ]);
    }
  );

  it.each([
    [
      'a signature that is not a gift signature',
      { SignName: 'Logto测试' },
      'isv.SMS_SIGNATURE_ILLEGAL',
    ],
    ['an own template code', { TemplateCode: 'SMS_900001' }, 'isv.SMS_TEMPLATE_ILLEGAL'],
    [
      'a number abroad',
      { CountryCode: '852', PhoneNumber: '61234567' },
      'isv.MOBILE_NUMBER_ILLEGAL',
    ],
    [
      'a number with its country code',
      { PhoneNumber: '8613800138000' },
      'isv.MOBILE_NUMBER_ILLEGAL',
    ],
    [
      'a missing min variable',
      { TemplateParam: '{"code":"246810"}' },
      'isv.TEMPLATE_MISSING_PARAMETERS',
    ],
    ['a numeric value', { TemplateParam: '{"code":246810,"min":"10"}' }, 'isv.INVALID_PARAMETERS'],
    [
      'a code too long',
      { TemplateParam: '{"code":"1234567890","min":"10"}' },
      'isv.INVALID_PARAMETERS',
    ],
  ])('refuses %s with HTTP 200 %s', async (_name, overrides, code) => {
    const response = await sendMas(business(overrides));
    expect(response.status).toBe(200);
    expect(response.json.Code).toBe(code);
    expect(response.json.HostId).toBeUndefined();
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('one code per number per interval (biz.FREQUENCY), then the hourly cap (isv.BUSINESS_LIMIT_CONTROL)', async () => {
    const params = business();
    expect((await sendMas(params)).json.Code).toBe('OK');
    clock.advance(30_000);
    expect((await sendMas(params)).json.Code).toBe('biz.FREQUENCY');
    for (let sent = 1; sent < 5; sent++) {
      clock.advance(61_000);

      expect((await sendMas(params)).json.Code).toBe('OK');
    }
    clock.advance(61_000);
    const capped = await sendMas(params);
    expect(capped.json).toMatchObject({
      Code: 'isv.BUSINESS_LIMIT_CONTROL',
      Message: '触发小时级流控Permits:5',
    });
    expect(sandbox.inbox.count()).toBe(5);
  });

  it('the inbox API filters by provider aliyun-mas', async () => {
    await sendMas(business());
    const listed = await http(`${sandbox.url}/__sandbox/messages?provider=aliyun-mas`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.json)).toContain('aliyun-mas');
  });

  it('SendSms on the same origin is unaffected', async () => {
    const response = await sendV1(
      sandbox,
      v1Params(
        {
          PhoneNumbers: nextNumber(),
          SignName: 'Logto测试',
          TemplateCode: 'SMS_900001',
          TemplateParam: '{"code":"1357"}',
        },
        { now: clock.now() }
      )
    );
    expect(response.json).toMatchObject({ Code: 'OK', Message: 'OK' });
    expect(sandbox.inbox.list()[0]?.provider).toBe('aliyun');
  });
});

describe('configuration', () => {
  it('gift signatures are configuration: a rotated list refuses the old name', async () => {
    const sandbox = await startSandbox({
      config: { aliyunMas: { giftSignatures: ['新赠送签名'] } },
    });
    try {
      const response = await sendV1(
        sandbox,
        v1Params({
          Action: 'SendSmsVerifyCode',
          PhoneNumber: '13900139000',
          SignName: '速通互联验证码',
          TemplateCode: '100001',
          TemplateParam: '{"code":"1234","min":"5"}',
        })
      );
      expect(response.json.Code).toBe('isv.SMS_SIGNATURE_ILLEGAL');
    } finally {
      await sandbox.close();
    }
  });

  it('a bad aliyunMas section is refused naming the field', async () => {
    await expect(startSandbox({ config: { aliyunMas: { intervalSeconds: -1 } } })).rejects.toThrow(
      'config.aliyunMas.intervalSeconds must be a number >= 0'
    );
  });
});
