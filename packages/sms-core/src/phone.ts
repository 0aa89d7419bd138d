import {
  ParseError,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type MetadataJson,
  type PhoneNumber,
  type PhoneNumberType,
} from 'libphonenumber-js/core';

import { invalidRequest } from './errors.js';
import { phoneMetadata } from './phone-metadata.js';
import { describeRegion } from './region-names.js';

/**
 * Number types that can receive an SMS. `FIXED_LINE_OR_MOBILE` is what plans that do not tell the
 * two apart (US, Canada and the rest of +1) give every number; `VOIP` and `PERSONAL_NUMBER` ranges
 * forward to a subscriber's device.
 */
export type SmsCapableNumberType = Extract<PhoneNumberType, 'MOBILE' | 'FIXED_LINE_OR_MOBILE' | 'VOIP' | 'PERSONAL_NUMBER'>;

const smsCapableTypes: ReadonlySet<PhoneNumberType> = new Set<SmsCapableNumberType>([
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'VOIP',
  'PERSONAL_NUMBER',
]);

/** How a refused type is named in the error; types not listed here are routed. */
const refusedTypeNames: Partial<Record<PhoneNumberType, string>> = {
  FIXED_LINE: 'a fixed-line (landline) number',
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  TOLL_FREE: 'a toll-free number',
  UAN: 'a universal access number (UAN)',
  VOICEMAIL: 'a voicemail access number',
  PAGER: 'a pager number',
};

type RouteDetails = {
  /** ISO 3166-1 alpha-2 code of the number's country or region in the number plan: `CN`, `HK`, `MO`, `TW`, `US`… */
  country: string;
  /** Country calling code, digits only: `86`, `852`, `1`… */
  countryCallingCode: string;
  /** The number's type in the plan (libphonenumber's names); only types that can receive SMS are routed. */
  type: SmsCapableNumberType;
};

/**
 * Where a verification code is routed. Providers bill and template mainland China separately from
 * everywhere else (Hong Kong, Macao and Taiwan included), so `region` makes that split; `country`
 * says exactly where the number belongs.
 */
export type PhoneRoute =
  | ({
      region: 'mainland';
      /** The 11-digit national mobile number, e.g. `13800138000`. */
      national: string;
      /** Country code and number, digits only, e.g. `8613800138000`. */
      e164: string;
    } & RouteDetails)
  | ({
      region: 'international';
      /** Country code and number, digits only, e.g. `85261234567`. */
      e164: string;
    } & RouteDetails);

export type PhoneRoutingOptions = {
  /**
   * `true` (Logto's own format): every number carries its country code.
   * `false`: additionally read a bare 11-digit `1[3-9]…` number as mainland China (legacy rows).
   */
  strictPhoneRegionNumberCheck: boolean;
};

const mainlandMobileShape = /^1[3-9]\d{9}$/;
// Separators people type or paste: spaces (incl. no-break and ideographic), dashes, dots, brackets.
const separators = /[\s\u00a0\u3000\-.()]/g;
// E.164 caps a full number at 15 digits; the shortest real subscriber numbers plus country code are 7.
const minDigits = 7;
const maxDigits = 15;

const where = (phone: PhoneNumber): string =>
  phone.country ? describeRegion(phone.country) : `the +${phone.countryCallingCode} numbering plan`;

// Completions that put ordinary digits after a prefix (NANP exchanges may not start with 0 or 1).
const fillers = ['2345678901234', '5550123456789', '8765432109876', '3000000000000', '9999999999999', '6123456789012', '7000000000000', '4567890123456'];

/**
 * Whether some valid number of `length` national digits starts with `prefix`: tells "this area code
 * or range is not assigned" apart from "the range exists, but not these digits" and from a number
 * with a digit too many or too few. Only runs for a refused number.
 */
const prefixInUse = (callingCode: string, prefix: string, length: number, metadata: MetadataJson): boolean =>
  fillers.some((filler) => {
    try {
      const candidate = `${prefix}${filler}`.slice(0, length);
      return parsePhoneNumberWithError(`+${callingCode}${candidate}`, metadata).isValid();
    } catch {
      return false;
    }
  });

const invalidNumberMessage = (phone: PhoneNumber, metadata: MetadataJson): string => {
  const national = String(phone.nationalNumber);
  const callingCode = String(phone.countryCallingCode);
  const prefix = national.slice(0, 3);
  const inUseAt = (length: number) => prefixInUse(callingCode, prefix, length, metadata);
  if (inUseAt(national.length)) {
    return `The phone number is not valid in ${where(phone)}: +${callingCode} ${prefix} is in use, but the digits after it are not an assigned number.`;
  }
  // Numbers in this range exist, only with another count of digits.
  for (const offset of [1, 2, 3]) {
    if (inUseAt(national.length - offset)) {
      return `The phone number is too long for ${where(phone)}: numbers starting +${callingCode} ${prefix} have fewer digits.`;
    }
    if (inUseAt(national.length + offset)) {
      return `The phone number is too short for ${where(phone)}: numbers starting +${callingCode} ${prefix} have more digits.`;
    }
  }
  // In the North American plan the first three national digits are the area code.
  return callingCode === '1'
    ? `+1 ${prefix} is not an assigned area code: the phone number cannot exist.`
    : `+${callingCode} ${prefix} is not an allocated number range in ${where(phone)}: the phone number cannot exist.`;
};

const lengthMessages: Record<string, string> = {
  TOO_SHORT: 'too short',
  TOO_LONG: 'too long',
  INVALID_LENGTH: 'not of a length used',
};

const parse = (international: string, metadata: MetadataJson): PhoneNumber => {
  try {
    return parsePhoneNumberWithError(international, metadata);
  } catch (error: unknown) {
    if (error instanceof ParseError && error.message === 'INVALID_COUNTRY') {
      throw invalidRequest(
        'The phone number does not start with an assigned country calling code (e.g. 86 for mainland China, 852 for Hong Kong, 1 for the US and Canada).'
      );
    }
    throw invalidRequest('The phone number is not a number any country uses (too short or too long for its country calling code).');
  }
};

/** Parses `+<digits>` and refuses anything that is not an SMS-capable number of its country. */
const readPlan = (international: string, legacyHint: string): PhoneNumber => {
  const metadata = phoneMetadata();
  const phone = parse(international, metadata);
  const length = validatePhoneNumberLength(international, metadata);
  if (length !== undefined) {
    throw invalidRequest(`The phone number is ${lengthMessages[length] ?? 'not of a length used'} for ${where(phone)}.${legacyHint}`);
  }
  if (!phone.isValid()) throw invalidRequest(`${invalidNumberMessage(phone, metadata)}${legacyHint}`);
  const type = phone.getType();
  if (type === undefined || !smsCapableTypes.has(type)) {
    const kind = (type && refusedTypeNames[type]) ?? 'a number of a type';
    throw invalidRequest(`This is ${kind} in ${where(phone)}, which cannot receive SMS. Use a mobile number.`);
  }
  return phone;
};

const toRoute = (phone: PhoneNumber): PhoneRoute => {
  const details = {
    country: phone.country ?? '',
    countryCallingCode: String(phone.countryCallingCode),
    type: phone.getType() as SmsCapableNumberType,
  };
  const e164 = phone.number.slice(1);
  // Mainland vs overseas by the plan's country: Hong Kong, Macao and Taiwan are overseas to providers.
  return phone.country === 'CN'
    ? Object.freeze({ region: 'mainland', national: String(phone.nationalNumber), e164, ...details })
    : Object.freeze({ region: 'international', e164, ...details });
};

// Logto's send path routes the same recipient twice (the allow-list check, then the connector), and
// the parse is the costliest step of a send: keep the last answer. Routes are frozen, so sharing is safe.
let last: { input: string; strict: boolean; route: PhoneRoute } | undefined;

/**
 * Classifies a recipient as Logto sends it (`8613800138000`) or as a person types it
 * (`+86 138-0013-8000`, `0086…`, `(852) 6123 4567`) against the libphonenumber number plan. Never
 * guesses a country for a number that lacks one, except the documented legacy rule when strict
 * checking is off.
 *
 * @returns a frozen route; `country` is the number plan's ISO 3166-1 alpha-2 code.
 * @throws ConnectorError(InvalidRequestParameters), before anything is sent, for anything that is
 * not a number of its country that can receive SMS: a missing country calling code, an unassigned
 * area code or range, a wrong length, or a fixed-line, premium-rate, shared-cost, toll-free, UAN,
 * voicemail or pager number. The message names the problem but never repeats the whole number.
 */
export const routePhoneNumber = (input: unknown, options: PhoneRoutingOptions): PhoneRoute => {
  if (typeof input !== 'string' || input.trim() === '') {
    throw invalidRequest('The phone number is missing.');
  }
  const strict = options.strictPhoneRegionNumberCheck;
  if (last?.input === input && last.strict === strict) return last.route;

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

  let phone: PhoneNumber;
  if (!explicitPrefix && !strict && mainlandMobileShape.test(digits)) {
    // The legacy rule: a bare 11-digit 1[3-9]… number is mainland China.
    phone = readPlan(`+86${digits}`, '');
  } else if (!explicitPrefix && digits.startsWith('0')) {
    // Country codes never start with 0: this is a national number without its country code.
    throw invalidRequest(
      'The phone number has no country code (it starts with 0). Store numbers with their country code, e.g. 447400123456.'
    );
  } else {
    const legacyHint =
      !explicitPrefix && mainlandMobileShape.test(digits)
        ? ' If it is a mainland China mobile stored without its country code, store it as 86 followed by the 11 digits, or turn off the strict phone region check.'
        : '';
    phone = readPlan(`+${digits}`, legacyHint);
  }

  const route = toRoute(phone);
  last = { input, strict, route };
  return route;
};
