// The fixture the contract suite runs over must hold on its own: its config is valid, its invalid
// patches are refused naming their field, and its success answer is accepted.
import { createRedactor, parseConfig } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';

import { configGuard } from '../src/config.js';
import { checkResponse } from '../src/errors.js';

import { contractFixture } from './contract-fixture.js';

const base = contractFixture.config('http://127.0.0.1:4010', {
  id: 'LTAI5tContract',
  secret: 'contract-secret',
  token: 'contract-token',
});

describe('contract fixture', () => {
  it('its config is valid and points at the given endpoint', () => {
    expect(parseConfig(configGuard, base).endpoint).toBe('http://127.0.0.1:4010');
  });

  it.each(contractFixture.invalidConfigs.map((entry) => [entry.field, entry] as const))(
    'the %s patch is invalid_config naming it',
    (_field, { patch, field }) => {
      try {
        parseConfig(configGuard, { ...base, ...patch });
        throw new Error('accepted');
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
    expect(checkResponse(contractFixture.success, createRedactor([]))).toEqual({
      bizId: '112231421412414124123^4',
      requestId: 'C0FFEE00-0000-4000-8000-000000000000',
    });
  });
});
