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

import { sandboxConfig, type Emulator, type Region } from './support/concurrency-accounts.js';
import { profiles, sendTimeoutMs, type Profile } from './support/concurrency-profiles.js';
import {
  connectorFor,
  formOnlyConnector,
  hongKongNumber,
  mainlandNumber,
  sendData,
  settle,
  unhandledRejections,
  type Outcome,
} from './support/env.js';

const total = 1000;

/** Mulberry32: a fixed interleaving, the same on every run. */
const random = (() => {
  let state = 0x5e_ed_12_34;
  /* eslint-disable no-bitwise, unicorn/prefer-math-trunc -- Mulberry32 is defined on 32-bit integer arithmetic; `| 0` wraps to int32, it is not Math.trunc */
  return () => {
    state = (state + 0x6d_2b_79_f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  /* eslint-enable no-bitwise, unicorn/prefer-math-trunc */
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
