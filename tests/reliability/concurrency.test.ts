/**
 * 1,000 concurrent sends through the three connectors, with interleaved DIFFERENT configs: Aliyun
 * AccessKeys and STS credentials, both signature algorithms, two signatures, several templates
 * (one with a custom variable name), YunPian apikeys, per-region texts, Tencent SecretIds, STS
 * tokens and SdkAppIds, and two emulator
 * instances that know disjoint credentials. The emulators verify every signature and apikey, so
 * a request signed or addressed with another call's config fails; the inboxes must then hold
 * exactly one correct message per send, matching the answer that send received.
 *
 * No nock in this file: it uses real sockets.
 */
import { startSandbox, type Sandbox, type SandboxMessage } from '@logto-sms/sandbox';

import type { SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connectorFor,
  formOnlyConnector,
  hongKongNumber,
  mainlandNumber,
  requiredUsageTypes,
  sendData,
  settle,
  unhandledRejections,
  type Outcome,
  type Provider,
} from './support/env.js';

const total = 1000;
/**
 * Each send's timeout: the longest a config may set. This file checks that no send is signed or
 * addressed with another call's config, not how fast 1000 sends finish (that is the load bench's
 * job); on a loaded 2-core machine the default 10 s let sends at the tail of the burst time out.
 */
const sendTimeoutMs = 60_000;

type Emulator = 'A' | 'B';
type Region = 'mainland' | 'international';

const aliyunKeys = {
  K1: { accessKeyId: 'LTAI5tConcurrencyKey01', accessKeySecret: 'ConcurrencySecret01+/=' },
  K2: { accessKeyId: 'LTAI5tConcurrencyKey02', accessKeySecret: 'ConcurrencySecret02&%' },
  K3: { accessKeyId: 'LTAI5tConcurrencyKey03', accessKeySecret: 'ConcurrencySecret03"\\' },
} as const;
const aliyunSts = {
  S1: {
    accessKeyId: 'STS.ConcurrencyTemp01',
    accessKeySecret: 'ConcurrencyStsSecret01',
    securityToken: 'ConcurrencyStsToken01/+=',
  },
  S2: {
    accessKeyId: 'STS.ConcurrencyTemp02',
    accessKeySecret: 'ConcurrencyStsSecret02',
    securityToken: 'ConcurrencyStsToken02&%',
  },
} as const;
const tencentKeys = {
  T1: { accessKeyId: 'AKIDConcurrencyTencent01', accessKeySecret: 'ConcurrencyTencentKey01+/=' },
  T2: { accessKeyId: 'AKIDConcurrencyTencent02', accessKeySecret: 'ConcurrencyTencentKey02&%' },
  TS: {
    accessKeyId: 'AKIDConcurrencyTencentTmp',
    accessKeySecret: 'ConcurrencyTencentTmpKey',
    securityToken: 'ConcurrencyTencentToken/+=',
  },
} as const;
const sdkAppIdOf: Record<keyof typeof tencentKeys, string> = {
  T1: '1400000011',
  T2: '1400000012',
  TS: '1400000013',
};
const apikeys = {
  Y1: 'a1a1000000000000000000000000b1b1',
  Y2: 'a2a2000000000000000000000000b2b2',
  Y3: 'a3a3000000000000000000000000b3b3',
} as const;

// Each emulator knows only its own credentials: a request sent to the wrong one is refused.
const emulatorOf: Record<string, Emulator> = {
  K1: 'A',
  K2: 'A',
  S1: 'A',
  K3: 'B',
  S2: 'B',
  Y1: 'A',
  Y2: 'A',
  Y3: 'B',
  T1: 'A',
  TS: 'A',
  T2: 'B',
};

const yunpianDomestic = '【Logto测试】您的验证码是#code#。如非本人操作，请忽略本短信';
const yunpianDomesticEnglish = '【Logto测试】Your verification code is #code#.';
const yunpianInternational = '【Logto】Your verification code is #code#. It expires in 5 minutes.';

const sandboxConfig = (emulator: Emulator) => ({
  rateLimits: { enabled: false },
  inbox: { maxMessages: 5000 },
  aliyun: {
    accessKeys: Object.entries(aliyunKeys)
      .filter(([name]) => emulatorOf[name] === emulator)
      .map(([, key]) => key),
    stsCredentials: Object.entries(aliyunSts)
      .filter(([name]) => emulatorOf[name] === emulator)
      .map(([, key]) => key),
    signatures: ['Logto测试', 'LogtoSandbox'],
    templates: [
      {
        code: 'SMS_900001',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: '您的验证码为${code}，5分钟内有效，请勿泄露。',
      },
      {
        code: 'SMS_900002',
        type: 'verification' as const,
        region: 'international' as const,
        content: 'Your verification code is ${code}. It expires in 5 minutes.',
      },
      {
        code: 'SMS_900003',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: 'Your verification code is ${code}.',
      },
      {
        code: 'SMS_900020',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: '登录验证码${otp}，请勿告诉他人。',
      },
      {
        code: 'SMS_900021',
        type: 'verification' as const,
        region: 'international' as const,
        content: 'Sign-in code ${otp}; do not share it.',
      },
    ],
  },
  yunpian: {
    accounts: Object.entries(apikeys)
      .filter(([name]) => emulatorOf[name] === emulator)
      .map(([, apikey]) => ({
        apikey,
        balance: 100_000,
        international: true,
        defaultSignature: '【Logto测试】',
      })),
    templates: [
      { id: '1001', content: yunpianDomestic, international: false },
      { id: '1002', content: yunpianDomesticEnglish, international: false },
      { id: '2001', content: yunpianInternational, international: true },
    ],
  },
  tencent: {
    secrets: (['T1', 'T2'] as const)
      .filter((name) => emulatorOf[name] === emulator)
      .map((name) => ({
        secretId: tencentKeys[name].accessKeyId,
        secretKey: tencentKeys[name].accessKeySecret,
      })),
    stsCredentials: (['TS'] as const)
      .filter((name) => emulatorOf[name] === emulator)
      .map((name) => ({
        secretId: tencentKeys[name].accessKeyId,
        secretKey: tencentKeys[name].accessKeySecret,
        token: tencentKeys[name].securityToken,
      })),
    sdkAppIds: Object.entries(sdkAppIdOf)
      .filter(([name]) => emulatorOf[name] === emulator)
      .map(([, id]) => id),
    templates: [
      {
        id: '900001',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: '您的验证码为{1}，5分钟内有效，请勿泄露。',
      },
      {
        id: '900002',
        type: 'verification' as const,
        region: 'international' as const,
        content: 'Your verification code is {1}. It expires in 5 minutes.',
      },
      {
        id: '900005',
        type: 'verification' as const,
        region: 'mainland' as const,
        content: 'Your Logto code is {1}, valid for {2} minutes.',
      },
      {
        id: '900006',
        type: 'verification' as const,
        region: 'international' as const,
        content: 'Logto code {1}, valid for {2} minutes.',
      },
    ],
  },
});

/** One distinct connector config, and what every message sent with it must look like. */
type Profile = {
  name: string;
  provider: Provider;
  emulator: Emulator;
  config: (endpoint: string) => Record<string, unknown>;
  /** Message fields by recipient region. */
  expect: (
    region: Region,
    locale?: string
  ) => { template: string; credential: string; signName: string; signatureAlgorithm?: string };
};

const aliyunProfile = (
  name: string,
  credentialName: keyof typeof aliyunKeys | keyof typeof aliyunSts,
  signatureAlgorithm: 'ACS3-HMAC-SHA256' | 'HMAC-SHA1',
  signName: string,
  china: string,
  codeParamName?: string
): Profile => {
  // CodeParamName belongs to the template entry, so both region codes must use that variable.
  const overseas = codeParamName ? 'SMS_900021' : 'SMS_900002';
  const credentials =
    credentialName in aliyunKeys
      ? aliyunKeys[credentialName as keyof typeof aliyunKeys]
      : aliyunSts[credentialName as keyof typeof aliyunSts];
  return {
    name,
    provider: 'aliyun',
    emulator: emulatorOf[credentialName] ?? 'A',
    config: (endpoint) => ({
      ...credentials,
      signName,
      signatureAlgorithm,
      endpoint,
      timeout: sendTimeoutMs,
      templates: requiredUsageTypes.map((usageType) => ({
        usageType,
        templateCode: { china, overseas },
        ...(codeParamName ? { codeParamName } : {}),
      })),
    }),
    expect: (region) => ({
      template: region === 'mainland' ? china : overseas,
      credential: credentials.accessKeyId,
      signName,
      signatureAlgorithm,
    }),
  };
};

const yunpianProfile = (
  name: string,
  keyName: keyof typeof apikeys,
  withEnglish: boolean
): Profile => ({
  name,
  provider: 'yunpian',
  emulator: emulatorOf[keyName] ?? 'A',
  config: (endpoint) => ({
    apikey: apikeys[keyName],
    enableInternational: true,
    endpoint,
    timeout: sendTimeoutMs,
    templates: [
      ...requiredUsageTypes.map((usageType) => ({
        usageType,
        content: { china: yunpianDomestic, overseas: yunpianInternational },
      })),
      ...(withEnglish
        ? [
            {
              usageType: 'Generic',
              locale: 'en',
              content: { china: yunpianDomesticEnglish, overseas: yunpianInternational },
            },
          ]
        : []),
    ],
  }),
  expect: (region, locale) => {
    const english = withEnglish && locale === 'en';
    return {
      template: region === 'international' ? '2001' : english ? '1002' : '1001',
      credential: `${apikeys[keyName].slice(0, 4)}…${apikeys[keyName].slice(-4)}`,
      signName: region === 'international' ? 'Logto' : 'Logto测试',
    };
  },
});

const tencentProfile = (
  name: string,
  keyName: keyof typeof tencentKeys,
  withEnglish: boolean
): Profile => ({
  name,
  provider: 'tencent',
  emulator: emulatorOf[keyName] ?? 'A',
  config: (endpoint) => ({
    timeout: sendTimeoutMs,
    ...tencentKeys[keyName],
    sdkAppId: sdkAppIdOf[keyName],
    signName: 'Logto测试',
    overseasSignName: 'LogtoSandbox',
    endpoint,
    templates: [
      ...requiredUsageTypes.map((usageType) => ({
        usageType,
        templateCode: { china: '900001', overseas: '900002' },
      })),
      ...(withEnglish
        ? [
            {
              usageType: 'Generic',
              locale: 'en',
              templateCode: { china: '900005', overseas: '900006' },
              fixedParams: ['5'],
            },
          ]
        : []),
    ],
  }),
  expect: (region, locale) => ({
    template:
      withEnglish && locale === 'en'
        ? region === 'international'
          ? '900006'
          : '900005'
        : region === 'international'
          ? '900002'
          : '900001',
    credential: tencentKeys[keyName].accessKeyId,
    signName: region === 'international' ? 'LogtoSandbox' : 'Logto测试',
    signatureAlgorithm: 'TC3-HMAC-SHA256',
  }),
});

const profiles: Profile[] = [
  aliyunProfile('aliyun K1 V3', 'K1', 'ACS3-HMAC-SHA256', 'Logto测试', 'SMS_900001'),
  aliyunProfile('aliyun K2 V1', 'K2', 'HMAC-SHA1', 'LogtoSandbox', 'SMS_900003'),
  aliyunProfile(
    'aliyun S1 STS V3 ${otp}',
    'S1',
    'ACS3-HMAC-SHA256',
    'LogtoSandbox',
    'SMS_900020',
    'otp'
  ),
  aliyunProfile('aliyun S1 STS V1', 'S1', 'HMAC-SHA1', 'Logto测试', 'SMS_900001'),
  aliyunProfile('aliyun K3 V1 (B)', 'K3', 'HMAC-SHA1', 'Logto测试', 'SMS_900003'),
  aliyunProfile('aliyun K3 V3 (B)', 'K3', 'ACS3-HMAC-SHA256', 'LogtoSandbox', 'SMS_900001'),
  aliyunProfile('aliyun S2 STS V3 (B)', 'S2', 'ACS3-HMAC-SHA256', 'Logto测试', 'SMS_900020', 'otp'),
  aliyunProfile('aliyun S2 STS V1 (B)', 'S2', 'HMAC-SHA1', 'LogtoSandbox', 'SMS_900001'),
  yunpianProfile('yunpian Y1', 'Y1', false),
  yunpianProfile('yunpian Y2 + English', 'Y2', true),
  yunpianProfile('yunpian Y3 (B)', 'Y3', true),
  tencentProfile('tencent T1', 'T1', false),
  tencentProfile('tencent STS + English', 'TS', true),
  tencentProfile('tencent T2 + English (B)', 'T2', true),
];

/** Mulberry32: a fixed interleaving, the same on every run. */
const random = (() => {
  let state = 0x5e_ed_12_34;
  return () => {
    state = (state + 0x6d_2b_79_f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
})();

type Send = {
  index: number;
  profile: Profile;
  to: string;
  /** How the emulator records the recipient. */
  recorded: string;
  region: Region;
  code: string;
  locale?: string;
  /** Through the profile's own connector (getConfig), or a shared one given the config per call. */
  via: 'own' | 'shared';
};

const plan: Send[] = Array.from({ length: total }, (_, index) => {
  const profile = profiles[Math.floor(random() * profiles.length)] ?? profiles[0]!;
  const region: Region = random() < 0.7 ? 'mainland' : 'international';
  const to = region === 'mainland' ? mainlandNumber(60, index) : hongKongNumber(60, index);
  // Tencent always receives E.164 with +; Aliyun and YunPian the national form for mainland numbers.
  const recorded =
    profile.provider === 'tencent'
      ? `+${to}`
      : region === 'mainland'
        ? to.slice(2)
        : profile.provider === 'yunpian'
          ? `+${to}`
          : to;
  const locale = random() < 0.3 ? 'en' : undefined;
  return {
    index,
    profile,
    to,
    recorded,
    region,
    code: String(100_000 + ((index * 7919) % 900_000)),
    ...(locale ? { locale } : {}),
    via: random() < 0.5 ? 'own' : 'shared',
  };
});

const emulators: Partial<Record<Emulator, Sandbox>> = {};
const results = new Map<number, Outcome>();
const rejections = unhandledRejections();

const emulator = (name: Emulator): Sandbox => {
  const found = emulators[name];
  if (!found) {
    throw new Error(`emulator ${name} not started`);
  }
  return found;
};

beforeAll(async () => {
  rejections.start();
  emulators.A = await startSandbox({ config: sandboxConfig('A') });
  emulators.B = await startSandbox({ config: sandboxConfig('B') });
  expect(emulator('A').port).not.toBe(emulator('B').port);

  const own = new Map<Profile, SmsConnector>();
  for (const profile of profiles) {
    own.set(
      profile,
      await connectorFor(profile.provider, profile.config(emulator(profile.emulator).url))
    );
  }
  const shared = {
    aliyun: await formOnlyConnector('aliyun'),
    yunpian: await formOnlyConnector('yunpian'),
    tencent: await formOnlyConnector('tencent'),
  };

  await Promise.all(
    plan.map(async (send) => {
      const data = sendData(
        send.to,
        send.code,
        send.locale ? 'Generic' : 'SignIn',
        send.locale ? { locale: send.locale } : {}
      );
      const outcome =
        send.via === 'own'
          ? await settle(async () => own.get(send.profile)?.sendMessage(data))
          : await settle(async () =>
              shared[send.profile.provider].sendMessage(
                data,
                send.profile.config(emulator(send.profile.emulator).url)
              )
            );
      results.set(send.index, outcome);
    })
  );
}, 2 * sendTimeoutMs);

afterAll(async () => {
  await Promise.all([emulators.A?.close(), emulators.B?.close()]);
  rejections.stop();
  expect(rejections.seen).toEqual([]);
});

const only = (messages: SandboxMessage[]) => {
  expect(messages).toHaveLength(1);
  return messages[0]!;
};

describe(`${total} concurrent sends, ${profiles.length} interleaved configs, two emulators`, () => {
  it('every send succeeded (a send signed with another config would have been refused)', () => {
    const failures = plan
      .map((send) => ({ send, outcome: results.get(send.index) }))
      .filter(({ outcome }) => !outcome?.ok)
      .map(
        ({ send, outcome }) =>
          `${send.index} ${send.profile.name}: ${JSON.stringify(outcome && !outcome.ok ? ((outcome.error as { data?: unknown }).data ?? String(outcome.error)) : 'missing')}`
      );
    expect(failures).toEqual([]);
  });

  it(`the two inboxes hold exactly ${total} messages, split by endpoint`, () => {
    const expectedA = plan.filter((send) => send.profile.emulator === 'A').length;
    expect(emulator('A').inbox.count()).toBe(expectedA);
    expect(emulator('B').inbox.count()).toBe(total - expectedA);
    expect(expectedA).toBeGreaterThan(100);
    expect(total - expectedA).toBeGreaterThan(100);
  });

  it('each message has the right recipient, code, template, signature, credential and algorithm', () => {
    const problems: string[] = [];
    for (const send of plan) {
      const here = emulator(send.profile.emulator).inbox.list({ to: send.recorded });
      const elsewhere = emulator(send.profile.emulator === 'A' ? 'B' : 'A').inbox.list({
        to: send.recorded,
      });
      if (here.length !== 1 || elsewhere.length > 0) {
        problems.push(
          `${send.index}: ${here.length} message(s) on its emulator, ${elsewhere.length} on the other`
        );
        continue;
      }
      const message = only(here);
      const wanted = send.profile.expect(send.region, send.locale);
      const actual = {
        provider: message.provider,
        to: message.to,
        code: message.code,
        template: message.template,
        credential: message.credential,
        signName: message.signName,
        ...(wanted.signatureAlgorithm ? { signatureAlgorithm: message.signatureAlgorithm } : {}),
      };
      const expected = {
        provider: send.profile.provider,
        to: send.recorded,
        code: send.code,
        ...wanted,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        problems.push(
          `${send.index} ${send.profile.name}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`
        );
      }
      if (!message.text.includes(send.code)) {
        problems.push(`${send.index}: text "${message.text}" lacks its code`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("each send's answer is the one for its own message (no answer crossed to another call)", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const send of plan) {
      const outcome = results.get(send.index);
      if (!outcome?.ok) {
        continue;
      }
      const value = outcome.value as { requestId?: string; bizId?: string; sid?: string };
      const answerId = send.profile.provider === 'yunpian' ? value.sid : value.requestId;
      const message = emulator(send.profile.emulator).inbox.list({ to: send.recorded })[0];
      if (!answerId || answerId !== message?.requestId) {
        problems.push(
          `${send.index}: answer ${String(answerId)} vs message ${String(message?.requestId)}`
        );
      }
      if (answerId && seen.has(`${send.profile.emulator}:${answerId}`)) {
        problems.push(`${send.index}: answer id ${answerId} seen twice`);
      }
      if (answerId) {
        seen.add(`${send.profile.emulator}:${answerId}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the mix really covered every config, both regions, both ways of passing the config', () => {
    for (const profile of profiles) {
      expect(plan.filter((send) => send.profile === profile).length).toBeGreaterThan(40);
    }
    for (const via of ['own', 'shared'] as const) {
      expect(plan.filter((send) => send.via === via).length).toBeGreaterThan(300);
    }
    for (const region of ['mainland', 'international'] as const) {
      expect(plan.filter((send) => send.region === region).length).toBeGreaterThan(200);
    }
  });
});
