import { parsePhoneNumberWithError, type PhoneNumberType } from 'libphonenumber-js/max';

/**
 * The emulator's own reading of the number plan (libphonenumber-js, "max" metadata), independent of
 * the connectors' code: it judges what they send. Real providers refuse numbers that cannot exist and
 * do not deliver to premium-rate, toll-free or fixed-line ranges; the emulator refuses them all, so a
 * connector that lets one through fails a test instead of passing silently.
 */
export type PlanVerdict =
  | { valid: true; country: string; mainland: boolean }
  | { valid: false; reason: 'unknown-calling-code' | 'not-a-number' | 'cannot-receive-sms' };

const smsCapable: ReadonlySet<PhoneNumberType> = new Set([
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'VOIP',
  'PERSONAL_NUMBER',
]);

/** Judges an international number given as its E.164 digits (country code first, no `+`). */
export const judgeNumber = (digits: string): PlanVerdict => {
  if (!/^[1-9]\d{5,16}$/.test(digits)) {
    return { valid: false, reason: 'not-a-number' };
  }
  let phone;
  try {
    phone = parsePhoneNumberWithError(`+${digits}`);
  } catch (error: unknown) {
    // The library throws a ParseError (an Error) whose message is the reason code.
    const unknownCode = error instanceof Error && error.message === 'INVALID_COUNTRY';
    return { valid: false, reason: unknownCode ? 'unknown-calling-code' : 'not-a-number' };
  }
  // The library drops a trunk prefix after the country code (+1 1…); a provider sees a digit too many.
  if (phone.number !== `+${digits}` || !phone.isValid() || !phone.country) {
    return { valid: false, reason: 'not-a-number' };
  }
  const type = phone.getType();
  if (type === undefined || !smsCapable.has(type)) {
    return { valid: false, reason: 'cannot-receive-sms' };
  }
  return { valid: true, country: phone.country, mainland: phone.country === 'CN' };
};
