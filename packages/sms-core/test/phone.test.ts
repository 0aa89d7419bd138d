import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { beforeAll, describe, expect, it } from 'vitest';

import { phoneTable } from '../../../tests/phone/phone-table.js';
import { loadPhonePlan } from '../src/phone-plan-loader.js';
import { routePhoneNumber } from '../src/phone.js';

beforeAll(loadPhonePlan);

const strict = { strictPhoneRegionNumberCheck: true };
const legacy = { strictPhoneRegionNumberCheck: false };

const cn = (national: string) => ({
  region: 'mainland',
  national,
  e164: `86${national}`,
  country: 'CN',
  countryCallingCode: '86',
  type: 'MOBILE',
});
const abroad = (digits: string, country: string, countryCallingCode: string, type: string) => ({
  region: 'international',
  e164: digits,
  country,
  countryCallingCode,
  type,
});

const errorOf = (input: unknown, options = strict): ConnectorError => {
  try {
    routePhoneNumber(input, options);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    return error as ConnectorError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
};

const descriptionOf = (input: unknown, options = strict) =>
  (errorOf(input, options).data as { errorDescription: string }).errorDescription;

describe('routePhoneNumber: the phone table', () => {
  it.each(phoneTable.filter((phoneCase) => phoneCase.allowedCountries === undefined))(
    '$name: $to',
    (phoneCase) => {
      if ('refused' in phoneCase) {
        expect(descriptionOf(phoneCase.to)).toMatch(phoneCase.refused);
        return;
      }
      const { region, country, national, e164 } = phoneCase.route;
      const route = routePhoneNumber(phoneCase.to, strict);
      expect(route).toMatchObject({ region, country, e164 });
      if (region === 'mainland') {
        expect(route).toMatchObject({ national });
      } else {
        expect(route).not.toHaveProperty('national');
      }
    }
  );
});

describe('routePhoneNumber', () => {
  it.each([
    // [input, options, expected route]
    ['8613800138000', strict, cn('13800138000')],
    ['+8613800138000', strict, cn('13800138000')],
    ['008613800138000', strict, cn('13800138000')],
    ['(+86) 138 0013 8000', strict, cn('13800138000')],
    ['86\u00A0199\u30001234\u00A05678', strict, cn('19912345678')],
    ['+852 6123 4567', strict, abroad('85261234567', 'HK', '852', 'MOBILE')],
    ['16502530000', strict, abroad('16502530000', 'US', '1', 'FIXED_LINE_OR_MOBILE')],
    ['+1 (650) 253-0000', strict, abroad('16502530000', 'US', '1', 'FIXED_LINE_OR_MOBILE')],
    ['447400123456', strict, abroad('447400123456', 'GB', '44', 'MOBILE')],
    // Strict: a bare number that looks like a mainland mobile is read as country code 1 + number, never as China.
    ['14155550100', strict, abroad('14155550100', 'US', '1', 'FIXED_LINE_OR_MOBILE')],
    // Legacy mode: bare 11-digit 1[3-9]… numbers are mainland, as documented.
    ['13800138000', legacy, cn('13800138000')],
    ['16502530000', legacy, cn('16502530000')],
    ['8613800138000', legacy, cn('13800138000')],
    // An explicit "+" means the country code is there, even in legacy mode.
    ['+14155550100', legacy, abroad('14155550100', 'US', '1', 'FIXED_LINE_OR_MOBILE')],
    ['85261234567', legacy, abroad('85261234567', 'HK', '852', 'MOBILE')],
    ['12025550123', legacy, abroad('12025550123', 'US', '1', 'FIXED_LINE_OR_MOBILE')],
  ])('routes %s (strict=%o)', (input, options, expected) => {
    expect(routePhoneNumber(input, options)).toEqual(expected);
  });

  it('routes Hong Kong, Macao and Taiwan as overseas: only the plan country CN is mainland', () => {
    for (const to of ['85261234567', '85366123456', '886912345678']) {
      expect(routePhoneNumber(to, strict).region).toBe('international');
    }
  });

  it('answers a repeated number from the memo with the same frozen route, per strictness', () => {
    const first = routePhoneNumber('8613912345678', strict);
    expect(routePhoneNumber('8613912345678', strict)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // The same digits under the other mode are routed again, not taken from the memo.
    expect(routePhoneNumber('16502530000', legacy).country).toBe('CN');
    expect(routePhoneNumber('16502530000', strict).country).toBe('US');
    expect(routePhoneNumber('16502530000', legacy).country).toBe('CN');
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
    ['１３８００１３８０００', 'only digits'],
    ['07400123456', 'no country code'],
    ['+0123456789', 'assigned country calling code'],
    // Beijing fixed lines are 010 + 8 digits: one digit too many for any range starting 10.
    ['8610123456789', 'too long for China (CN)'],
    ['8675512345678', 'fixed-line (landline) number in China (CN)'],
    ['19005550123', 'premium-rate number in United States (US)'],
    ['448712345678', 'premium-rate number in United Kingdom (GB)'],
    ['447700900123', '+44 770 is in use, but the digits after it are not an assigned number'],
    ['16501234567', '+1 650 is in use, but the digits after it are not an assigned number'],
    // Libphonenumber would drop the trunk prefix; a digit is never dropped silently.
    ['119043000000', 'a digit too many after +1'],
    ['4407400123456', 'a digit too many after +44'],
  ])('refuses %j before any network call, saying: %s', (input, message) => {
    expect(descriptionOf(input)).toContain(message);
  });

  it('never repeats the whole number in its message', () => {
    for (const input of ['13815550123', '8614012345678', '449098790000', '86138001380001']) {
      expect(descriptionOf(input)).not.toContain(input.slice(2));
    }
  });

  it('in strict mode, hints at the legacy rule for a bare mainland-looking number that is not a +1 number', () => {
    expect(descriptionOf('13800138000')).toMatch(
      /store it as 86 followed by the 11 digits, or turn off the strict phone region check/
    );
    expect(descriptionOf('+13815550123')).not.toMatch(/strict phone region check/);
  });

  it('in legacy mode, still validates a bare number against the mainland plan', () => {
    expect(descriptionOf('14012345678', legacy)).toContain(
      '+86 140 is not an allocated number range'
    );
  });

  it.each([undefined, null, 8_613_800_138_000, {}, []])(
    'rejects a non-string recipient %j',
    (input) => {
      expect(() => routePhoneNumber(input, strict)).toThrowError(ConnectorError);
    }
  );
});
