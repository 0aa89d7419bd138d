import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { errorData, rejectionOf } from '../../../tests/support/index.js';
import { unmatchedRequests } from '../../../tests/support/network.js';

import {
  apikey,
  baseConfig,
  endpoint,
  mockYunpian,
  send,
  sendPath,
  successBody,
} from './helpers.js';

// Typed as unknown: vitest types its asymmetric matchers as any.
const anyText: unknown = expect.any(String);

beforeEach(() => {
  nock.disableNetConnect();
  unmatchedRequests.length = 0;
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** A send that must be refused locally: no interceptor exists, so any request would be recorded. */
const refusedLocally = async (
  config: Record<string, unknown>,
  to: string,
  payload?: Record<string, unknown>
) => {
  const error = await rejectionOf(send(config, { to, ...(payload ? { payload } : {}) }));
  expect(unmatchedRequests).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
  return error;
};

describe('the request on the wire', () => {
  test('POSTs a UTF-8 form with apikey, mobile and text to /v2/sms/single_send.json', async () => {
    const { scope, captured } = mockYunpian(200, successBody);
    await send(baseConfig(), { to: '8613800138000', type: 'SignIn', payload: { code: '123456' } });
    expect(scope.isDone()).toBe(true);
    expect(captured).toHaveLength(1);
    const [request] = captured;
    expect(request?.path).toBe(sendPath);
    expect(request?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded;charset=utf-8'
    );
    expect(request?.headers.accept).toBe('application/json;charset=utf-8');
    expect(request?.body).toBe(
      `apikey=${apikey}&mobile=13800138000&text=` +
        '%E3%80%90%E7%A4%BA%E4%BE%8B%E3%80%91%E6%82%A8%E7%9A%84%E7%99%BB%E5%BD%95%E9%AA%8C%E8%AF%81%E7%A0%81%E6%98%AF123456' +
        '%EF%BC%8C5%E5%88%86%E9%92%9F%E5%86%85%E6%9C%89%E6%95%88%E3%80%82'
    );
    expect(new URLSearchParams(request?.body).get('text')).toBe(
      '【示例】您的登录验证码是123456，5分钟内有效。'
    );
  });

  test('goes to the configured endpoint (us.yunpian.com)', async () => {
    const { scope } = mockYunpian(200, successBody, { origin: 'https://us.yunpian.com' });
    await send(baseConfig({ endpoint: 'https://us.yunpian.com' }), { to: '8613800138000' });
    expect(scope.isDone()).toBe(true);
  });

  test('encodes characters that a hand-built body would break (%, &, +, =, spaces, newlines)', async () => {
    const content = '【示例】码 #code# 100%有效 & a+b=c\r\n再见 ';
    const templates = [...(baseConfig().templates as Array<Record<string, unknown>>)];
    templates[0] = { usageType: 'SignIn', content };
    const { scope, captured } = mockYunpian(200, successBody);
    await send(baseConfig({ templates }), { to: '8613800138000', payload: { code: '654321' } });
    expect(scope.isDone()).toBe(true);
    const body = captured[0]?.body ?? '';
    expect(body).toContain('+100%25%E6%9C%89%E6%95%88+%26+a%2Bb%3Dc%0D%0A');
    expect(new URLSearchParams(body).get('text')).toBe(
      '【示例】码 654321 100%有效 & a+b=c\r\n再见 '
    );
  });
});

describe('phone numbers', () => {
  const intlOn = { enableInternational: true };

  test.each([
    ['CN with 86', '8613800138000', {}, '13800138000'],
    ['CN with +86', '+8613800138000', {}, '13800138000'],
    ['CN with 0086', '008613800138000', {}, '13800138000'],
    ['CN typed with separators', '+86 138-0013-8000', {}, '13800138000'],
    ['CN 19x range', '8619912345678', {}, '19912345678'],
    [
      'legacy bare CN number, strict check off',
      '13800138000',
      { strictPhoneRegionNumberCheck: false },
      '13800138000',
    ],
    ['HK', '85261234567', intlOn, '%2B85261234567'],
    ['HK with +', '+852 6123 4567', intlOn, '%2B85261234567'],
    ['US', '14155552671', intlOn, '%2B14155552671'],
    ['UK', '447400123456', intlOn, '%2B447400123456'],
    ['UK with 00', '00447400123456', intlOn, '%2B447400123456'],
    ['bare CN-shaped number, strict check on: read as +1', '16502530000', intlOn, '%2B16502530000'],
    [
      'explicit +1 with strict check off stays international',
      '+16502530000',
      { ...intlOn, strictPhoneRegionNumberCheck: false },
      '%2B16502530000',
    ],
  ])('%s: %s → mobile=%s', async (_name, to, overrides, wire) => {
    const { scope, captured } = mockYunpian(200, successBody);
    await send(baseConfig(overrides), { to });
    expect(scope.isDone()).toBe(true);
    expect(captured[0]?.body).toContain(`&mobile=${wire}&`);
  });

  test.each([
    ['letters', '86138001380ab'],
    ['too short', '861380'],
    ['too long', '8613800138000123'],
    ['86 but not a mainland mobile', '8612345678901'],
    ['national number with a leading 0', '013800138000'],
    ['an unassigned +1 area code', '13815550123'],
    ['86 with an unallocated mobile prefix', '8614012345678'],
    ['a toll-free number', '+1 800 555 0123'],
    ['empty', ''],
    ['only a plus', '+'],
  ])('%s (%j) is InvalidRequestParameters with no request', async (_name, to) => {
    const error = await refusedLocally(baseConfig({ enableInternational: true }), to);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(errorData(error).errorDescription).toEqual(anyText);
  });
});

describe('international numbers', () => {
  test('refused while enableInternational is off, with the configured message and no request', async () => {
    const error = await refusedLocally(
      baseConfig({ unsupportedCountriesMsg: '暂不支持海外手机号，请使用中国大陆手机号。' }),
      '85261234567'
    );
    // General is the one code whose errorDescription Logto shows to the person signing in.
    expect(error.code).toBe(ConnectorErrorCodes.General);
    const namesTheSwitch: unknown = expect.stringContaining('enableInternational');
    expect(error.data).toEqual({
      errorDescription: '暂不支持海外手机号，请使用中国大陆手机号。',
      hint: namesTheSwitch,
    });
  });

  test('refused with a clear default message when none is configured', async () => {
    const error = await refusedLocally(baseConfig(), '14155552671');
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(errorData(error).errorDescription).toMatch(
      /outside mainland China.*international SMS is not enabled/
    );
  });

  test('a legacy bare CN number in strict mode counts as international, so it is refused too (never sent to +1…)', async () => {
    const error = await refusedLocally(baseConfig(), '16502530000');
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(errorData(error).errorDescription).toMatch(/international SMS is not enabled/);
  });

  test('mainland numbers still go out while international is off', async () => {
    const { scope } = mockYunpian(200, successBody);
    await send(baseConfig({ enableInternational: false }), { to: '8613800138000' });
    expect(scope.isDone()).toBe(true);
  });

  test('sent as +<country code><number> when enableInternational is on', async () => {
    const { scope, captured } = mockYunpian(200, { ...successBody, mobile: '+85261234567' });
    await expect(
      send(baseConfig({ enableInternational: true }), { to: '85261234567' })
    ).resolves.toEqual({
      sid: '3310228982',
      count: 1,
      fee: 0.05,
      mobile: '+85261234567',
      template: anyText,
    });
    expect(scope.isDone()).toBe(true);
    expect(new URLSearchParams(captured[0]?.body).get('mobile')).toBe('+85261234567');
  });
});

describe('templates and payload', () => {
  const localized = baseConfig({
    templates: [
      { usageType: 'SignIn', content: '【示例】登录验证码#code#' },
      { usageType: 'SignIn', content: '[Demo] Sign-in code: {{code}}', locale: 'en' },
      { usageType: 'SignIn', content: '【示例】登入驗證碼#code#', locale: 'zh-TW' },
      { usageType: 'Register', content: '【示例】注册验证码#code#' },
      { usageType: 'ForgotPassword', content: '【示例】重置密码验证码#code#' },
      { usageType: 'Generic', content: '【示例】验证码#code#' },
      { usageType: 'Generic', content: '[Demo] Your code is {{code}}', locale: 'en' },
    ],
  });

  test.each([
    ['SignIn', undefined, undefined, '【示例】登录验证码123456'],
    ['SignIn', 'en', undefined, '[Demo] Sign-in code: 123456'],
    ['SignIn', 'en-US', undefined, '[Demo] Sign-in code: 123456'],
    ['SignIn', 'zh_TW', undefined, '【示例】登入驗證碼123456'],
    ['SignIn', 'zh-CN', undefined, '【示例】登入驗證碼123456'],
    ['SignIn', 'fr', undefined, '【示例】登录验证码123456'],
    ['SignIn', undefined, 'en zh-CN', '[Demo] Sign-in code: 123456'],
    // The usage type's own template (even without the wanted locale) beats Generic's.
    ['Register', 'en', undefined, '【示例】注册验证码123456'],
    ['MfaVerification', undefined, undefined, '【示例】验证码123456'],
    ['MfaVerification', 'en', undefined, '[Demo] Your code is 123456'],
    ['BindMfa', 'ja', undefined, '【示例】验证码123456'],
  ])('%s with locale %s / uiLocales %s → %s', async (type, locale, uiLocales, text) => {
    const { scope, captured } = mockYunpian(200, successBody);
    const payload = {
      code: '123456',
      ...(locale ? { locale } : {}),
      ...(uiLocales ? { uiLocales } : {}),
    };
    await send(localized, { to: '8613800138000', type, payload });
    expect(scope.isDone()).toBe(true);
    expect(new URLSearchParams(captured[0]?.body).get('text')).toBe(text);
  });

  test('zh-CN picks its exact template over another Chinese one', async () => {
    const config = baseConfig({
      templates: [
        ...(baseConfig().templates as unknown[]),
        { usageType: 'SignIn', content: '繁體 #code#', locale: 'zh-TW' },
        { usageType: 'SignIn', content: '简体 #code#', locale: 'zh-CN' },
      ],
    });
    const { scope, captured } = mockYunpian(200, successBody);
    await send(config, { to: '8613800138000', payload: { code: '123456', locale: 'zh-CN' } });
    expect(scope.isDone()).toBe(true);
    expect(new URLSearchParams(captured[0]?.body).get('text')).toBe('简体 123456');
  });

  test('only the code is filled in: link, other handlebars and payload extras never reach YunPian', async () => {
    const config = baseConfig({
      templates: [
        ...(baseConfig().templates as Array<Record<string, unknown>>).filter(
          ({ usageType }) => usageType !== 'Generic'
        ),
        { usageType: 'Generic', content: '  验证码{{code}}，详情{{link}} {{locale}}\n' },
      ],
    });
    const { scope, captured } = mockYunpian(200, successBody);
    await send(config, {
      to: '8613800138000',
      type: 'OrganizationInvitation',
      payload: {
        code: '123456',
        link: 'https://example.com/x',
        locale: 'zh-CN',
        uiLocales: 'zh-CN en',
        extra: 'nope',
      },
    });
    expect(scope.isDone()).toBe(true);
    const body = captured[0]?.body ?? '';
    expect([...new URLSearchParams(body).keys()]).toEqual(['apikey', 'mobile', 'text']);
    expect(new URLSearchParams(body).get('text')).toBe('  验证码123456，详情{{link}} {{locale}}\n');
  });

  test.each([
    ['no payload code', { locale: 'en' }],
    ['an empty code', { code: '' }],
  ])('%s is InsufficientRequestParameters with no request', async (_name, payload) => {
    const error = await refusedLocally(baseConfig(), '8613800138000', payload);
    expect(error.code).toBe(ConnectorErrorCodes.InsufficientRequestParameters);
  });

  test('a code that is not letters or digits is InvalidRequestParameters with no request', async () => {
    const error = await refusedLocally(baseConfig(), '8613800138000', { code: '12 34&x' });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
  });
});

describe('config errors come before the network', () => {
  test('an unknown endpoint host is InvalidConfig and nothing is sent', async () => {
    const error = await refusedLocally(
      baseConfig({ endpoint: 'https://sms.example.com' }),
      '8613800138000'
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
  });

  test('the default endpoint is sms.yunpian.com', async () => {
    const { scope } = mockYunpian(200, successBody, { origin: endpoint });
    await send(baseConfig(), { to: '8613800138000' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('the test harness', () => {
  test('notices a request no interceptor expected (so "no request made" assertions mean something)', async () => {
    const error = await rejectionOf(
      send(baseConfig({ enableInternational: true }), { to: '85261234567' })
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    // Nock refuses with ENETUNREACH, which the retry rule reads as "never sent": two attempts.
    expect(unmatchedRequests).toEqual([
      `POST ${endpoint}${sendPath}`,
      `POST ${endpoint}${sendPath}`,
    ]);
  });
});

describe('domestic and international texts of one template', () => {
  const regional = {
    usageType: 'SignIn',
    content: {
      china: '【示例】您的登录验证码是#code#。',
      overseas: '【Example】Your sign-in code is {{code}}.',
    },
  };
  const config = () =>
    baseConfig({
      enableInternational: true,
      templates: [...(baseConfig().templates as Array<Record<string, unknown>>).slice(1), regional],
    });

  test.each([
    ['8613800138000', '13800138000', '【示例】您的登录验证码是654321。'],
    ['85261234567', '+85261234567', '【Example】Your sign-in code is 654321.'],
    ['16502530000', '+16502530000', '【Example】Your sign-in code is 654321.'],
  ])('%s gets the text for its region', async (to, mobile, text) => {
    const { scope, captured } = mockYunpian(200, successBody);
    await send(config(), { to, type: 'SignIn', payload: { code: '654321' } });
    expect(scope.isDone()).toBe(true);
    const form = new URLSearchParams(captured[0]?.body);
    expect(form.get('mobile')).toBe(mobile);
    expect(form.get('text')).toBe(text);
  });
});
