/**
 * Provider faults over real sockets, against the emulator. Every fault is injected for one
 * recipient only (one-shot, matched by `to`), so all cases run concurrently and a silent retry of
 * a request that reached the provider would be delivered and show up in the inbox.
 *
 * No nock in this file (its interceptor turns a got timeout on an in-flight response into an extra
 * unhandled rejection that production code never sees).
 */
import { startSandbox, type FaultSpec, type Sandbox } from '@logto-sms/sandbox';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { settlesWithin } from '../helpers/order.js';
import {
  makeLocalhostUnresolvable,
  refusedLookups,
  restoreResolver,
  unresolvableUrl as toUnresolvable,
} from '../support/unresolvable.js';

import {
  aliyunConfig,
  closedPortUrl,
  connectorErrorOf,
  connectorFor,
  errorData,
  loadSendFlows,
  mainlandNumber,
  sendData,
  settle,
  sleep,
  unhandledRejections,
  tencentConfig,
  unlimitedSandboxConfig,
  yunpianConfig,
  type Provider,
} from './support/env.js';

/** For faults that only end with the timeout (hang, drip, delay): short, to keep the file fast. */
const timeout = 600;
/**
 * For faults answered at once: a budget a loaded CI machine cannot overrun by accident, so the
 * case fails only if the connector misclassifies the answer, not because the machine was slow.
 */
const relaxedTimeout = 5000;
/**
 * The promise: a ConnectorError by the configured timeout. Checked as an order of timers (see
 * settlesWithin), just before got's backstop 250 ms after the budget, so a slow machine cannot
 * make it flake and only a later mechanism than the connector's own timeout fails it.
 */
const deadlineFor = (configured: number) => configured + 200;

type Variant = {
  name: string;
  provider: Provider;
  config: (endpoint: string, timeout: number) => Record<string, unknown>;
};

const variants: Variant[] = [
  {
    name: 'Aliyun ACS3-HMAC-SHA256',
    provider: 'aliyun',
    config: (endpoint, budget) =>
      aliyunConfig({ endpoint, timeout: budget, signatureAlgorithm: 'ACS3-HMAC-SHA256' }),
  },
  {
    name: 'Aliyun HMAC-SHA1',
    provider: 'aliyun',
    config: (endpoint, budget) =>
      aliyunConfig({ endpoint, timeout: budget, signatureAlgorithm: 'HMAC-SHA1' }),
  },
  {
    name: 'YunPian',
    provider: 'yunpian',
    config: (endpoint, budget) => yunpianConfig({ endpoint, timeout: budget }),
  },
  {
    name: 'Tencent',
    provider: 'tencent',
    config: (endpoint, budget) => tencentConfig({ endpoint, timeout: budget }),
  },
];

type Where = 'emulator' | 'refused' | 'unresolvable';

type FaultCase = {
  name: string;
  /** Injected for this case's recipient only. */
  fault?: Omit<FaultSpec, 'to'>;
  where: Where;
  expected: ConnectorErrorCodes;
  /** What the error must tell the operator about delivery. */
  hint: RegExp;
  /** Ends only with the client's timeout. */
  waits?: boolean;
};

const mayHaveBeenSent = /may or may not have been sent|not retried/i;
const nothingSent = /nothing was sent/i;
const notAnAnswer = /endpoint/i;

const cases: FaultCase[] = [
  {
    name: 'hang (accepts, never answers)',
    fault: { kind: 'hang' },
    where: 'emulator',
    expected: ConnectorErrorCodes.General,
    hint: mayHaveBeenSent,
    waits: true,
  },
  {
    name: 'slow drip (headers, then a byte every 50 ms)',
    fault: { kind: 'drip', intervalMs: 50 },
    where: 'emulator',
    expected: ConnectorErrorCodes.General,
    hint: mayHaveBeenSent,
    waits: true,
  },
  {
    name: 'connection reset',
    fault: { kind: 'reset' },
    where: 'emulator',
    expected: ConnectorErrorCodes.General,
    hint: mayHaveBeenSent,
  },
  {
    name: 'connection refused (closed port)',
    where: 'refused',
    expected: ConnectorErrorCodes.General,
    hint: nothingSent,
  },
  {
    name: 'DNS failure (ENOTFOUND)',
    where: 'unresolvable',
    expected: ConnectorErrorCodes.General,
    hint: nothingSent,
  },
  {
    name: 'HTML 502 from a gateway',
    fault: { kind: 'html502' },
    where: 'emulator',
    expected: ConnectorErrorCodes.General,
    hint: mayHaveBeenSent,
  },
  {
    name: 'truncated JSON',
    fault: { kind: 'truncated' },
    where: 'emulator',
    expected: ConnectorErrorCodes.InvalidResponse,
    hint: notAnAnswer,
  },
  {
    name: 'empty 200',
    fault: { kind: 'empty' },
    where: 'emulator',
    expected: ConnectorErrorCodes.InvalidResponse,
    hint: notAnAnswer,
  },
  {
    name: '200 with an unknown JSON shape',
    fault: { kind: 'unknown-shape' },
    where: 'emulator',
    expected: ConnectorErrorCodes.InvalidResponse,
    hint: notAnAnswer,
  },
  {
    name: '200 plain text',
    fault: { kind: 'non-json' },
    where: 'emulator',
    expected: ConnectorErrorCodes.InvalidResponse,
    hint: notAnAnswer,
  },
  {
    name: '5 MB body',
    fault: { kind: 'huge', sizeBytes: 5 * 1024 * 1024 },
    where: 'emulator',
    expected: ConnectorErrorCodes.InvalidResponse,
    hint: notAnAnswer,
  },
];

let sandbox: Sandbox;
let refusedUrl: string;
/** `localhost` on a closed port, made unresolvable (support/unresolvable.ts): no DNS query leaves the machine. */
let unresolvableUrl: string;
const rejections = unhandledRejections();

beforeAll(async () => {
  rejections.start();
  makeLocalhostUnresolvable();
  sandbox = await startSandbox({ config: unlimitedSandboxConfig() });
  await loadSendFlows();
  refusedUrl = await closedPortUrl();
  unresolvableUrl = toUnresolvable(await closedPortUrl());
});

afterAll(async () => {
  restoreResolver();
  await sandbox.close();
  // Late rejections (a timer firing after a test) surface on the next turns of the loop.
  await sleep(300);
  rejections.stop();
  expect(rejections.seen).toEqual([]);
});

const endpointFor = (where: Where) =>
  where === 'emulator' ? sandbox.url : where === 'refused' ? refusedUrl : unresolvableUrl;

describe.each(variants.map((variant, index) => ({ ...variant, group: 40 + index })))(
  '$name',
  (variant) => {
    it.concurrent.each(cases.map((fault, index) => ({ ...fault, index })))(
      '$name → ConnectorError($expected) by the timeout, nothing delivered twice',
      async (fault) => {
        const to = mainlandNumber(variant.group, fault.index);
        if (fault.fault) {
          sandbox.faults.add({ ...fault.fault, to });
        }
        const budget = fault.waits ? timeout : relaxedTimeout;
        const connector = await connectorFor(
          variant.provider,
          variant.config(endpointFor(fault.where), budget)
        );

        const sending = connector.sendMessage(sendData(to, '428613'));
        const inTime = settlesWithin(sending, deadlineFor(budget));
        const outcome = await settle(async () => sending);

        const error = connectorErrorOf(outcome);
        expect(error.code).toBe(fault.expected);
        expect(await inTime).toBe(true);
        if (fault.waits) {
          expect(outcome.ms).toBeGreaterThanOrEqual(timeout - 50);
        }
        const data = errorData(error);
        expect(data.provider).toBe(variant.provider);
        expect(String(data.errorDescription)).toMatch(fault.hint);
        // The fault consumed the only request that reached the emulator; a retry would have been
        // answered normally and delivered.
        expect(sandbox.inbox.list({ to })).toHaveLength(0);
        if (fault.fault) {
          expect(sandbox.faults.list().filter((armed) => armed.to === to)).toHaveLength(0);
        }
        if (fault.where === 'unresolvable') {
          expect(refusedLookups.length).toBeGreaterThan(0);
          expect(String(data.errorDescription)).toContain('ENOTFOUND');
        }
      }
    );

    it.concurrent(
      'answer slower than the timeout → General, and the late delivery happens at most once',
      async () => {
        const to = mainlandNumber(variant.group, 90);
        sandbox.faults.add({ kind: 'delay', delayMs: timeout + 300, to });
        const connector = await connectorFor(
          variant.provider,
          variant.config(sandbox.url, timeout)
        );

        const sending = connector.sendMessage(sendData(to, '517204'));
        const inTime = settlesWithin(sending, deadlineFor(timeout));
        const outcome = await settle(async () => sending);

        const error = connectorErrorOf(outcome);
        expect(error.code).toBe(ConnectorErrorCodes.General);
        expect(await inTime).toBe(true);
        expect(String(errorData(error).errorDescription)).toMatch(mayHaveBeenSent);
        // The emulator finishes the abandoned request after its delay: exactly one message, never two.
        await sandbox.inbox.waitForMessage({ to, since: 0 }, 5000);
        await sleep(300);
        const delivered = sandbox.inbox.list({ to });
        expect(delivered).toHaveLength(1);
        expect(delivered[0]?.code).toBe('517204');
      }
    );

    it.concurrent(
      'a sticky fault on every request fails every send the same way, one request each',
      async () => {
        const to = mainlandNumber(variant.group, 91);
        const id = sandbox.faults.add({ kind: 'reset', to, sticky: true });
        const connector = await connectorFor(
          variant.provider,
          variant.config(sandbox.url, relaxedTimeout)
        );

        const outcomes = await Promise.all(
          Array.from({ length: 5 }, async () =>
            settle(async () => connector.sendMessage(sendData(to, '300300')))
          )
        );

        for (const outcome of outcomes) {
          expect(connectorErrorOf(outcome).code).toBe(ConnectorErrorCodes.General);
        }
        expect(sandbox.faults.list().some((fault) => fault.id === id)).toBe(true);
        expect(sandbox.inbox.list({ to })).toHaveLength(0);
      }
    );

    it.concurrent(
      'the connector still sends normally right after a fault on the same endpoint',
      async () => {
        const to = mainlandNumber(variant.group, 92);
        sandbox.faults.add({ kind: 'reset', to });
        const connector = await connectorFor(
          variant.provider,
          variant.config(sandbox.url, relaxedTimeout)
        );

        const first = await settle(async () => connector.sendMessage(sendData(to, '111222')));
        const second = await settle(async () => connector.sendMessage(sendData(to, '333444')));

        expect(connectorErrorOf(first).code).toBe(ConnectorErrorCodes.General);
        expect(second.ok).toBe(true);
        expect(sandbox.inbox.list({ to }).map((message) => message.code)).toEqual(['333444']);
      }
    );
  }
);

// Sends queue for one of the 64 pooled sockets per origin. A send with a shorter budget than the
// ones holding the sockets (another tenant's config, the Console's unsaved form) must still fail
// within its own budget, not whenever a socket frees up. The pool is sms-core's, the same for
// both Aliyun signature schemes, so one Aliyun variant, YunPian and Tencent are enough.
describe('saturated socket pool', () => {
  const pooled = [variants[0], variants[2], variants[3]].filter(
    (variant): variant is Variant => variant !== undefined
  );
  it.concurrent.each(pooled.map((variant, index) => ({ ...variant, group: 50 + index })))(
    '$name: a send queued behind 64 hung sends still fails within its own timeout + 1 s',
    async (variant) => {
      // Its own emulator: a separate origin, so the saturated pool does not slow the other cases.
      const own = await startSandbox({ config: unlimitedSandboxConfig() });
      try {
        const hung = mainlandNumber(variant.group, 1);
        own.faults.add({ kind: 'hang', to: hung, sticky: true });
        const holder = await connectorFor(variant.provider, variant.config(own.url, 2000));
        const holders = Array.from({ length: 64 }, async () =>
          settle(async () => holder.sendMessage(sendData(hung, '640640')))
        );
        await sleep(150);

        const queued = await connectorFor(variant.provider, variant.config(own.url, timeout));
        const sending = queued.sendMessage(sendData(mainlandNumber(variant.group, 2), '650650'));
        const inTime = settlesWithin(sending, deadlineFor(timeout));
        const outcome = await settle(async () => sending);

        expect(connectorErrorOf(outcome).code).toBe(ConnectorErrorCodes.General);
        expect(await inTime).toBe(true);
        for (const held of await Promise.all(holders)) {
          expect(connectorErrorOf(held).code).toBe(ConnectorErrorCodes.General);
        }
        expect(own.inbox.count()).toBe(0);
      } finally {
        await own.close();
      }
    }
  );
});
