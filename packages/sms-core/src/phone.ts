import { invalidRequest } from './errors.js';

/**
 * Where a verification code is routed. Providers bill and template mainland China separately from
 * everywhere else, so this split (and nothing finer) is what both connectors need.
 */
export type PhoneRoute =
  | {
      region: 'mainland';
      /** The 11-digit national mobile number, e.g. `13800138000`. */
      national: string;
      /** Country code and number, digits only, e.g. `8613800138000`. */
      e164: string;
    }
  | {
      region: 'international';
      /** Country code and number, digits only, e.g. `85212345678`. */
      e164: string;
    };

export type PhoneRoutingOptions = {
  /**
   * `true` (Logto's own format): every number carries its country code.
   * `false`: additionally read a bare 11-digit `1[3-9]…` number as mainland China (legacy rows).
   */
  strictPhoneRegionNumberCheck: boolean;
};

const mainlandMobile = /^1[3-9]\d{9}$/;
// Separators people type or paste: spaces (incl. no-break and ideographic), dashes, dots, brackets.
const separators = /[\s\u00a0\u3000\-.()]/g;
// E.164 caps a full number at 15 digits; the shortest real subscriber numbers plus country code are 7.
const minDigits = 7;
const maxDigits = 15;

/**
 * Classifies a recipient as Logto sends it (`8613800138000`) or as a person types it
 * (`+86 138-0013-8000`, `0086…`, `(852) 1234 5678`). Never guesses a country for a number that
 * lacks one, except the documented legacy rule when strict checking is off.
 *
 * @throws ConnectorError(InvalidRequestParameters) for anything that cannot be a phone number.
 */
export const routePhoneNumber = (input: unknown, options: PhoneRoutingOptions): PhoneRoute => {
  if (typeof input !== 'string' || input.trim() === '') {
    throw invalidRequest('The phone number is missing.');
  }

  const compact = input.trim().replace(separators, '');
  const explicitPrefix = compact.startsWith('+') ? '+' : compact.startsWith('00') ? '00' : '';
  const digits = compact.slice(explicitPrefix.length);

  if (!/^\d+$/.test(digits)) {
    throw invalidRequest(
      'The phone number may contain only digits, an optional leading "+" or "00", spaces, dashes and parentheses.'
    );
  }

  if (digits.length < minDigits || digits.length > maxDigits) {
    throw invalidRequest(
      `The phone number must have ${minDigits} to ${maxDigits} digits including the country code; it has ${digits.length}.`
    );
  }

  if (digits.startsWith('86')) {
    const national = digits.slice(2);
    if (!mainlandMobile.test(national)) {
      throw invalidRequest(
        'The number has the mainland China country code 86 but is not a mainland mobile number (11 digits starting with 13–19).'
      );
    }
    return { region: 'mainland', national, e164: digits };
  }

  if (!explicitPrefix && !options.strictPhoneRegionNumberCheck && mainlandMobile.test(digits)) {
    return { region: 'mainland', national: digits, e164: `86${digits}` };
  }

  if (digits.startsWith('0')) {
    // Country codes never start with 0: this is a national number without its country code.
    throw invalidRequest(
      'The phone number has no country code (it starts with 0). Store numbers with their country code, e.g. 447700900123.'
    );
  }

  return { region: 'international', e164: digits };
};
