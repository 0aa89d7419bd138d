import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { routePhoneNumber } from '../src/phone.js';

const strict = { strictPhoneRegionNumberCheck: true };
const legacy = { strictPhoneRegionNumberCheck: false };

describe('routePhoneNumber', () => {
  it.each([
    // [input, options, expected route]
    ['8613800138000', strict, { region: 'mainland', national: '13800138000', e164: '8613800138000' }],
    ['+8613800138000', strict, { region: 'mainland', national: '13800138000', e164: '8613800138000' }],
    ['008613800138000', strict, { region: 'mainland', national: '13800138000', e164: '8613800138000' }],
    ['+86 138-0013-8000', strict, { region: 'mainland', national: '13800138000', e164: '8613800138000' }],
    ['(+86) 138 0013 8000', strict, { region: 'mainland', national: '13800138000', e164: '8613800138000' }],
    ['8619912345678', strict, { region: 'mainland', national: '19912345678', e164: '8619912345678' }],
    ['85261234567', strict, { region: 'international', e164: '85261234567' }],
    ['+852 6123 4567', strict, { region: 'international', e164: '85261234567' }],
    ['16502530000', strict, { region: 'international', e164: '16502530000' }],
    ['+1 (650) 253-0000', strict, { region: 'international', e164: '16502530000' }],
    ['447700900123', strict, { region: 'international', e164: '447700900123' }],
    ['00447700900123', strict, { region: 'international', e164: '447700900123' }],
    // Strict: a bare mainland-looking number is read as country code 1 + number, never as China.
    ['13800138000', strict, { region: 'international', e164: '13800138000' }],
    // Legacy mode: bare 11-digit 1[3-9]… numbers are mainland, as documented.
    ['13800138000', legacy, { region: 'mainland', national: '13800138000', e164: '8613800138000' }],
    ['16502530000', legacy, { region: 'mainland', national: '16502530000', e164: '8616502530000' }],
    ['8613800138000', legacy, { region: 'mainland', national: '13800138000', e164: '8613800138000' }],
    // An explicit "+" means the country code is there, even in legacy mode.
    ['+13800138000', legacy, { region: 'international', e164: '13800138000' }],
    ['85261234567', legacy, { region: 'international', e164: '85261234567' }],
    ['12025550123', legacy, { region: 'international', e164: '12025550123' }],
  ] as const)('routes %s (strict=%o)', (input, options, expected) => {
    expect(routePhoneNumber(input, options.strictPhoneRegionNumberCheck ? strict : legacy)).toEqual(expected);
  });

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['138abc00138', 'only digits'],
    ['+86 138 0013 800O', 'only digits'],
    ['12345', '7 to 15 digits'],
    ['1234567890123456', '7 to 15 digits'],
    ['+', 'only digits'],
    ['++8613800138000', 'only digits'],
    ['8610123456789', 'not a mainland mobile number'],
    ['86138001380001', 'not a mainland mobile number'],
    ['07700900123', 'no country code'],
    ['１３８００１３８０００', 'only digits'],
  ])('rejects %j before any network call', (input, message) => {
    const error = (() => {
      try {
        routePhoneNumber(input, strict);
      } catch (error: unknown) {
        return error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(JSON.stringify((error as ConnectorError).data)).toContain(message);
  });

  it.each([undefined, null, 8613800138000, {}, []])('rejects a non-string recipient %j', (input) => {
    expect(() => routePhoneNumber(input, strict)).toThrowError(ConnectorError);
  });
});
