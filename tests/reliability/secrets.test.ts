/**
 * Secrets never leave the connectors. The emulator knows canary credentials (support/canaries.ts);
 * every error path is driven over real HTTP (each fault kind, each provider error category, a
 * provider that echoes the secrets, config errors, input errors), and no canary form may appear in
 * anything thrown (message, data, cause, stack, JSON, util.inspect) or written to stdout, stderr or
 * the console while the sends ran.
 *
 * Each scenario also asserts the error it must produce, so a scenario that silently stopped
 * reaching its path (and trivially leaked nothing) fails.
 *
 * No nock in this file: it uses real sockets.
 */
import { startSandbox, type FaultSpec, type Sandbox } from '@logto-sms/sandbox';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { canaries, leaksIn, leaksInError, type Leak } from '../support/canaries.js';
import {
  makeLocalhostUnresolvable,
  restoreResolver,
  unresolvableUrl,
} from '../support/unresolvable.js';
import { jsonOf } from '../support/values.js';

import {
  closedPortUrl,
  connectorFor,
  errorData,
  hongKongNumber,
  isConnectorError,
  mainlandNumber,
  sendData,
  settle,
  sleep,
  unhandledRejections,
  type Outcome,
  type Provider,
} from './support/env.js';
import {
  longTermKeyId,
  stsKeyId,
  tencentSecretId,
  tencentTemporarySecretId,
  timeout,
  type ProbeContext,
  type Scenario,
} from './support/leak-probe.js';
import { aliyunScenarios } from './support/leak-scenarios-aliyun.js';
import { inputScenarios } from './support/leak-scenarios-input.js';
import { refusalScenarios } from './support/leak-scenarios-refusals.js';
import { yunpianTencentScenarios } from './support/leak-scenarios-yunpian-tencent.js';

let sandbox: Sandbox;
let refused: string;
let unresolvable: string;
const outcomes = new Map<string, Outcome>();
const written: Array<{ stream: string; text: string }> = [];
const rejections = unhandledRejections();

let recipientSeq = 0;
const nextMainland = () => {
  recipientSeq += 1;
  return mainlandNumber(77, recipientSeq);
};
const nextHongKong = () => {
  recipientSeq += 1;
  return hongKongNumber(77, recipientSeq);
};

const send = async (
  provider: Provider,
  config: Record<string, unknown>,
  data = sendData(nextMainland(), canaries.code)
) => {
  const connector = await connectorFor(provider, config);
  return connector.sendMessage(data);
};

/** A send whose recipient gets `fault` first. */
const faulted = async (
  provider: Provider,
  config: Record<string, unknown>,
  fault: Omit<FaultSpec, 'to'>,
  code: string = canaries.code
) => {
  const to = nextMainland();
  sandbox.faults.add({ ...fault, provider, to });
  return send(provider, config, sendData(to, code));
};

const context: ProbeContext = {
  url: () => sandbox.url,
  endpointFor: (kind) =>
    kind === 'refused' ? refused : kind === 'unresolvable' ? unresolvable : sandbox.url,
  send,
  faulted,
  nextMainland,
  nextHongKong,
};

// The table is built at collection time, the emulator later: the context reads it when a scenario runs.
const scenarios = (): Scenario[] => [
  ...aliyunScenarios(context),
  ...yunpianTencentScenarios(context),
  ...refusalScenarios(context),
  ...inputScenarios(context),
];

// ------------------------------------------------------------------ run everything once, capturing output

/** A stdout / stderr write that records the chunk instead of printing it. */
const capture = (stream: string) => (chunk: unknown) => {
  written.push({
    stream,
    text:
      typeof chunk === 'string'
        ? chunk
        : Buffer.isBuffer(chunk)
          ? chunk.toString('utf8')
          : String(chunk),
  });
  return true;
};

const all: Scenario[] = scenarios();

beforeAll(async () => {
  rejections.start();
  makeLocalhostUnresolvable();
  sandbox = await startSandbox({
    config: {
      aliyun: {
        accessKeys: [{ accessKeyId: longTermKeyId, accessKeySecret: canaries.accessKeySecret }],
        stsCredentials: [
          {
            accessKeyId: stsKeyId,
            accessKeySecret: canaries.stsSecret,
            securityToken: canaries.securityToken,
          },
        ],
      },
      tencent: {
        secrets: [{ secretId: tencentSecretId, secretKey: canaries.accessKeySecret }],
        stsCredentials: [
          {
            secretId: tencentTemporarySecretId,
            secretKey: canaries.stsSecret,
            token: canaries.securityToken,
          },
        ],
        // Notification templates: the canary code has letters, which verification templates refuse.
        templates: [
          { id: '900001', type: 'notification', region: 'mainland', content: '您的验证码为{1}。' },
          {
            id: '900002',
            type: 'notification',
            region: 'international',
            content: 'Your code is {1}.',
          },
        ],
      },
      yunpian: {
        accounts: [
          {
            apikey: canaries.apikey,
            balance: 1_000_000,
            international: true,
            defaultSignature: '【Logto测试】',
          },
          {
            apikey: canaries.emptyBalanceApikey,
            balance: 0,
            international: true,
            defaultSignature: '【Logto测试】',
          },
          {
            apikey: canaries.domesticApikey,
            balance: 1_000_000,
            international: false,
            defaultSignature: '【Logto测试】',
          },
        ],
      },
    },
  });
  refused = await closedPortUrl();
  unresolvable = unresolvableUrl(await closedPortUrl());

  const spies = [
    vi
      .spyOn(process.stdout, 'write')
      .mockImplementation(capture('stdout') as typeof process.stdout.write),
    vi
      .spyOn(process.stderr, 'write')
      .mockImplementation(capture('stderr') as typeof process.stderr.write),
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        written.push({
          stream: `console.${method}`,
          text: args
            .map((arg) => (typeof arg === 'string' ? arg : (jsonOf(arg) ?? String(arg))))
            .join(' '),
        });
      })
    ),
  ];
  try {
    // Sixteen at a time: with everything at once, sends queued behind hung ones for one of the
    // 64 pooled sockets would spend their whole budget waiting and time out instead of taking
    // the path under test.
    const queue = [...all];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
          outcomes.set(scenario.name, await settle(scenario.run));
        }
      })
    );
    // Let abandoned requests (delay, hang) finish inside the capture window too.
    await sleep(timeout + 400);
  } finally {
    for (const spy of spies) {
      spy.mockRestore();
    }
  }
}, 60_000);

afterAll(async () => {
  restoreResolver();
  await sandbox.close();
  rejections.stop();
  expect(rejections.seen).toEqual([]);
});

const describeLeaks = (leaks: Leak[]) =>
  leaks.map(({ canary, form, where }) => `${coreName(canary)} as ${form} in ${where}`);
const coreName = (secret: string) =>
  Object.entries(canaries).find(([, value]) => value === secret)?.[0] ?? 'canary';

describe('no secret or code in any error', () => {
  it('ran a broad set of paths', () => {
    expect(all.length).toBeGreaterThan(150);
  });

  it.each(all.map((scenario) => ({ ...scenario, label: scenario.name })))('$label', (scenario) => {
    const outcome = outcomes.get(scenario.name);
    expect(outcome, 'did not run').toBeDefined();
    if (!outcome || outcome.ok) {
      throw new Error(`resolved instead of failing: ${JSON.stringify(outcome)}`);
    }
    if (!isConnectorError(outcome.error)) {
      throw new Error(`threw something other than a ConnectorError: ${String(outcome.error)}`);
    }
    const { error } = outcome;
    expect(describeLeaks(leaksInError(error, scenario.secrets))).toEqual([]);
    expect(error.code).toBe(scenario.expected.code);
    if (scenario.expected.providerCode !== undefined) {
      expect(errorData(error).providerCode).toBe(scenario.expected.providerCode);
    }
  });
});

describe('nothing written to stdout, stderr or the console holds a secret', () => {
  it('while every scenario ran', () => {
    const secrets = Object.values(canaries);
    const leaks = written.flatMap(({ stream, text }) => leaksIn(text, secrets, stream));
    expect(describeLeaks(leaks)).toEqual([]);
  });
});
