import { judgeNumber } from '../shared/number-plan.js';

export type NumberRegion = 'mainland' | 'international';

// Mainland: 11-digit mobile, optionally prefixed +86 / 0086 / 86 (per the SendSms parameter docs).
const mainland = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
// International/HK/MO/TW: country code + number, digits only, no + or 00, at most E.164's 15 digits.
const international = /^[1-9]\d{6,14}$/;

// Eleven digits starting with 1 and no country-code prefix: a mainland mobile, or +1 and ten digits.
const bareMainlandOrNanp = /^1[3-9]\d{9}$/;

const internationalIfValid = (digits: string): NumberRegion | null => {
  const verdict = judgeNumber(digits);
  return verdict.valid && !verdict.mainland ? 'international' : null;
};

/**
 * Which side of Aliyun's service a `PhoneNumbers` entry goes to, given the template's region, or
 * null for every number SendSms answers `isv.MOBILE_NUMBER_ILLEGAL` for: a wrong shape, or a number
 * the plan says cannot exist or cannot receive SMS.
 * Documented: mainland numbers with or without +86/0086/86, international ones as country code +
 * number. Modelled from reports (Logto's fix for +1 numbers relies on it): an international
 * template reads a bare 11-digit `1…` number as +1 and delivers it abroad, while a mainland
 * template reads the same digits as a mainland mobile (so a US number sent that way is judged as
 * +86: refused or, worse, delivered in China — which the connectors must prevent).
 */
export const classifyNumber = (
  number: string,
  templateRegion: NumberRegion = 'mainland'
): NumberRegion | null => {
  if (templateRegion === 'international' && bareMainlandOrNanp.test(number)) {
    return internationalIfValid(number);
  }
  const mainlandDigits = mainland.exec(number)?.[1];
  if (mainlandDigits !== undefined) {
    const verdict = judgeNumber(`86${mainlandDigits}`);
    return verdict.valid && verdict.mainland ? 'mainland' : null;
  }
  // '86' followed by anything that is not a mainland mobile is not a number SendSms accepts.
  if (!international.test(number) || number.startsWith('86')) {
    return null;
  }
  return internationalIfValid(number);
};

/** True for digits an international template delivers as a +1 number (see `classifyNumber`). */
export const bareNanpReading = (number: string): boolean => bareMainlandOrNanp.test(number);

/** SendSms accepts at most 1000 numbers per call. */
export const maxNumbersPerCall = 1000;
