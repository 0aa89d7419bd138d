import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { classifyNumber } from '../src/aliyun/phone-numbers.js';
import type { Sandbox, SandboxConfigInput } from '../src/index.js';
import { startSandbox } from '../src/index.js';

import { manualClock, sendV1, sms, v1Params } from './helpers.js';

const startAt = Date.parse('2025-03-03T08:00:00Z');

const harness = (config: SandboxConfigInput = {}) => {
  const clock = manualClock(startAt);
  const state = { sandbox: undefined as unknown as Sandbox };
  beforeAll(async () => {
    state.sandbox = await startSandbox({ now: clock.now, config });
  });
  afterAll(async () => state.sandbox.close());
  beforeEach(() => {
    state.sandbox.inbox.clear();
  });
  const send = async (business: Record<string, string>) => {
    const response = await sendV1(state.sandbox, v1Params(business, { now: clock.now() }));
    expect(response.status).toBe(200);
    return response.json as {
      Code: string;
      Message: string;
      RequestId: string;
      BizId?: string;
      HostId?: string;
    };
  };
  return { clock, state, send };
};

describe('SendSms business checks (HTTP 200 with isv.* codes)', () => {
  const { state, send } = harness({ rateLimits: { enabled: false } });

  const expectRefused = async (
    business: Record<string, string>,
    code: string,
    message?: string | RegExp
  ) => {
    const body = await send(business);
    expect(body.Code).toBe(code);
    expect(body.HostId).toBeUndefined();
    expect(body.BizId).toBeUndefined();
    if (typeof message === 'string') {
      expect(body.Message).toBe(message);
    } else if (message) {
      expect(body.Message).toMatch(message);
    }
    expect(state.sandbox.inbox.count()).toBe(0);
  };

  it('accepts a valid send and stores the rendered text', async () => {
    const body = await send(sms('13800138000', '123456'));
    expect(body).toMatchObject({ Code: 'OK', Message: 'OK' });
    expect(body.BizId).toMatch(/^\d{18}\^0$/);
    expect(state.sandbox.inbox.list()[0]).toMatchObject({
      to: '13800138000',
      text: '【Logto测试】您的验证码为123456，5分钟内有效，请勿泄露。',
      code: '123456',
      requestId: body.RequestId,
    });
  });

  it('renders a two-variable notification template', async () => {
    await send(
      sms('13800138000', '', {
        TemplateCode: 'SMS_900010',
        TemplateParam: '{"name":"张三","code":"8421"}',
      })
    );
    expect(state.sandbox.inbox.list()[0]).toMatchObject({
      text: '【Logto测试】张三，您好：您的验证码为8421。',
      code: '8421',
    });
  });

  it('accepts alphanumeric verification codes of 4 to 6 characters', async () => {
    for (const code of ['1234', 'AB12cd', 'abcde']) {
      expect((await send(sms('13800138000', code))).Code).toBe('OK');
    }
  });

  it('isv.SMS_SIGNATURE_ILLEGAL for an unapproved signature (brackets included)', async () => {
    await expectRefused(
      sms('13800138000', '1234', { SignName: 'Unknown' }),
      'isv.SMS_SIGNATURE_ILLEGAL',
      '签名不合法(不存在或被拉黑)'
    );
    await expectRefused(
      sms('13800138000', '1234', { SignName: '【Logto测试】' }),
      'isv.SMS_SIGNATURE_ILLEGAL'
    );
  });

  it('isv.SMS_TEMPLATE_ILLEGAL for an unknown template', async () => {
    await expectRefused(
      sms('13800138000', '1234', { TemplateCode: 'SMS_000000' }),
      'isv.SMS_TEMPLATE_ILLEGAL'
    );
  });

  it('isv.INVALID_JSON_PARAM for non-JSON, arrays and non-string values', async () => {
    for (const TemplateParam of ['code=1234', '["1234"]', '{"code":123456}', '"1234"']) {
      await expectRefused(sms('13800138000', '1234', { TemplateParam }), 'isv.INVALID_JSON_PARAM');
    }
  });

  it('isv.TEMPLATE_MISSING_PARAMETERS when a variable is absent', async () => {
    await expectRefused(
      sms('13800138000', '', { TemplateCode: 'SMS_900010', TemplateParam: '{"code":"1234"}' }),
      'isv.TEMPLATE_MISSING_PARAMETERS'
    );
    const { TemplateParam: _dropped, ...withoutParam } = sms('13800138000');
    await expectRefused(withoutParam, 'isv.TEMPLATE_MISSING_PARAMETERS');
  });

  it('isv.INVALID_PARAMETERS for extra keys or a malformed code on a verification template', async () => {
    const message = 'params must be [a-zA-Z0-9] for verification sms';
    await expectRefused(
      sms('13800138000', '', { TemplateParam: '{"code":"1234","locale":"zh-CN"}' }),
      'isv.INVALID_PARAMETERS',
      message
    );
    for (const code of ['123', '1234567', '12-34', '', '１２３４']) {
      await expectRefused(sms('13800138000', code), 'isv.INVALID_PARAMETERS', message);
    }
  });

  it('accepts mainland numbers with +86, 0086 or 86 prefixes and keeps them as received', async () => {
    for (const to of ['+8613800138000', '008613800138000', '8613800138000']) {
      expect((await send(sms(to))).Code).toBe('OK');
      expect(state.sandbox.inbox.list()[0]?.to).toBe(to);
    }
  });

  it('isv.MOBILE_NUMBER_ILLEGAL for malformed numbers', async () => {
    for (const to of [
      '12345',
      '1380013800',
      '23800138000',
      '+85261234567',
      '0085261234567',
      '138 0013 8000',
      '13800138000,',
    ]) {
      const body = await send(sms(to));
      expect({ to, code: body.Code }).toEqual({ to, code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    }
    expect(state.sandbox.inbox.count()).toBe(0);
  });

  it('isv.MOBILE_NUMBER_ILLEGAL for numbers the plan says cannot exist or cannot receive SMS', async () => {
    // Unallocated mainland prefix (Aliyun reads any bare 1[3-9]… as mainland, so +1 numbers with an
    // area code 2xx are the ones it reads as +1), unassigned +1 area code, UK premium rate, HK fixed
    // line, unassigned country code.
    for (const [to, templateCode] of [
      ['14012345678', 'SMS_900001'],
      ['12905550123', 'SMS_900002'],
      ['449098790000', 'SMS_900002'],
      ['85221234567', 'SMS_900002'],
      ['99912345678', 'SMS_900002'],
    ]) {
      const body = await send(sms(to!, '1234', { TemplateCode: templateCode! }));
      expect({ to, code: body.Code }).toEqual({ to, code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    }
    expect(state.sandbox.inbox.count()).toBe(0);
  });

  it('isv.MOBILE_NUMBER_ILLEGAL when a mainland template is sent abroad', async () => {
    await expectRefused(
      sms('85261234567'),
      'isv.MOBILE_NUMBER_ILLEGAL',
      /mainland template cannot be sent abroad/
    );
  });

  it('isv.DOMESTIC_NUMBER_NOT_SUPPORTED when an international template targets a mainland number with its country code', async () => {
    for (const to of ['8613800138000', '+8613800138000', '008613800138000']) {
      await expectRefused(
        sms(to, '1234', { TemplateCode: 'SMS_900002' }),
        'isv.DOMESTIC_NUMBER_NOT_SUPPORTED'
      );
    }
  });

  it('delivers an 11-digit 1… number on an international template as +1 (modelled from reports)', async () => {
    expect((await send(sms('18625550142', '4321', { TemplateCode: 'SMS_900002' }))).Code).toBe(
      'OK'
    );
    expect(state.sandbox.inbox.list()).toMatchObject([
      {
        to: '+18625550142',
        text: '【Logto测试】Your verification code is 4321. It expires in 5 minutes.',
      },
    ]);
  });

  it('reads the same 11 digits on a mainland template as a mainland mobile', async () => {
    expect((await send(sms('18625550142', '4321'))).Code).toBe('OK');
    expect(state.sandbox.inbox.list()).toMatchObject([
      { to: '18625550142', template: 'SMS_900001' },
    ]);
  });

  it('sends an international template to a country-code number', async () => {
    expect((await send(sms('85261234567', '4321', { TemplateCode: 'SMS_900002' }))).Code).toBe(
      'OK'
    );
    expect(state.sandbox.inbox.list()[0]).toMatchObject({
      to: '85261234567',
      text: '【Logto测试】Your verification code is 4321. It expires in 5 minutes.',
    });
  });

  it('stores one message per number for comma-separated PhoneNumbers and caps the list at 1000', async () => {
    expect((await send(sms('13800138000,13900139000'))).Code).toBe('OK');
    expect(state.sandbox.inbox.list().map((message) => message.to)).toEqual([
      '13900139000',
      '13800138000',
    ]);
    state.sandbox.inbox.clear();
    const many = Array.from(
      { length: 1001 },
      (_, index) => `1380000${String(index).padStart(4, '0')}`
    ).join(',');
    await expectRefused(sms(many), 'isv.MOBILE_COUNT_OVER_LIMIT');
  });
});

describe('per-number flow control', () => {
  const whitelisted = '13700000000';
  const { clock, state, send } = harness({ aliyun: { whitelist: [`+86${whitelisted}`] } });
  const at = (time: string) => {
    clock.set(Date.parse(`2025-03-03T${time}Z`));
  };

  it('allows 1 per minute (clock-aligned minutes)', async () => {
    at('08:00:10');
    expect((await send(sms('13811110000'))).Code).toBe('OK');
    at('08:00:50');
    const limited = await send(sms('13811110000'));
    expect(limited).toMatchObject({
      Code: 'isv.BUSINESS_LIMIT_CONTROL',
      Message: '触发分钟级流控Permits:1',
    });
    at('08:01:00');
    expect((await send(sms('13811110000'))).Code).toBe('OK');
    expect(state.sandbox.inbox.count()).toBe(2);
  });

  it('allows 5 per hour and 10 per rolling day', async () => {
    const to = '13822220000';
    for (const minute of ['00', '01', '02', '03', '04']) {
      at(`08:${minute}:00`);
      expect((await send(sms(to))).Code).toBe('OK');
    }
    at('08:05:00');
    expect(await send(sms(to))).toMatchObject({
      Code: 'isv.BUSINESS_LIMIT_CONTROL',
      Message: '触发小时级流控Permits:5',
    });
    for (const minute of ['00', '01', '02', '03', '04']) {
      at(`09:${minute}:00`);
      expect((await send(sms(to))).Code).toBe('OK');
    }
    at('10:00:00');
    expect(await send(sms(to))).toMatchObject({
      Code: 'isv.BUSINESS_LIMIT_CONTROL',
      Message: '触发天级流控Permits:10',
    });
    // 24 h after the first send it leaves the rolling window.
    clock.set(Date.parse('2025-03-04T08:00:00Z') + 1);
    expect((await send(sms(to))).Code).toBe('OK');
  });

  it('counts per signature and number, not per template', async () => {
    at('11:00:00');
    expect((await send(sms('13833330000'))).Code).toBe('OK');
    expect((await send(sms('13833330000', '1234', { TemplateCode: 'SMS_900003' }))).Code).toBe(
      'isv.BUSINESS_LIMIT_CONTROL'
    );
    expect((await send(sms('13833330000', '1234', { SignName: 'LogtoSandbox' }))).Code).toBe('OK');
  });

  it('recognises the same subscriber across prefixes', async () => {
    at('12:00:00');
    expect((await send(sms('13844440000'))).Code).toBe('OK');
    expect((await send(sms('+8613844440000'))).Code).toBe('isv.BUSINESS_LIMIT_CONTROL');
  });

  it('exempts whitelisted numbers', async () => {
    at('13:00:00');
    for (let index = 0; index < 12; index += 1) {
      expect((await send(sms(whitelisted))).Code).toBe('OK');
    }
  });

  it('does not apply to international numbers', async () => {
    at('14:00:00');
    for (let index = 0; index < 3; index += 1) {
      expect((await send(sms('85291234567', '1234', { TemplateCode: 'SMS_900002' }))).Code).toBe(
        'OK'
      );
    }
  });
});

describe('rate limits switched off', () => {
  const { send } = harness({ rateLimits: { enabled: false } });
  it('lets the same number through repeatedly', async () => {
    for (let index = 0; index < 12; index += 1) {
      expect((await send(sms('13855550000'))).Code).toBe('OK');
    }
  });
});

describe('number classification', () => {
  it.each([
    ['13800138000', 'mainland'],
    ['+8619912345678', 'mainland'],
    ['008613800138000', 'mainland'],
    ['85261234567', 'international'],
    ['12025550123', 'international'],
    ['6591234567', 'international'],
    ['8612345', null],
    ['+85261234567', null],
    ['0085261234567', null],
    ['12', null],
    ['1380013800a', null],
    // The number plan: shapes that cannot exist or cannot receive SMS are MOBILE_NUMBER_ILLEGAL too.
    ['14012345678', null],
    ['8614012345678', null],
    ['12905550123', null],
    ['119043000000', null],
    // Aliyun reads a bare 1[3-9]… as mainland: +1 381 555 0123 and +1 800 555 0123 become mainland mobiles.
    ['13815550123', 'mainland'],
    ['18005550123', 'mainland'],
    ['449098790000', null],
    ['85221234567', null],
    ['447700900123', null],
    ['85366123456', 'international'],
    ['886912345678', 'international'],
  ])('%s → %s', (number, region) => {
    expect(classifyNumber(number)).toBe(region);
  });
});
