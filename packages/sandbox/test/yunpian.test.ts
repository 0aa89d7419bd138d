import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Sandbox, SandboxConfigInput } from '../src/index.js';
import { startSandbox } from '../src/index.js';
import { billedParts } from '../src/yunpian/single-send.js';
import { compileTemplate, matchTemplate } from '../src/yunpian/templates.js';

import type { HttpResult } from './helpers.js';
import { anyInstanceOf, http, manualClock, sendYunpian, yunpianKeys } from './helpers.js';

const cnText = (code: string) => `【Logto测试】您的验证码是${code}。如非本人操作，请忽略本短信`;
const intlText = (code: string) =>
  `【Logto】Your verification code is ${code}. It expires in 5 minutes.`;

const harness = (config: SandboxConfigInput = {}) => {
  const clock = manualClock(Date.parse('2025-03-03T08:00:00Z'));
  const state = { sandbox: undefined as unknown as Sandbox };
  beforeAll(async () => {
    state.sandbox = await startSandbox({ now: clock.now, config });
  });
  afterAll(async () => state.sandbox.close());
  beforeEach(() => {
    state.sandbox.inbox.clear();
  });
  const send = async (fields: Record<string, string>) =>
    sendYunpian(state.sandbox, { apikey: yunpianKeys.intl, ...fields });
  return { clock, state, send };
};

const errorFields = ['code', 'detail', 'http_status_code', 'msg'];

const expectError = (
  response: Pick<HttpResult, 'status' | 'json'>,
  code: number,
  message?: string,
  detail?: string
) => {
  expect(response.status).toBe(400);
  expect(response.json).toMatchObject({ http_status_code: 400, code });
  expect(Object.keys(response.json as object).sort()).toEqual(errorFields);
  if (message) {
    expect(response.json.msg).toBe(message);
  }
  if (detail) {
    expect(response.json.detail).toBe(detail);
  }
};

describe('YunPian single_send', () => {
  const { state, send } = harness({ rateLimits: { enabled: false } });

  it('sends a domestic verification code and answers the documented success shape', async () => {
    const response = await send({ mobile: '13800138000', text: cnText('123456') });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      code: 0,
      msg: '发送成功',
      count: 1,
      fee: 0.05,
      unit: 'RMB',
      mobile: '13800138000',
      sid: anyInstanceOf(Number),
    });
    expect(state.sandbox.inbox.list()[0]).toMatchObject({
      provider: 'yunpian',
      to: '13800138000',
      text: cnText('123456'),
      code: '123456',
      template: '1001',
      signName: 'Logto测试',
      requestId: String(response.json.sid),
      credential: '5a1b…e8f9',
    });
  });

  it('never stores or echoes the full apikey', async () => {
    await send({ mobile: '13800138000', text: cnText('1111') });
    expect(JSON.stringify(state.sandbox.inbox.list())).not.toContain(yunpianKeys.intl);
  });

  it('prepends the account default signature when the text has none', async () => {
    const response = await send({
      mobile: '13800138000',
      text: '您的验证码是2222。如非本人操作，请忽略本短信',
    });
    expect(response.json.code).toBe(0);
    expect(state.sandbox.inbox.list()[0]?.text).toBe(cnText('2222'));
  });

  it('matches #var# against any non-empty text without line breaks', async () => {
    expect((await send({ mobile: '13800138000', text: cnText('a-b c') })).json.code).toBe(0);
    expectError(
      await send({ mobile: '13800138000', text: cnText('') }),
      5,
      '未找到匹配的模板',
      '未自动匹配到合适的模板'
    );
    expectError(await send({ mobile: '13800138000', text: cnText('12\n34') }), 5);
    expectError(await send({ mobile: '13800138000', text: `${cnText('1234')} ` }), 5);
  });

  it('extracts the code from an English domestic template too', async () => {
    await send({ mobile: '13800138000', text: '【Logto测试】Your verification code is 987654.' });
    expect(state.sandbox.inbox.list()[0]).toMatchObject({ template: '1002', code: '987654' });
  });

  it('code 15 for a signature that is neither the default nor a template signature; 16 for two 【】', async () => {
    expectError(
      await send({
        mobile: '13800138000',
        text: '【别人家】您的验证码是1234。如非本人操作，请忽略本短信',
      }),
      15
    );
    expectError(
      await send({ mobile: '13800138000', text: '【Logto测试】【Logto】您的验证码是1234。' }),
      16
    );
  });

  it('international: +<country code> numbers need an international template', async () => {
    const response = await send({ mobile: '+85261234567', text: intlText('5678') });
    expect(response.json).toMatchObject({ code: 0, mobile: '+85261234567' });
    expect(state.sandbox.inbox.list()[0]).toMatchObject({
      to: '+85261234567',
      template: '2001',
      code: '5678',
    });
    // Only a domestic template matches → 23; nothing matches → 5.
    expectError(
      await send({ mobile: '+85261234567', text: cnText('5678') }),
      23,
      '号码归属地不在模板可发送的地区内'
    );
    expectError(await send({ mobile: '+85261234567', text: '【Logto】hello' }), 5);
    // An international template does not serve domestic numbers.
    expectError(await send({ mobile: '13800138000', text: intlText('5678') }), 5);
  });

  it('code 20 when the account has international sending disabled', async () => {
    const response = await sendYunpian(state.sandbox, {
      apikey: yunpianKeys.domesticOnly,
      mobile: '+85261234567',
      text: intlText('5678'),
    });
    expectError(response, 20, '暂不支持的国家地区', '请确认号码归属地');
  });

  it('a raw + decodes to a space (code 2); %2B works', async () => {
    const raw = await sendYunpian(
      state.sandbox,
      {},
      {
        rawBody: `apikey=${yunpianKeys.intl}&mobile=+85261234567&text=${encodeURIComponent(intlText('1234'))}`,
      }
    );
    expectError(raw, 2, '请求参数格式错误', '参数 mobile 格式不正确，mobile: 85261234567');
    const encoded = await sendYunpian(
      state.sandbox,
      {},
      {
        rawBody: `apikey=${yunpianKeys.intl}&mobile=%2B85261234567&text=${encodeURIComponent(intlText('1234'))}`,
      }
    );
    expect(encoded.json.code).toBe(0);
  });

  it('code 2 for 86-prefixed numbers without + and other malformed mobiles', async () => {
    for (const mobile of ['8613800138000', '1380013800', '+86 13800138000', '23800138000']) {
      expectError(await send({ mobile, text: cnText('1234') }), 2);
    }
  });

  it('code 2 for numbers the plan says cannot exist or cannot receive SMS, code 20 for an unassigned country code', async () => {
    // Unallocated mainland prefix, unassigned +1 area code, toll free, UK premium rate, HK fixed line.
    for (const mobile of [
      '14012345678',
      '+13815550123',
      '+18005550123',
      '+449098790000',
      '+85221234567',
    ]) {
      expectError(
        await send({ apikey: yunpianKeys.intl, mobile, text: intlText('1234') }),
        2,
        '请求参数格式错误',
        `参数 mobile 格式不正确，mobile:${mobile}`
      );
    }
    expectError(
      await send({ apikey: yunpianKeys.intl, mobile: '+99912345678', text: intlText('1234') }),
      20,
      '暂不支持的国家地区'
    );
    expect(state.sandbox.inbox.list()).toEqual([]);
  });

  it('accepts +86 mainland numbers as domestic', async () => {
    expect((await send({ mobile: '+8613800138000', text: cnText('3333') })).json.code).toBe(0);
  });

  it('code -1 for an unknown apikey, code 1 for missing parameters', async () => {
    expectError(
      await send({
        apikey: 'ffffffffffffffffffffffffffffffff',
        mobile: '13800138000',
        text: cnText('1'),
      }),
      -1,
      '非法的apikey'
    );
    expectError(
      await sendYunpian(state.sandbox, { mobile: '13800138000', text: cnText('1234') }),
      1,
      '请求参数缺失',
      '参数 apikey 必须传入'
    );
    expectError(await send({ text: cnText('1234') }), 1, '请求参数缺失', '参数 mobile 必须传入');
    expectError(await send({ mobile: '13800138000' }), 1, '请求参数缺失', '参数 text 必须传入');
  });

  it('a JSON body is not read: code 1 "参数 apikey 必须传入", even when labelled as a form', async () => {
    const body = JSON.stringify({
      apikey: yunpianKeys.intl,
      mobile: '13800138000',
      text: cnText('1234'),
    });
    for (const contentType of ['application/json', 'application/x-www-form-urlencoded']) {
      expectError(
        await sendYunpian(state.sandbox, {}, { rawBody: body, contentType }),
        1,
        '请求参数缺失',
        '参数 apikey 必须传入'
      );
    }
    expect(state.sandbox.inbox.count()).toBe(0);
  });

  it('rejects GET with code 11', async () => {
    const response = await http(
      `${state.sandbox.url}/v2/sms/single_send.json?apikey=${yunpianKeys.intl}`
    );
    expectError(response, 11);
  });

  it('code 3 for an account without balance', async () => {
    const response = await sendYunpian(state.sandbox, {
      apikey: yunpianKeys.broke,
      mobile: '13800138000',
      text: cnText('1234'),
    });
    expectError(response, 3, '账户余额不足', '账户需要充值,请充值后重试');
  });

  it('counts billed parts: 70 characters is one part, longer texts are 67 per part', () => {
    expect(billedParts('字'.repeat(70))).toBe(1);
    expect(billedParts('字'.repeat(71))).toBe(2);
    expect(billedParts('a'.repeat(134))).toBe(2);
    expect(billedParts('a'.repeat(135))).toBe(3);
  });
});

describe('YunPian balance', () => {
  const { send } = harness({
    rateLimits: { enabled: false },
    yunpian: {
      accounts: [
        {
          apikey: yunpianKeys.intl,
          balance: 3,
          international: true,
          defaultSignature: '【Logto测试】',
        },
      ],
    },
  });

  it('is decremented per billed part until it runs out', async () => {
    const long = `【Logto测试】您的验证码是${'9'.repeat(60)}。如非本人操作，请忽略本短信`;
    const first = await send({ mobile: '13800138000', text: long });
    expect(first.json).toMatchObject({ code: 0, count: 2, fee: 0.1 });
    expect((await send({ mobile: '13800138001', text: cnText('1234') })).json.code).toBe(0);
    expectError(await send({ mobile: '13800138002', text: cnText('1234') }), 3);
  });
});

describe('YunPian per-recipient limits', () => {
  const { clock, send } = harness({ yunpian: { whitelist: ['13900000000'] } });
  const seconds = (value: number) => {
    clock.advance(value * 1000);
  };

  it('code 8 for the same text to the same number within 30 s', async () => {
    expect((await send({ mobile: '13811110000', text: cnText('1234') })).json.code).toBe(0);
    seconds(10);
    expectError(
      await send({ mobile: '13811110000', text: cnText('1234') }),
      8,
      '同一手机号30秒内重复提交相同的内容'
    );
  });

  it('code 33 for a second verification code within 30 s, code 22 for a fourth within the hour', async () => {
    const mobile = '13822220000';
    expect((await send({ mobile, text: cnText('0001') })).json.code).toBe(0);
    seconds(5);
    expectError(await send({ mobile, text: cnText('0002') }), 33, '超过频率');
    seconds(30);
    expect((await send({ mobile, text: cnText('0003') })).json.code).toBe(0);
    seconds(31);
    expect((await send({ mobile, text: cnText('0004') })).json.code).toBe(0);
    seconds(31);
    expectError(await send({ mobile, text: cnText('0005') }), 22);
  });

  it('code 17 after 10 verification codes in 24 h', async () => {
    const mobile = '13844440000';
    for (let index = 0; index < 10; index += 1) {
      expect(
        (await send({ mobile, text: cnText(`10${String(index).padStart(2, '0')}`) })).json.code
      ).toBe(0);
      clock.advance(61 * 60 * 1000);
    }
    expectError(await send({ mobile, text: cnText('2000') }), 17);
  });

  it('exempts whitelisted numbers', async () => {
    for (let index = 0; index < 5; index += 1) {
      expect((await send({ mobile: '13900000000', text: cnText('1234') })).json.code).toBe(0);
    }
  });
});

describe('YunPian identical-content rule (code 9)', () => {
  const { clock, send } = harness({
    yunpian: {
      templates: [
        { id: '3001', content: '【Logto测试】您的订单#order#已发货', international: false },
      ],
    },
  });

  it('allows 3 identical texts in 5 minutes and refuses the fourth', async () => {
    const text = '【Logto测试】您的订单A100已发货';
    for (let index = 0; index < 3; index += 1) {
      expect((await send({ mobile: '13855550000', text })).json.code).toBe(0);
      clock.advance(31_000);
    }
    expectError(
      await send({ mobile: '13855550000', text }),
      9,
      '同一手机号5分钟内重复提交相同的内容超过3次'
    );
    clock.advance(5 * 60_000);
    expect((await send({ mobile: '13855550000', text })).json.code).toBe(0);
  });
});

describe('template matching', () => {
  const template = compileTemplate({
    id: '9',
    content: '【签】Hi #name#, code #code# (valid 5 min).',
    international: false,
  });

  it('escapes regex characters in the literal parts and captures variables', () => {
    expect(matchTemplate('Hi Ann, code 1234 (valid 5 min).', '【签】', [template])?.values).toEqual(
      { name: 'Ann', code: '1234' }
    );
    expect(matchTemplate('Hi Ann, code 1234 (valid 5 minX', '【签】', [template])).toBeNull();
    expect(matchTemplate('Hi Ann, code 1234 (valid 5 min).', '【别的】', [template])).toBeNull();
  });
});

describe('template matching on hostile input', () => {
  const adjacent = compileTemplate({
    id: '10',
    content: '【签】#a##b##c##d#!',
    international: false,
  });

  it('splits adjacent variables the way the lazy pattern did: one character each, the rest to the last', () => {
    expect(matchTemplate('wxyz1234!', '【签】', [adjacent])?.values).toEqual({
      a: 'w',
      b: 'x',
      c: 'y',
      d: 'z1234',
    });
    expect(matchTemplate('wxy!', '【签】', [adjacent])).toBeNull();
  });

  it('places each literal at its earliest fit and never lets a variable span a line break', () => {
    const lines = compileTemplate({
      id: '11',
      content: '【签】#a#-#b#\n#c#-end',
      international: false,
    });
    expect(matchTemplate('1-2-3\n4-end', '【签】', [lines])?.values).toEqual({
      a: '1',
      b: '2-3',
      c: '4',
    });
    expect(matchTemplate('1-2\n3\n4-end', '【签】', [lines])).toBeNull();
    expect(matchTemplate('1-2\r\n4-end', '【签】', [lines])).toBeNull();
    expect(matchTemplate('-2\n4-end', '【签】', [lines])).toBeNull();
    const noVariables = compileTemplate({
      id: '12',
      content: '【签】Fixed text.',
      international: false,
    });
    expect(matchTemplate('Fixed text.', '【签】', [noVariables])?.values).toEqual({});
    expect(matchTemplate('Fixed text!', '【签】', [noVariables])).toBeNull();
  });

  it('takes time linear in the text: four adjacent variables over 200k characters that almost match', () => {
    // A backtracking pattern needs minutes here (the test's own timeout ends it); a linear scan, milliseconds.
    expect(matchTemplate('x'.repeat(200_000), '【签】', [adjacent])).toBeNull();
    const two = compileTemplate({ id: '13', content: '【签】#a##b#;', international: false });
    expect(matchTemplate(`${'y'.repeat(200_000)}:`, '【签】', [two])).toBeNull();
  });
});

describe('YunPian text length', () => {
  const { state, send } = harness({
    rateLimits: { enabled: false },
    yunpian: {
      templates: [{ id: '20', content: '【Logto测试】Note: #body#', international: false }],
    },
  });

  it('refuses a text over 500 characters with code 48 before matching templates', async () => {
    const fits = `【Logto测试】Note: ${'字'.repeat(500 - '【Logto测试】Note: '.length)}`;
    expect([...fits].length).toBe(500);
    expect((await send({ mobile: '13800138000', text: fits })).json.code).toBe(0);
    expectError(await send({ mobile: '13800138001', text: `${fits}字` }), 48);
    expect(state.sandbox.inbox.list({ to: '13800138001' })).toEqual([]);
  });
});
