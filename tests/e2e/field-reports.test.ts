/**
 * Field reports replayed against the BUILT connectors (npm-packed, loaded by @logto/cli's loader)
 * and the emulator on 127.0.0.1: each case is a kind of fault real operators hit (issue 15), with
 * what the operator and the person signing in must see instead.
 */
import { startSandbox, defaultSandboxConfig, type Sandbox } from '@logto-sms/sandbox';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { logtoDisplays } from '../helpers/logto-display.js';
import { connectorErrorOf, randomCode, senderFor, type LoadedConnector } from '../helpers/logto.js';

import { useEndToEndEnvironment } from './environment.js';

const environment = useEndToEndEnvironment();
let aliyun: LoadedConnector;
let yunpian: LoadedConnector;
let sandbox: Sandbox;
// A YunPian account whose approved template has variables besides the code.
let withOption: Sandbox;
const optionTemplate = '【Logto测试】验证码#code#，您正在进行#option#，#eftime#内有效';

beforeAll(async () => {
  ({ sandbox } = environment);
  ({ aliyun, yunpian } = environment.logto);
  withOption = await startSandbox({
    config: {
      rateLimits: { enabled: false },
      yunpian: {
        ...defaultSandboxConfig.yunpian,
        templates: [
          ...defaultSandboxConfig.yunpian.templates,
          { id: '3001', content: optionTemplate, international: false },
        ],
      },
    },
  });
});

afterAll(async () => {
  await withOption.close();
});

const aliyunConfig = (templates: unknown[], overrides: Record<string, unknown> = {}) => ({
  accessKeyId: 'LTAI5tSandboxKeyId0001',
  accessKeySecret: 'SandboxAccessKeySecret000000001',
  signName: 'Logto测试',
  endpoint: sandbox.url,
  templates,
  ...overrides,
});
const everyUsage = (template: Record<string, unknown>) =>
  ['SignIn', 'Register', 'ForgotPassword', 'Generic'].map((usageType) => ({
    usageType,
    ...template,
  }));
const yunpianConfig = (template: Record<string, unknown>) => ({
  apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
  endpoint: withOption.url,
  templates: [{ usageType: 'Generic', ...template }],
});

// A US number whose digits are also those of a mainland mobile (1 + area code 862).
const usNumber = '18625550142';

describe('Aliyun: a +1 number that reads as a mainland mobile', () => {
  it('goes out on the overseas template and arrives as +1', async () => {
    const sender = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: { china: 'SMS_900001', overseas: 'SMS_900002' } }))
    );
    const result = (await sender.signIn(usNumber, { code: randomCode() })) as Record<
      string,
      unknown
    >;
    expect(result).toMatchObject({ phoneNumbers: usNumber, templateCode: 'SMS_900002' });
    expect(sandbox.inbox.list()).toMatchObject([{ to: `+${usNumber}`, template: 'SMS_900002' }]);
  });

  it('isv.DOMESTIC_NUMBER_NOT_SUPPORTED for a number routed overseas is a request problem, explained, with no config advice', async () => {
    sandbox.faults.add({
      provider: 'aliyun',
      kind: 'error',
      code: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
    });
    const sender = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: { china: 'SMS_900001', overseas: 'SMS_900002' } }))
    );
    const error = await connectorErrorOf(async () =>
      sender.signIn(usNumber, { code: randomCode() })
    );
    expect(error.code).toBe('invalid_request_parameters');
    expect(error.data.errorDescription).toMatch(
      /^Aliyun reads this number as a mainland China mobile.*it was not sent/
    );
    expect(error.data.hint).not.toMatch(/templateCode|secret|AccessKey/);
  });

  it('the same answer for a mainland number is still a config problem (the template is international)', async () => {
    sandbox.faults.add({
      provider: 'aliyun',
      kind: 'error',
      code: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
    });
    const sender = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: 'SMS_900002' }))
    );
    const error = await connectorErrorOf(async () =>
      sender.signIn('8613800138000', { code: randomCode() })
    );
    expect(error.code).toBe('invalid_config');
    expect(error.data.hint).toMatch(/templateCode\.china/);
  });

  it('on a single template code it is refused locally with the same explanation and what does work', async () => {
    const sender = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: 'SMS_900001' }))
    );
    const error = await connectorErrorOf(async () =>
      sender.signIn(usNumber, { code: randomCode() })
    );
    expect(error.code).toBe('invalid_request_parameters');
    expect(error.data.errorDescription).toMatch(
      /^Aliyun reads this number as a mainland China mobile.*What works: .*"overseas"/
    );
    expect(sandbox.inbox.count()).toBe(0);
  });
});

describe('Aliyun: hints chosen from the code and the message', () => {
  // eslint-disable-next-line no-template-curly-in-string -- names the literal ${code} variable of an Aliyun template
  it('isv.SMS_TEMPLATE_ILLEGAL saying content and parameters do not match points at ${code} / codeParamName', async () => {
    sandbox.faults.add({
      provider: 'aliyun',
      kind: 'error',
      code: 'isv.SMS_TEMPLATE_ILLEGAL',
      message: '模板内容与模板参数不匹配',
    });
    const sender = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: 'SMS_900001' }))
    );
    const error = await connectorErrorOf(async () => sender.consoleTest('8613800138000'));
    expect(error.code).toBe('invalid_config');
    expect(error.data.hint).toMatch(/\$\{code\}.*codeParamName/);
    expect(error.data.hint).not.toMatch(/unknown to this account/);
  });

  it('isv.SMS_TEMPLATE_ILLEGAL for an unknown template still says so', async () => {
    const sender = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: 'SMS_404404' }))
    );
    const error = await connectorErrorOf(async () => sender.consoleTest('8613800138000'));
    expect(error.data.hint).toMatch(/unknown to this account/);
  });
});

describe('templates with variables other than the code', () => {
  it('Aliyun: a missing variable is explained with fixedParams, and fixedParams fills it', async () => {
    const missing = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: 'SMS_900010' }))
    );
    const error = await connectorErrorOf(async () => missing.consoleTest('8613800138000'));
    expect(error.data.providerCode).toBe('isv.TEMPLATE_MISSING_PARAMETERS');
    expect(error.data.hint).toMatch(/fixedParams/);

    const filled = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: 'SMS_900010', fixedParams: { name: '张三' } }))
    );
    const code = randomCode();
    await filled.signIn('8613800138000', { code, locale: 'zh-CN', name: 'from the payload' });
    expect(sandbox.inbox.list()).toMatchObject([
      { text: `【Logto测试】张三，您好：您的验证码为${code}。`, code },
    ]);
  });

  it('Aliyun: fixedParams may not set the code variable', async () => {
    const sender = await senderFor(
      aliyun,
      aliyunConfig(everyUsage({ templateCode: 'SMS_900010', fixedParams: { code: '123456' } }))
    );
    const error = await connectorErrorOf(async () => sender.consoleTest('8613800138000'));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain('fixedParams may not set \\"code\\"');
  });

  it('YunPian: content with unfilled #var# is refused at config time, naming each variable, and nothing is sent', async () => {
    const sender = await senderFor(yunpian, yunpianConfig({ content: optionTemplate }));
    const error = await connectorErrorOf(async () => sender.consoleTest('8613800138000'));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain('#option#, #eftime# with no value');
    expect(withOption.inbox.count()).toBe(0);
  });

  it('YunPian: fixedParams fill the other variables; the text sent holds no placeholder', async () => {
    const sender = await senderFor(
      yunpian,
      yunpianConfig({ content: optionTemplate, fixedParams: { option: '登录', eftime: '5分钟' } })
    );
    const code = randomCode();
    const result = (await sender.signIn('8613800138000', {
      code,
      option: 'from the payload',
    })) as Record<string, unknown>;
    expect(withOption.inbox.list()).toMatchObject([
      { text: `【Logto测试】验证码${code}，您正在进行登录，5分钟内有效`, template: '3001' },
    ]);
    expect(result).toMatchObject({ mobile: '13800138000', template: optionTemplate });
  });
});

describe('what the person signing in sees', () => {
  it("YunPian: unsupportedCountriesMsg is the text Logto shows, in Logto's own phrase", async () => {
    const message = '暂不支持海外手机号，请使用中国大陆手机号。';
    const sender = await senderFor(yunpian, {
      apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
      endpoint: sandbox.url,
      enableInternational: false,
      unsupportedCountriesMsg: message,
      templates: [
        { usageType: 'Generic', content: '您的验证码是#code#。如非本人操作，请忽略本短信' },
      ],
    });
    const error = await connectorErrorOf(async () =>
      sender.signIn('85261234567', { code: randomCode() })
    );
    expect(await logtoDisplays(error, 'zh-CN')).toBe(`连接器发生错误：${message}`);
    expect(await logtoDisplays(error, 'en')).toBe(`Error occurred in connector: ${message}`);
    expect(sandbox.inbox.count()).toBe(0);
  });
});

describe("a configuration from Logto's older docs (Register, SignIn, Test, numeric type)", () => {
  it('Aliyun: accepted, and the Console Send uses the Test template', async () => {
    const sender = await senderFor(
      aliyun,
      aliyunConfig([
        { type: 2, usageType: 'Register', templateCode: 'SMS_900003' },
        { type: 2, usageType: 'SignIn', templateCode: 'SMS_900003' },
        { type: 2, usageType: 'Test', templateCode: 'SMS_900001' },
      ])
    );
    await sender.consoleTest('8613800138000');
    await sender.signIn('8613800138000', { code: randomCode() }, 'ForgotPassword');
    expect(sandbox.inbox.list().map(({ template }) => template)).toEqual([
      'SMS_900001',
      'SMS_900001',
    ]);
  });

  it('YunPian: accepted with only a Test template', async () => {
    const sender = await senderFor(yunpian, {
      apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
      endpoint: sandbox.url,
      templates: [
        { type: 2, usageType: 'Test', content: '您的验证码是#code#。如非本人操作，请忽略本短信' },
      ],
    });
    await sender.consoleTest('8613800138000');
    expect(sandbox.inbox.list()).toMatchObject([{ template: '1001', code: '000000' }]);
  });
});

describe('Docker Desktop: plain http to a host the Logto server operator names', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    [
      'aliyun',
      () => aliyun,
      () =>
        aliyunConfig(everyUsage({ templateCode: 'SMS_900001' }), {
          endpoint: 'http://host.docker.internal:4010',
        }),
    ],
    [
      'yunpian',
      () => yunpian,
      () => ({
        apikey: 'k',
        endpoint: 'http://host.docker.internal:4010',
        templates: [{ usageType: 'Generic', content: '#code#' }],
      }),
    ],
  ] as const)(
    '%s: refused without LOGTO_SMS_ALLOWED_HTTP_HOSTS, accepted with it',
    (_name, connector, configOf) => {
      const config = configOf();
      const guard = connector().factory.configGuard;
      const refused = guard.safeParse(config);
      expect(refused.success).toBe(false);
      expect(JSON.stringify(refused.error?.issues)).toContain('LOGTO_SMS_ALLOWED_HTTP_HOSTS');
      vi.stubEnv('LOGTO_SMS_ALLOWED_HTTP_HOSTS', 'host.docker.internal');
      expect(guard.safeParse(config).success).toBe(true);
    }
  );
});
