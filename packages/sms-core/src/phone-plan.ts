import {
  ParseError,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type MetadataJson,
  type PhoneNumber,
  type PhoneNumberType,
} from 'libphonenumber-js/core';

// This module and libphonenumber-js are loaded on the first send (phone-plan-loader.ts), which also
// reads the metadata and passes it in. Names of regions come in as `describe`.

/**
 * Number types that can receive an SMS. `FIXED_LINE_OR_MOBILE` is what plans that do not tell the
 * two apart (US, Canada and the rest of +1) give every number; `VOIP` and `PERSONAL_NUMBER` ranges
 * forward to a subscriber's device.
 */
export type SmsCapableNumberType = Extract<
  PhoneNumberType,
  'MOBILE' | 'FIXED_LINE_OR_MOBILE' | 'VOIP' | 'PERSONAL_NUMBER'
>;

const smsCapableTypes: ReadonlySet<PhoneNumberType> = new Set<SmsCapableNumberType>([
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'VOIP',
  'PERSONAL_NUMBER',
]);

/** How a refused type is named in the error. */
const refusedTypeNames: Partial<Record<PhoneNumberType, string>> = {
  FIXED_LINE: 'a fixed-line (landline) number',
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  TOLL_FREE: 'a toll-free number',
  UAN: 'a universal access number (UAN)',
  VOICEMAIL: 'a voicemail access number',
  PAGER: 'a pager number',
};

/** A number of the plan that can receive SMS, or why not (a message for the person who typed it). */
export type PlanReading =
  | {
      valid: true;
      country: string;
      countryCallingCode: string;
      nationalNumber: string;
      e164: string;
      type: SmsCapableNumberType;
    }
  | { valid: false; message: string };

type Describe = (country: string) => string;

const where = (phone: PhoneNumber, describe: Describe): string =>
  phone.country ? describe(phone.country) : `the +${phone.countryCallingCode} numbering plan`;

// Completions that put ordinary digits after a prefix (NANP exchanges may not start with 0 or 1).
const fillers = [
  '2345678901234',
  '5550123456789',
  '8765432109876',
  '3000000000000',
  '9999999999999',
  '6123456789012',
  '7000000000000',
  '4567890123456',
];

/**
 * Whether some valid number of `length` national digits starts with `prefix`: tells "this area code
 * or range is not assigned" apart from "the range exists, but not these digits" and from a number
 * with a digit too many or too few. Only runs for a refused number.
 */
const prefixInUse = (
  callingCode: string,
  prefix: string,
  length: number,
  metadata: MetadataJson
): boolean =>
  fillers.some((filler) => {
    try {
      const candidate = `${prefix}${filler}`.slice(0, length);
      return parsePhoneNumberWithError(`+${callingCode}${candidate}`, metadata).isValid();
    } catch {
      return false;
    }
  });

const invalidNumberMessage = (
  phone: PhoneNumber,
  metadata: MetadataJson,
  describe: Describe
): string => {
  const national = String(phone.nationalNumber);
  const callingCode = String(phone.countryCallingCode);
  const prefix = national.slice(0, 3);
  const inUseAt = (length: number) => prefixInUse(callingCode, prefix, length, metadata);
  if (inUseAt(national.length)) {
    return `The phone number is not valid in ${where(phone, describe)}: +${callingCode} ${prefix} is in use, but the digits after it are not an assigned number.`;
  }
  // Numbers in this range exist, only with another count of digits.
  for (const offset of [1, 2, 3]) {
    if (inUseAt(national.length - offset)) {
      return `The phone number is too long for ${where(phone, describe)}: numbers starting +${callingCode} ${prefix} have fewer digits.`;
    }
    if (inUseAt(national.length + offset)) {
      return `The phone number is too short for ${where(phone, describe)}: numbers starting +${callingCode} ${prefix} have more digits.`;
    }
  }
  // In the North American plan the first three national digits are the area code.
  return callingCode === '1'
    ? `+1 ${prefix} is not an assigned area code: the phone number cannot exist.`
    : `+${callingCode} ${prefix} is not an allocated number range in ${where(phone, describe)}: the phone number cannot exist.`;
};

const lengthMessages: Record<string, string> = {
  TOO_SHORT: 'too short',
  TOO_LONG: 'too long',
  INVALID_LENGTH: 'not of a length used',
};

const isSmsCapable = (type: PhoneNumberType | undefined): type is SmsCapableNumberType =>
  type !== undefined && smsCapableTypes.has(type);

const parseFailureMessage = (error: ParseError): string =>
  error.message === 'INVALID_COUNTRY'
    ? 'The phone number does not start with an assigned country calling code (e.g. 86 for mainland China, 852 for Hong Kong, 1 for the US and Canada).'
    : 'The phone number is not a number any country uses (too short or too long for its country calling code).';

/**
 * Reads `+<digits>` against the plan, with `metadata` as loaded by `phone-plan-loader.ts`. The
 * message of a refusal names the problem and at most the calling code and three digits, never the
 * whole number.
 */
export const readPlan = (
  international: string,
  describe: Describe,
  metadata: MetadataJson
): PlanReading => {
  let phone: PhoneNumber;
  try {
    phone = parsePhoneNumberWithError(international, metadata);
  } catch (error: unknown) {
    // Only a ParseError is about the number; anything else (unusable metadata) is not the
    // person's mistake and must not be reported as one.
    if (!(error instanceof ParseError)) {
      throw error;
    }
    return { valid: false, message: parseFailureMessage(error) };
  }
  // Libphonenumber drops a national trunk prefix written after the country code (+1 1 904…, +44 0 7400…).
  // Dropping digits silently could reach someone else: the person must correct the number.
  if (phone.number !== international) {
    return {
      valid: false,
      message: `The phone number has a digit too many after +${phone.countryCallingCode}: in international form the national prefix (such as 0 or 1) is left out.`,
    };
  }
  if (!phone.isValid()) {
    // A valid number always has a possible length (each type's lengths are among its plan's), so
    // only a refused number is parsed again to say whether its length is the problem.
    const length = validatePhoneNumberLength(international, metadata);
    return {
      valid: false,
      message:
        length === undefined
          ? invalidNumberMessage(phone, metadata, describe)
          : `The phone number is ${lengthMessages[length] ?? 'not of a length used'} for ${where(phone, describe)}.`,
    };
  }
  const type = phone.getType();
  if (!isSmsCapable(type)) {
    const kind = (type && refusedTypeNames[type]) ?? 'a number of a type';
    return {
      valid: false,
      message: `This is ${kind} in ${where(phone, describe)}, which cannot receive SMS. Use a mobile number.`,
    };
  }
  return {
    valid: true,
    country: phone.country ?? '',
    countryCallingCode: String(phone.countryCallingCode),
    nationalNumber: String(phone.nationalNumber),
    e164: phone.number.slice(1),
    type,
  };
};
