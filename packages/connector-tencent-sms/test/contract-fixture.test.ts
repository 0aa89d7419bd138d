import { createRedactor, parseConfig } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';

import { configGuard } from '../src/config.js';
import { checkResponse } from '../src/errors.js';

import { contractFixture } from './contract-fixture.js';

// Typed as unknown: vitest types its asymmetric matchers as any.
const anyText: unknown = expect.any(String);

const canaries = { id: 'AKIDcanary', secret: 'canary-secret', token: 'canary-token' };

describe('the contract fixture is true of this connector', () => {
  it('its config validates and keeps the loopback endpoint and the canaries', () => {
    const parsed = parseConfig(
      configGuard,
      contractFixture.config('http://127.0.0.1:4321', canaries)
    );
    expect(parsed).toMatchObject({
      endpoint: 'http://127.0.0.1:4321',
      accessKeyId: 'AKIDcanary',
      accessKeySecret: 'canary-secret',
      securityToken: 'canary-token',
    });
  });

  it.each(contractFixture.invalidConfigs.map((entry) => [entry.field, entry] as const))(
    '%s: invalid_config naming the field',
    (_field, { patch, field }) => {
      try {
        parseConfig(configGuard, {
          ...contractFixture.config('http://127.0.0.1:4321', canaries),
          ...patch,
        });
        expect.unreachable();
      } catch (error: unknown) {
        expect(error).toBeInstanceOf(ConnectorError);
        expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidConfig);
        expect(
          ((error as ConnectorError).data as ZodError).issues.map(({ path }) => path[0])
        ).toContain(field);
      }
    }
  );

  it('its success answer is a success', () => {
    const { status, body } = contractFixture.success;
    expect(checkResponse({ status, body }, createRedactor([]))).toMatchObject({
      serialNo: anyText,
      requestId: anyText,
    });
  });
});
