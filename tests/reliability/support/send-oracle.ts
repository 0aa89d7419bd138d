/**
 * The oracle of the input property tests (input-properties.test.ts): what a connector must do with
 * arbitrary `sendMessage` data, written from the connectors' documented contract, not from their
 * code.
 */
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type Judgement =
  | { valid: false; why: string }
  | {
      valid: true;
      to: string;
      code: string;
      region: 'mainland' | 'international';
      usesGeneric: boolean;
      english: boolean;
    };

type Refusal = Extract<Judgement, { valid: false }>;

// Number types that can receive SMS (the connectors' documented contract).
const smsTypes = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'VOIP', 'PERSONAL_NUMBER']);

/** The number plan's verdict, from libphonenumber-js directly (not through the connectors' code). */
const planCountry = (digits: string): string | undefined => {
  try {
    const phone = parsePhoneNumberWithError(`+${digits}`);
    const type = phone.getType();
    return phone.isValid() && type !== undefined && smsTypes.has(type) ? phone.country : undefined;
  } catch {
    return undefined;
  }
};

/** The recipient's digits and country, or why it is no recipient. */
const judgeRecipient = (to: string): Refusal | { number: string; country: string } => {
  const match = /^(\+|00)?([0-9]+)$/.exec(to.trim().replaceAll(/[\s\-.()]/g, ''));
  const number = match?.[2];
  if (number === undefined) {
    return { valid: false, why: 'to has characters other than digits, a prefix and separators' };
  }
  if (number.length < 7 || number.length > 15) {
    return { valid: false, why: 'to has the wrong number of digits' };
  }
  if (number.startsWith('0')) {
    return { valid: false, why: 'to has no country code' };
  }
  const country = planCountry(number);
  if (country === undefined) {
    return { valid: false, why: 'not a number of its plan that can receive SMS' };
  }
  return { number, country };
};

const localePattern = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;

/** Whether the payload's locale (else the first of its uiLocales) is English. */
const wantsEnglish = (payload: unknown): boolean => {
  const locale = isRecord(payload) ? payload.locale : undefined;
  const uiLocales = isRecord(payload) ? payload.uiLocales : undefined;
  const uiLocale = typeof uiLocales === 'string' ? uiLocales.trim().split(/\s+/)[0] : undefined;
  const chosen =
    typeof locale === 'string' && localePattern.test(locale)
      ? locale
      : uiLocale && localePattern.test(uiLocale)
        ? uiLocale
        : undefined;
  return chosen !== undefined && chosen.split(/[-_]/)[0]?.toLowerCase() === 'en';
};

/**
 * A recipient is digits (separators allowed) with a country code, optionally after "+" or "00",
 * 7–15 digits, never a leading 0, and a number of its country's plan of a type that can receive
 * SMS; mainland means the plan's country is CN. A code is 1–32 ASCII letters or digits.
 */
export const judge = (data: unknown): Judgement => {
  if (!isRecord(data)) {
    return { valid: false, why: 'data is not an object' };
  }
  const { to, type, payload } = data;
  if (typeof to !== 'string') {
    return { valid: false, why: 'to is not a string' };
  }
  if (typeof type !== 'string') {
    return { valid: false, why: 'type is not a string' };
  }
  const code = isRecord(payload) ? payload.code : undefined;
  if (typeof code !== 'string' || !/^[A-Za-z0-9]{1,32}$/.test(code)) {
    return { valid: false, why: 'code' };
  }
  const recipient = judgeRecipient(to);
  if ('why' in recipient) {
    return recipient;
  }
  const isMainland = recipient.country === 'CN';
  return {
    valid: true,
    to: isMainland ? recipient.number.slice(2) : recipient.number,
    code,
    region: isMainland ? 'mainland' : 'international',
    usesGeneric: !['Register', 'SignIn', 'ForgotPassword'].includes(type),
    english: wantsEnglish(payload),
  };
};
