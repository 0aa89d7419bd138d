import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Sandbox, SandboxConfigInput } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import { anyInstanceOf, http, manualClock, stringMatching, type HttpResult } from './helpers.js';
import { domestic, international, sendTencent } from './tencent-helpers.js';

const start = Date.UTC(2024, 0, 1, 0, 0, 0);
let sandbox: Sandbox;
let clock: ReturnType<typeof manualClock>;

const open = async (config: SandboxConfigInput = {}) => {
  clock = manualClock(start);
  sandbox = await startSandbox({ now: clock.now, config });
};

afterEach(async () => {
  await sandbox.close();
});

const errorCodeOf = (result: Pick<HttpResult, 'json'>) =>
  result.json?.Response?.Error?.Code as string | undefined;
const statusOf = (result: Pick<HttpResult, 'json'>) =>
  result.json?.Response?.SendStatusSet?.[0] as { Code: string; PhoneNumber: string } | undefined;

/** A SendSms at the sandbox's clock. */
const sendNow = async (body: Record<string, unknown> | string) =>
  sendTencent(sandbox, body, { nowMs: clock.now() });

/** A domestic SendSms at the sandbox's clock; the number's status code. */
const sendCodeTo = async (phone = '+8613800138000') =>
  statusOf(await sendTencent(sandbox, domestic(phone), { nowMs: clock.now() }))?.Code;

describe('the gateway', () => {
  beforeEach(async () => {
    await open({ rateLimits: { enabled: false } });
  });

  it('answers HTTP 200 with Response.Error and a RequestId for every whole-request error', async () => {
    const result = await sendTencent(sandbox, domestic('+8613800138000'), {
      nowMs: start,
      secretKey: 'wrong',
    });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      Response: {
        Error: { Code: 'AuthFailure.SignatureFailure', Message: anyInstanceOf(String) },
        RequestId: stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
  });

  it.each([
    ['a timestamp 301 s in the past', { nowMs: start - 301_000 }, 'AuthFailure.SignatureExpire'],
    ['a timestamp 301 s in the future', { nowMs: start + 301_000 }, 'AuthFailure.SignatureExpire'],
    ['another action', { nowMs: start, action: 'DescribeSmsSignList' }, 'InvalidAction'],
    ['another version', { nowMs: start, version: '2019-07-11' }, 'NoSuchVersion'],
    ['an unserved region', { nowMs: start, region: 'na-ashburn' }, 'UnsupportedRegion'],
    ['a service other than sms', { nowMs: start, service: 'cvm' }, 'AuthFailure.SignatureFailure'],
    [
      'a token with a permanent key',
      { nowMs: start, token: 'unexpected' },
      'AuthFailure.TokenFailure',
    ],
  ])('%s → %s', async (_label, options, code) => {
    expect(errorCodeOf(await sendTencent(sandbox, domestic('+8613800138000'), options))).toBe(code);
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('a timestamp 300 s off is still accepted', async () => {
    expect(
      statusOf(await sendTencent(sandbox, domestic('+8613800138000'), { nowMs: start - 300_000 }))
        ?.Code
    ).toBe('Ok');
  });

  it('a body changed after signing, or a scope dated by local time, is a signature failure', async () => {
    const tampered = await sendTencent(sandbox, domestic('+8613800138000'), {
      nowMs: start,
      tamper: (request) => {
        request.body = request.body.replace('+8613800138000', '+8613900139000');
      },
    });
    expect(errorCodeOf(tampered)).toBe('AuthFailure.SignatureFailure');
    const localDate = await sendTencent(sandbox, domestic('+8613800138000'), {
      nowMs: start,
      tamper: (request) => {
        request.headers.authorization = request.headers.authorization!.replace(
          '/2024-01-01/',
          '/2024-01-02/'
        );
      },
    });
    expect(errorCodeOf(localDate)).toBe('AuthFailure.SignatureFailure');
  });

  it('a malformed Authorization → AuthFailure.InvalidAuthorization', async () => {
    const result = await sendTencent(sandbox, domestic('+8613800138000'), {
      nowMs: start,
      tamper: (request) => {
        request.headers.authorization = 'TC3-HMAC-SHA256 Signature=abc';
      },
    });
    expect(errorCodeOf(result)).toBe('AuthFailure.InvalidAuthorization');
  });

  it('Aliyun calls at the same path still reach the Aliyun emulator', async () => {
    const result = await http(`${sandbox.url}/?Action=SendSms&Format=JSON`, { method: 'POST' });
    expect(result.json?.Code).toBeDefined();
    expect(result.json?.Response).toBeUndefined();
  });
});

describe('the SMS service', () => {
  beforeEach(async () => {
    await open({ rateLimits: { enabled: false } });
  });

  it('delivers a mainland code with the domestic template and signature', async () => {
    const result = await sendNow(domestic('+8613800138000', '482910'));
    expect(statusOf(result)).toMatchObject({ Code: 'Ok', PhoneNumber: '+8613800138000' });
    expect(sandbox.inbox.list()[0]).toMatchObject({
      provider: 'tencent',
      to: '+8613800138000',
      code: '482910',
      signName: 'Logto测试',
      text: '【Logto测试】您的验证码为482910，5分钟内有效，请勿泄露。',
      signatureAlgorithm: 'TC3-HMAC-SHA256',
    });
    expect(sandbox.inbox.list()[0]?.requestId).toBe(result.json.Response.RequestId);
  });

  it('delivers an international code with or without an international signature', async () => {
    expect(statusOf(await sendNow(international('+447400123456')))?.Code).toBe('Ok');
    expect(
      statusOf(await sendNow(international('+85261234567', '1', { SignName: 'LogtoSandbox' })))
        ?.Code
    ).toBe('Ok');
    expect(sandbox.inbox.list().map(({ text }) => text)).toEqual([
      '【LogtoSandbox】Your verification code is 1. It expires in 5 minutes.',
      'Your verification code is 654321. It expires in 5 minutes.',
    ]);
  });

  it('reads a bare 11-digit number as mainland China, as Tencent documents: a US number without + goes to China', async () => {
    expect(statusOf(await sendNow(domestic('16502530000')))).toMatchObject({
      Code: 'Ok',
      PhoneNumber: '+8616502530000',
    });
    expect(sandbox.inbox.list()[0]?.to).toBe('16502530000');
  });

  it.each([
    [
      'a domestic template to an international number',
      international('+16502530000', '1', { TemplateId: '900001' }),
      'FailedOperation.TemplateIncorrectOrUnapproved',
    ],
    [
      'an international template to a mainland number',
      domestic('+8613800138000', '1', { TemplateId: '900002' }),
      'FailedOperation.TemplateIncorrectOrUnapproved',
    ],
    [
      'an unknown template',
      domestic('+8613800138000', '1', { TemplateId: '123' }),
      'FailedOperation.TemplateIncorrectOrUnapproved',
    ],
    [
      'one value too many ({1} only)',
      domestic('+8613800138000', '1', { TemplateParamSet: ['1', 'zh-CN en'] }),
      'FailedOperation.TemplateIncorrectOrUnapproved',
    ],
    [
      'one value too few ({1} and {2})',
      domestic('+8613800138000', '1', { TemplateId: '900003', TemplateParamSet: ['1'] }),
      'FailedOperation.TemplateIncorrectOrUnapproved',
    ],
    [
      'seven digits in a verification template',
      domestic('+8613800138000', '1234567'),
      'InvalidParameterValue.TemplateParameterFormatError',
    ],
    [
      'letters in a verification template',
      domestic('+8613800138000', '12ab'),
      'InvalidParameterValue.TemplateParameterFormatError',
    ],
    [
      'a mainland number without SignName',
      domestic('+8613800138000', '1', { SignName: undefined }),
      'FailedOperation.SignatureIncorrectOrUnapproved',
    ],
    [
      'an unknown signature',
      domestic('+8613800138000', '1', { SignName: '别人的签名' }),
      'FailedOperation.SignatureIncorrectOrUnapproved',
    ],
    [
      'the international signature on a mainland number',
      domestic('+8613800138000', '1', { SignName: 'LogtoSandbox' }),
      'FailedOperation.SignatureIncorrectOrUnapproved',
    ],
    ['a malformed number', domestic('+86123'), 'InvalidParameterValue.IncorrectPhoneNumber'],
  ])('%s → per-number %s', async (_label, body, code) => {
    const result = await sendNow(body);
    expect(result.json.Response.Error).toBeUndefined();
    expect(statusOf(result)).toMatchObject({ Code: code });
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('accepts 0–6 digits and both variables of a two-variable template', async () => {
    expect(
      statusOf(
        await sendNow(
          domestic('+8613800138000', '000123', {
            TemplateId: '900003',
            TemplateParamSet: ['000123', '5'],
          })
        )
      )?.Code
    ).toBe('Ok');
    expect(sandbox.inbox.list()[0]?.text).toBe('【Logto测试】您的验证码为000123，5分钟内有效。');
  });

  it.each([
    [
      'an unknown SdkAppId',
      domestic('+8613800138000', '1', { SmsSdkAppId: '1400999999' }),
      'InvalidParameterValue.SdkAppIdNotExist',
    ],
    [
      'an empty number list',
      domestic('+8613800138000', '1', { PhoneNumberSet: [] }),
      'MissingParameter.EmptyPhoneNumberSet',
    ],
    [
      '201 numbers',
      domestic('+8613800138000', '1', {
        PhoneNumberSet: Array.from(
          { length: 201 },
          (_, index) => `+86138${String(index).padStart(8, '0')}`
        ),
      }),
      'LimitExceeded.PhoneNumberCountLimit',
    ],
    [
      'mainland and international together',
      domestic('+8613800138000', '1', { PhoneNumberSet: ['+8613800138000', '+16502530000'] }),
      'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber',
    ],
    ['a body that is not JSON', '{"PhoneNumberSet":', 'FailedOperation.JsonParseFail'],
    [
      'a numeric TemplateId',
      domestic('+8613800138000', '1', { TemplateId: 900_001 }),
      'InvalidParameter',
    ],
  ])('%s → %s', async (_label, body, code) => {
    expect(errorCodeOf(await sendNow(body))).toBe(code);
  });
});

describe('per-number frequency limits', () => {
  beforeEach(async () => {
    await open({ tencent: { whitelist: ['+8613900139000'] } });
  });

  it('one per 30 s, five per hour, ten per day; the allowlist is exempt', async () => {
    expect(await sendCodeTo()).toBe('Ok');
    expect(await sendCodeTo()).toBe('LimitExceeded.PhoneNumberThirtySecondLimit');
    clock.advance(30_000);
    for (let index = 0; index < 4; index++) {
      expect(await sendCodeTo()).toBe('Ok');
      clock.advance(31_000);
    }
    expect(await sendCodeTo()).toBe('LimitExceeded.PhoneNumberOneHourLimit');
    for (let hour = 1; hour <= 2; hour++) {
      clock.set(start + hour * 3_600_000 + 1000);
      for (let index = 0; index < 5; index++) {
        const code = await sendCodeTo();
        expect(code).toBe(hour === 2 ? 'LimitExceeded.PhoneNumberDailyLimit' : 'Ok');
        clock.advance(31_000);
      }
    }
    for (let index = 0; index < 12; index++) {
      expect(await sendCodeTo('+8613900139000')).toBe('Ok');
    }
    expect(sandbox.inbox.list({ to: '+8613800138000' })).toHaveLength(10);
  });
});

describe('faults', () => {
  beforeEach(async () => {
    await open({ rateLimits: { enabled: false } });
  });

  it('an error fault answers Tencent-shaped and delivers nothing', async () => {
    sandbox.faults.add({ provider: 'tencent', kind: 'error', code: 'RequestLimitExceeded' });
    const result = await sendTencent(sandbox, domestic('+8613800138000'), { nowMs: start });
    expect(errorCodeOf(result)).toBe('RequestLimitExceeded');
    expect(sandbox.inbox.count()).toBe(0);
    expect(
      statusOf(await sendTencent(sandbox, domestic('+8613800138000'), { nowMs: start }))?.Code
    ).toBe('Ok');
  });

  it('a fault for another provider does not touch Tencent calls', async () => {
    sandbox.faults.add({
      provider: 'aliyun',
      kind: 'error',
      code: 'isp.SYSTEM_ERROR',
      sticky: true,
    });
    expect(
      statusOf(await sendTencent(sandbox, domestic('+8613800138000'), { nowMs: start }))?.Code
    ).toBe('Ok');
  });

  it('a truncated fault cuts a Tencent success body', async () => {
    sandbox.faults.add({ provider: 'tencent', kind: 'truncated', to: '+8613800138000' });
    const result = await sendTencent(sandbox, domestic('+8613800138000'), { nowMs: start });
    expect(result.json).toBeUndefined();
    expect(result.text.startsWith('{"Response":{"SendStatusSet":')).toBe(true);
  });

  it('the inbox API filters by provider=tencent', async () => {
    await sendTencent(sandbox, domestic('+8613800138000'), { nowMs: start });
    const listed = await http(`${sandbox.url}/__sandbox/messages?provider=tencent`);
    expect(listed.status).toBe(200);
    expect(listed.json.messages).toEqual([
      expect.objectContaining({ provider: 'tencent', to: '+8613800138000' }),
    ]);
    expect((await http(`${sandbox.url}/__sandbox/messages?provider=aliyun`)).json.messages).toEqual(
      []
    );
  });
});
