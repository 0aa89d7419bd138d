/**
 * Hostile `sendMessage` input, property-based, against the emulator over real HTTP: whatever
 * Logto (or anything else) passes as `to`, `type`, `code`, `locale` or the whole data object, the
 * result is a ConnectorError or a correct delivery, never another exception, and input that is
 * invalid on its face never causes a request. Requests are counted with the emulator's log, which
 * writes one line per provider request.
 *
 * No nock in this file: it uses real sockets.
 */
import { startSandbox, type Sandbox } from '@logto-sms/sandbox';

import { ConnectorErrorCodes, TemplateType, type SmsConnector } from '@logto/connector-kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fieldOf } from '../support/index.js';

import {
  aliyunConfig,
  connectorFor,
  isConnectorError,
  requiredUsageTypes,
  sandboxAliyunKey,
  sandboxAliyunSts,
  sandboxTencentKey,
  settle,
  tencentConfig,
  unhandledRejections,
  yunpianConfig,
  type Outcome,
  type Provider,
} from './support/env.js';
import { judge, type Judgement } from './support/send-oracle.js';

// YunPian templates approved for both domestic and international numbers, so every well-formed
// number can be delivered and a failure of a well-formed send is a real finding.
const yunpianChinese = '【Logto测试】您的验证码是#code#。如非本人操作，请忽略本短信';
const yunpianEnglish = '【Logto测试】Your verification code is #code#.';

let sandbox: Sandbox;
let requests = 0;
const rejections = unhandledRejections();

beforeAll(async () => {
  rejections.start();
  sandbox = await startSandbox({
    config: {
      rateLimits: { enabled: false },
      yunpian: {
        accounts: [
          {
            apikey: 'ab12cd34ef56ab12cd34ef56ab12cd34',
            balance: 1_000_000,
            international: true,
            defaultSignature: '【Logto测试】',
          },
        ],
        templates: [
          { id: '1001', content: yunpianChinese, international: false },
          { id: '1101', content: yunpianChinese, international: true },
          { id: '1002', content: yunpianEnglish, international: false },
          { id: '1102', content: yunpianEnglish, international: true },
        ],
      },
    },
    log: () => {
      requests += 1;
    },
  });
});

afterAll(async () => {
  await sandbox.close();
  rejections.stop();
  expect(rejections.seen).toEqual([]);
});

type Variant = {
  name: string;
  provider: Provider;
  config: () => Record<string, unknown>;
  credential: string;
  algorithm?: string;
};

const variants: Variant[] = [
  {
    name: 'Aliyun ACS3-HMAC-SHA256',
    provider: 'aliyun',
    config: () => aliyunConfig({ endpoint: sandbox.url, signatureAlgorithm: 'ACS3-HMAC-SHA256' }),
    credential: sandboxAliyunKey.accessKeyId,
    algorithm: 'ACS3-HMAC-SHA256',
  },
  {
    name: 'Aliyun HMAC-SHA1 with STS',
    provider: 'aliyun',
    config: () =>
      aliyunConfig({
        endpoint: sandbox.url,
        signatureAlgorithm: 'HMAC-SHA1',
        credentials: sandboxAliyunSts,
      }),
    credential: sandboxAliyunSts.accessKeyId,
    algorithm: 'HMAC-SHA1',
  },
  {
    name: 'YunPian',
    provider: 'yunpian',
    config: () =>
      yunpianConfig({
        endpoint: sandbox.url,
        apikey: 'ab12cd34ef56ab12cd34ef56ab12cd34',
        templates: [
          ...requiredUsageTypes.map((usageType) => ({ usageType, content: yunpianChinese })),
          { usageType: 'Generic', locale: 'en', content: yunpianEnglish },
        ],
      }),
    credential: 'ab12…cd34',
  },
  {
    name: 'Tencent',
    provider: 'tencent',
    config: () => tencentConfig({ endpoint: sandbox.url }),
    credential: sandboxTencentKey.accessKeyId,
    algorithm: 'TC3-HMAC-SHA256',
  },
];

/** Codes each emulated provider delivers with its verification templates. */
const providerAcceptsCodeOf: Record<Provider, (code: string) => boolean> = {
  aliyun: (code) => /^[A-Za-z0-9]{4,6}$/.test(code),
  yunpian: () => true,
  // Tencent verification templates take 0–6 digits per variable.
  tencent: (code) => /^\d{0,6}$/.test(code),
};
/** The template each provider's config above uses, by region and by whether the English Generic entry applies. */
const templateOf: Record<Provider, (region: string, english: boolean) => string> = {
  aliyun: (region) => (region === 'mainland' ? 'SMS_900001' : 'SMS_900002'),
  yunpian: (region, english) => `${region === 'mainland' ? '10' : '11'}0${english ? 2 : 1}`,
  tencent: (region) => (region === 'mainland' ? '900001' : '900002'),
};

// ------------------------------------------------------------------ generators

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const alnum = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const nonString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.nat(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 })
);

const mainland = fc
  .tuple(fc.constantFrom('13', '14', '15', '16', '17', '18', '19'), digits(9, 9))
  .map(([head, rest]) => `86${head}${rest}`);
// Random digits after a country code are rarely a number in use; real ranges with random endings are.
const anyInternational = fc
  .tuple(fc.constantFrom('852', '853', '886', '1', '44', '81', '65'), digits(7, 9))
  .map(([cc, rest]) => `${cc}${rest}`);
const realRange = fc
  .constantFrom(
    ['8526123', 4],
    ['8536612', 4],
    ['88691234', 4],
    ['1202555', 4],
    ['1416555', 4],
    ['447400', 6],
    ['658123', 4],
    ['819012', 6],
    ['1900555', 4],
    ['85221', 6]
  )
  .chain(([prefix, length]) =>
    digits(Number(length), Number(length)).map((rest) => `${String(prefix)}${rest}`)
  );
const international = fc.oneof(anyInternational, realRange);
const decorated = fc
  .tuple(
    fc.constantFrom('', '+', '00', ' ', '+ '),
    fc.oneof(mainland, international),
    fc.constantFrom('', ' ', '-', '.', '(', ')', '\u3000')
  )
  .map(
    ([prefix, number, separator]) =>
      `${prefix}${number.slice(0, 3)}${separator}${number.slice(3, 7)}${separator}${number.slice(7)}`
  );

const toArbitrary = fc.oneof(
  { weight: 4, arbitrary: mainland },
  { weight: 3, arbitrary: international },
  { weight: 3, arbitrary: decorated },
  { weight: 2, arbitrary: digits(0, 18) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom(...'0123456789+-() ０１２٣', '\u200B', '\uFEFF'),
      maxLength: 18,
    }),
  },
  { weight: 1, arbitrary: nonString }
);

const codeArbitrary = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.string({ unit: fc.constantFrom(...alnum), minLength: 4, maxLength: 6 }),
  },
  {
    weight: 2,
    arbitrary: fc.string({ unit: fc.constantFrom(...alnum), minLength: 1, maxLength: 40 }),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' 123456',
      '123456\n',
      '12 34',
      '１２３４５６',
      '$&',
      // eslint-disable-next-line no-template-curly-in-string -- Aliyun's literal template variable, as a hostile code
      '${code}',
      '#code#',
      '{{code}}'
    ),
  },
  { weight: 1, arbitrary: nonString }
);

const typeArbitrary = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...Object.values(TemplateType), 'Test') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', ''),
  },
  { weight: 1, arbitrary: nonString }
);

const localeArbitrary = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'en',
    'en-US',
    'EN_gb',
    'zh-CN',
    'zh-Hant-TW',
    'fr',
    'de-DE',
    'english',
    '-en',
    'en-',
    'e'
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
  nonString
);

const dataArbitrary = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .record({
        to: toArbitrary,
        type: typeArbitrary,
        code: codeArbitrary,
        locale: localeArbitrary,
        uiLocales: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
      })
      .map(({ to, type, code, locale, uiLocales }) => ({
        to,
        type,
        payload: {
          code,
          ...(locale === undefined ? {} : { locale }),
          ...(uiLocales === undefined ? {} : { uiLocales }),
        },
      })),
  },
  // Whole-object hostility: wrong shapes, missing payload, payload of the wrong type.
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { to: toArbitrary, type: typeArbitrary, payload: fc.anything({ maxDepth: 1 }) },
      { requiredKeys: [] }
    ),
  }
);

const locallyRejected: string[] = [
  ConnectorErrorCodes.InvalidRequestParameters,
  ConnectorErrorCodes.InsufficientRequestParameters,
  ConnectorErrorCodes.TemplateNotFound,
];

type Valid = Extract<Judgement, { valid: true }>;

/** A failed send must have failed with a ConnectorError, nothing else. */
const expectConnectorErrorIfFailed = (outcome: Outcome) => {
  if (!outcome.ok) {
    const name = fieldOf(outcome.error, 'name') ?? '';
    const message = fieldOf(outcome.error, 'message') ?? '';
    expect(isConnectorError(outcome.error), `${String(name)}: ${String(message)}`).toBe(true);
  }
};

/**
 * A +1 number such as 14155550100 is also an 11-digit mainland mobile to Aliyun, which reads
 * PhoneNumbers without a prefix as mainland.
 */
const isMainlandLookalikeForAliyun = (variant: Variant, verdict: Valid) =>
  variant.provider === 'aliyun' &&
  verdict.region === 'international' &&
  /^1[3-9][0-9]{9}$/.test(verdict.to);

const failureData = (outcome: Outcome) =>
  outcome.ok ? '' : JSON.stringify(fieldOf(outcome.error, 'data'));

// Tencent receives every number as full E.164; the others get mainland numbers in national form.
const recordedDigits = (variant: Variant, verdict: Valid) =>
  variant.provider === 'tencent' && verdict.region === 'mainland' ? `86${verdict.to}` : verdict.to;

// ------------------------------------------------------------------ properties

describe.each(variants)('$name: arbitrary sendMessage input', (variant) => {
  let connector: SmsConnector;
  beforeAll(async () => {
    connector = await connectorFor(variant.provider, variant.config());
  });

  it('is a ConnectorError or a correct delivery; invalid-on-its-face input never makes a request', async () => {
    await fc.assert(
      fc.asyncProperty(dataArbitrary, async (data) => {
        const verdict = judge(data);
        const requestsBefore = requests;
        const inboxBefore = sandbox.inbox.count();

        const outcome = await settle(async () => connector.sendMessage(data as never));

        const made = requests - requestsBefore;
        expectConnectorErrorIfFailed(outcome);
        // One request at most: nothing the emulator answers is retried.
        expect(made).toBeLessThanOrEqual(1);

        if (!verdict.valid) {
          expect(outcome.ok, verdict.why).toBe(false);
          expect(made, `a request was made for invalid input (${verdict.why})`).toBe(0);
          expect(locallyRejected).toContain((outcome as { error: { code: string } }).error.code);
          expect(sandbox.inbox.count()).toBe(inboxBefore);
          return;
        }

        // A +1 number such as 14155550100 is also an 11-digit mainland mobile to Aliyun, which reads
        // PhoneNumbers without a prefix as mainland. It must never be delivered as a mainland
        // message; whether it can be delivered at all is the dedicated test below.
        if (isMainlandLookalikeForAliyun(variant, verdict)) {
          if (outcome.ok) {
            expect(sandbox.inbox.list({ provider: 'aliyun' })[0]?.template).toBe('SMS_900002');
          }
          return;
        }

        // Valid on its face: the emulator decides (Aliyun: 4–6 letters or digits; Tencent: up to 6 digits).
        const providerAcceptsCode = providerAcceptsCodeOf[variant.provider](verdict.code);
        if (!providerAcceptsCode) {
          expect(outcome.ok).toBe(false);
          expect(made).toBe(1);
          expect((outcome as { error: { code: string } }).error.code).toBe(
            ConnectorErrorCodes.InvalidRequestParameters
          );
          return;
        }
        expect(outcome.ok, failureData(outcome)).toBe(true);
        expect(made).toBe(1);
        expect(sandbox.inbox.count()).toBe(inboxBefore + 1);
        const [message] = sandbox.inbox.list({ provider: variant.provider });
        expect(message?.to.replaceAll(/\D/g, '')).toBe(recordedDigits(variant, verdict));
        expect(message?.code).toBe(verdict.code);
        expect(message?.credential).toBe(variant.credential);
        if (variant.algorithm) {
          expect(message?.signatureAlgorithm).toBe(variant.algorithm);
        }
        expect(message?.template).toBe(
          templateOf[variant.provider](
            verdict.region,
            Boolean(verdict.usesGeneric && verdict.english)
          )
        );
      }),
      {
        numRuns: 200,
        examples: [
          [{ to: '8613800138000', type: 'SignIn', payload: { code: '123456' } }],
          [{ to: '+86 138-0013-8000', type: 'Generic', payload: { code: 'a1B2', locale: 'en' } }],
          [{ to: '85212345678', type: 'Register', payload: { code: '000000' } }],
          [{ to: '85261234567', type: 'Register', payload: { code: '000000' } }],
          [{ to: '13815550123', type: 'SignIn', payload: { code: '123456' } }],
          [{ to: '14155550100', type: 'SignIn', payload: { code: '123456' } }],
          [{ to: '449098790000', type: 'SignIn', payload: { code: '123456' } }],
          [{ to: '8614012345678', type: 'SignIn', payload: { code: '123456' } }],
          [{ to: '13800138000', type: 'SignIn', payload: { code: '123456' } }],
          [{ to: '8612345678901', type: 'SignIn', payload: { code: '123456' } }],
          [{ to: '8613800138000', type: 'SignIn', payload: { code: '12345\n' } }],
          [{ to: '8613800138000', type: 'SignIn', payload: {} }],
          [{ to: '8613800138000', type: 'SignIn' }],
          [{ to: '8613800138000', type: 'SignIn', payload: null }],
          [{ to: ['8613800138000'], type: 'SignIn', payload: { code: '123456' } }],
          [
            {
              to: '8613800138000',
              type: { toString: () => 'SignIn' },
              payload: { code: '123456' },
            },
          ],
          [null],
          ['8613800138000'],
        ],
      }
    );
  });
});

// 14155550100 is +1 415 555 0100 (San Francisco) in Logto's format, and also, digit for digit, an
// 11-digit mainland China mobile. Aliyun reads PhoneNumbers without a prefix as mainland, so sent
// as bare digits the code would reach a stranger's phone in China.
describe('Aliyun: a +1 number that is also an 11-digit mainland mobile is never delivered to China', () => {
  const templateCodes = [
    { name: 'one templateCode for every number', templateCode: 'SMS_900001', code: '902113' },
    {
      name: 'china/overseas templateCodes',
      templateCode: { china: 'SMS_900001', overseas: 'SMS_900002' },
      code: '902114',
    },
  ];

  it.each(templateCodes)('$name', async ({ templateCode, code }) => {
    const to = '14155550100';
    const connector = await connectorFor(
      'aliyun',
      aliyunConfig({
        endpoint: sandbox.url,
        templates: requiredUsageTypes.map((usageType) => ({ usageType, templateCode })),
      })
    );
    const outcome = await settle(async () =>
      connector.sendMessage({ to, type: 'SignIn', payload: { code } } as never)
    );
    const deliveredAsMainland = sandbox.inbox
      .list({ provider: 'aliyun' })
      .filter((message) => message.code === code && message.template !== 'SMS_900002');
    expect(
      deliveredAsMainland.map(({ to: number, template }) => `${number} via ${template}`)
    ).toEqual([]);
    if (!outcome.ok) {
      expect(isConnectorError(outcome.error)).toBe(true);
    }
  });
});
