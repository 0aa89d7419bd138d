/**
 * The BUILT YunPian connector (npm-packed, loaded by @logto/cli's loader from a Logto-shaped
 * directory) against the emulator over real HTTP on 127.0.0.1: both placeholder styles, mainland
 * and international numbers, locale templates, every error category, and the inbox contents.
 */
import type { Sandbox } from '@logto-sms/sandbox';

import { beforeAll, describe, expect, it } from 'vitest';

import { connectorErrorOf, randomCode, senderFor, type LoadedConnector } from '../helpers/logto.js';

import { useEndToEndEnvironment } from './environment.js';
import { itMapsTransportFaults } from './transport-faults.js';

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];
const apikey = '5a1b2c3d4e5f60718293a4b5c6d7e8f9';
const internationalOffApikey = '0f9e8d7c6b5a49382716f5e4d3c2b1a0';
const zeroBalanceApikey = '00000000000000000000000000000000';
const mainlandText = '您的验证码是{{code}}。如非本人操作，请忽略本短信';
const internationalText = '【Logto】Your verification code is {{code}}. It expires in 5 minutes.';

let yunpian: LoadedConnector;
let sandbox: Sandbox;
let limited: Sandbox;

const templates = (content: string, extra: Array<Record<string, unknown>> = []) => [
  ...usageTypes.map((usageType) => ({ usageType, content })),
  ...extra,
];

const configFor = (target: Sandbox, overrides: Record<string, unknown> = {}) => ({
  apikey,
  endpoint: target.url,
  enableInternational: true,
  templates: usageTypes.map((usageType) => ({
    usageType,
    content: { china: mainlandText, overseas: internationalText },
  })),
  ...overrides,
});

const environment = useEndToEndEnvironment();

beforeAll(() => {
  ({ sandbox, limited } = environment);
  yunpian = environment.logto.yunpian;
});

describe('successful sends', () => {
  it.each([
    ['{{code}}', mainlandText],
    ['#code#', '您的验证码是#code#。如非本人操作，请忽略本短信'],
  ])('mainland number, %s template', async (_style, content) => {
    const sender = await senderFor(yunpian, configFor(sandbox, { templates: templates(content) }));
    const code = randomCode();
    const result = (await sender.signIn('8613800138000', {
      code,
      locale: 'zh-CN',
      uiLocales: 'zh-CN en',
    })) as Record<string, unknown>;
    expect(result).toMatchObject({ count: 1, fee: 0.05 });
    expect(result.sid).toBeDefined();
    const messages = sandbox.inbox.list();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      provider: 'yunpian',
      to: '13800138000',
      text: `【Logto测试】您的验证码是${code}。如非本人操作，请忽略本短信`,
      code,
      template: '1001',
      signName: 'Logto测试',
      credential: '5a1b…e8f9',
    });
    expect(String(messages[0]!.requestId)).toBe(String(result.sid));
  });

  it('international number with the international text, whatever the locale', async () => {
    const sender = await senderFor(yunpian, configFor(sandbox));
    const code = randomCode();
    await sender.signIn('85261234567', { code, locale: 'zh-CN' });
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({
        to: '+85261234567',
        text: `【Logto】Your verification code is ${code}. It expires in 5 minutes.`,
        code,
        template: '2001',
        signName: 'Logto',
      }),
    ]);
  });

  it("the Console's Send button: Generic, code 000000, unsaved config as the second argument", async () => {
    const sender = await senderFor(yunpian, configFor(sandbox));
    await sender.consoleTest('8613800138000');
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({ to: '13800138000', code: '000000', template: '1001' }),
    ]);
  });

  it('picks the locale template, falling back to the default one', async () => {
    const sender = await senderFor(
      yunpian,
      configFor(sandbox, {
        templates: templates(mainlandText, [
          { usageType: 'SignIn', locale: 'en', content: 'Your verification code is #code#.' },
        ]),
      })
    );
    const english = randomCode();
    await sender.signIn('8613800138000', { code: english, locale: 'en-GB' });
    const fallback = randomCode();
    await sender.signIn('8613800138000', { code: fallback, locale: 'fr' });
    const [latest, first] = sandbox.inbox.list();
    expect(first).toMatchObject({
      template: '1002',
      text: `【Logto测试】Your verification code is ${english}.`,
      code: english,
    });
    expect(latest).toMatchObject({ template: '1001', code: fallback });
  });
});

describe('errors, mapped to ConnectorError codes', () => {
  it("RateLimitExceeded: the emulator's real per-number anti-bombing limit", async () => {
    const sender = await senderFor(yunpian, configFor(limited));
    await sender.signIn('8613912345678', { code: randomCode() });
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613912345678', { code: randomCode() })
    );
    expect(error.code).toBe('rate_limit_exceeded');
    expect(limited.inbox.count()).toBe(1);
  });

  it('UsageLimitExceeded: an account with zero balance (code 3)', async () => {
    const sender = await senderFor(yunpian, configFor(sandbox, { apikey: zeroBalanceApikey }));
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: randomCode() })
    );
    expect(error.code).toBe('usage_limit_exceeded');
    expect(error.data.providerCode).toBe(3);
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('InvalidConfig: a wrong apikey (code -1), and the apikey is not echoed', async () => {
    const wrongApikey = 'ffffffffffffffffffffffffcanary01';
    const sender = await senderFor(yunpian, configFor(sandbox, { apikey: wrongApikey }));
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: '975310' })
    );
    expect(error.code).toBe('invalid_config');
    expect(error.data.providerCode).toBe(-1);
    const everything = `${error.message} ${JSON.stringify(error.data)}`;
    expect(everything).not.toContain(wrongApikey);
    expect(everything).not.toContain('975310');
  });

  it('InvalidConfig: a template without a code placeholder, passed by the Console', async () => {
    const sender = await senderFor(
      yunpian,
      configFor(sandbox, { templates: templates('您的验证码是。') })
    );
    const error = await connectorErrorOf(async () => sender.consoleTest('8613800138000'));
    expect(error.code).toBe('invalid_config');
  });

  it.each([['12345'], ['8612345']])('InvalidRequestParameters: malformed number %s', async (to) => {
    const sender = await senderFor(yunpian, configFor(sandbox));
    const error = await connectorErrorOf(async () => sender.signIn(to, { code: randomCode() }));
    expect(error.code).toBe('invalid_request_parameters');
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('InvalidRequestParameters: the account has international SMS disabled (code 20)', async () => {
    const sender = await senderFor(yunpian, configFor(sandbox, { apikey: internationalOffApikey }));
    const error = await connectorErrorOf(async () =>
      sender.signIn('85261234567', { code: randomCode(), locale: 'en' })
    );
    expect(error.code).toBe('invalid_request_parameters');
    expect(error.data.providerCode).toBe(20);
    expect(sandbox.inbox.count()).toBe(0);
  });

  it('General (so Logto shows the message): international sending disabled in the config (refused locally, never silent)', async () => {
    const sender = await senderFor(yunpian, configFor(sandbox, { enableInternational: false }));
    const error = await connectorErrorOf(async () =>
      sender.signIn('85261234567', { code: randomCode(), locale: 'en' })
    );
    expect(error.code).toBe('general');
    expect(sandbox.inbox.count()).toBe(0);
  });

  itMapsTransportFaults({
    provider: 'yunpian',
    sandbox: () => sandbox,
    sender: async (overrides) => senderFor(yunpian, configFor(sandbox, overrides)),
  });
});
