/**
 * Failures that have nothing to do with the provider's own rules: a broken gateway, a garbled or
 * truncated answer, a provider that never answers. Every connector must map them the same way.
 */
import type { Sandbox } from '@logto-sms/sandbox';

import { expect, it } from 'vitest';

import { connectorErrorOf, randomCode, type SmsSender } from '../helpers/logto.js';
import { settlesWithin } from '../helpers/order.js';

export type TransportFaultContext = {
  provider: 'aliyun' | 'yunpian' | 'tencent';
  sandbox: () => Sandbox;
  sender: (overrides?: Record<string, unknown>) => Promise<SmsSender>;
};

export const itMapsTransportFaults = ({ provider, sandbox, sender }: TransportFaultContext) => {
  it.each(['truncated', 'non-json'] as const)('InvalidResponse: a %s answer', async (kind) => {
    sandbox().faults.add({ provider, kind });
    const send = await sender();
    const error = await connectorErrorOf(async () =>
      send.signIn('8613800138000', { code: randomCode() })
    );
    expect(error.code).toBe('invalid_response');
  });

  it('General: an HTML 502 from a gateway', async () => {
    sandbox().faults.add({ provider, kind: 'html502' });
    const send = await sender();
    const error = await connectorErrorOf(async () =>
      send.signIn('8613800138000', { code: randomCode() })
    );
    expect(error.code).toBe('general');
    expect(error.data.errorDescription).toEqual(expect.any(String));
  });

  it('General: a hanging provider, cut off by the configured timeout', async () => {
    sandbox().faults.add({ provider, kind: 'hang', sticky: true });
    const send = await sender({ timeout: 500 });
    const sending = send.signIn('8613800138000', { code: randomCode() });
    // Ended by the configured timeout, before got's backstop 250 ms later.
    expect(await settlesWithin(sending, 500 + 200)).toBe(true);
    const error = await connectorErrorOf(async () => sending);
    expect(error.code).toBe('general');
  });
};
