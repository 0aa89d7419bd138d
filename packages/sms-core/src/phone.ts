import { invalidRequest } from './errors.js';
import { phonePlan } from './phone-plan-loader.js';
import type { SmsCapableNumberType } from './phone-plan.js';
import { describeRegion } from './region-names.js';

export type { SmsCapableNumberType } from './phone-plan.js';

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
const separators = /[\s\u00A0\u3000\-.()]/g;
// E.164 caps a full number at 15 digits; the shortest real subscriber numbers plus country code are 7.
const minDigits = 7;
const maxDigits = 15;

/** Reads `+<digits>` against the plan; refuses what is not an SMS-capable number of its country. */
const readPlan = (international: string, legacyHint: string) => {
  const reading = phonePlan().readPlan(international, describeRegion);
  if (!reading.valid) {
    throw invalidRequest(`${reading.message}${legacyHint}`);
  }
  return reading;
};

const toRoute = ({
  country,
  countryCallingCode,
  nationalNumber,
  e164,
  type,
}: ReturnType<typeof readPlan>): PhoneRoute => {
  const details = { country, countryCallingCode, type };
  // Mainland vs overseas by the plan's country: Hong Kong, Macao and Taiwan are overseas to providers.
  return country === 'CN'
    ? Object.freeze({ region: 'mainland', national: nationalNumber, e164, ...details })
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
 * Needs the plan loaded: `createSmsSendMessage` does that; other callers `await loadPhonePlan()` first.
 *
 * @returns a frozen route; `country` is the number plan's ISO 3166-1 alpha-2 code.
 * @throws ConnectorError(InvalidRequestParameters), before anything is sent, for anything that is
 * not a number of its country that can receive SMS: a missing country calling code, an unassigned
 * area code or range, a wrong length, or a fixed-line, premium-rate, shared-cost, toll-free, UAN,
 * voicemail or pager number. The message names the problem but never repeats the whole number.
 */
// eslint-disable-next-line complexity -- the number checks in the order their messages assume, on every send's hot path
export const routePhoneNumber = (input: unknown, options: PhoneRoutingOptions): PhoneRoute => {
  if (typeof input !== 'string' || input.trim() === '') {
    throw invalidRequest('The phone number is missing.');
  }
  const strict = options.strictPhoneRegionNumberCheck;
  if (last?.input === input && last.strict === strict) {
    return last.route;
  }

  const compact = input.trim().replaceAll(separators, '');
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

  let reading: ReturnType<typeof readPlan>;
  if (!explicitPrefix && !strict && mainlandMobileShape.test(digits)) {
    // The legacy rule: a bare 11-digit 1[3-9]… number is mainland China.
    reading = readPlan(`+86${digits}`, '');
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
    reading = readPlan(`+${digits}`, legacyHint);
  }

  const route = toRoute(reading);
  last = { input, strict, route };
  return route;
};
