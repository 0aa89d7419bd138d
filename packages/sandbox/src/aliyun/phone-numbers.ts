import { judgeNumber } from '../shared/number-plan.js';

export type NumberRegion = 'mainland' | 'international';

// Mainland: 11-digit mobile, optionally prefixed +86 / 0086 / 86 (per the SendSms parameter docs).
const mainland = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
// International/HK/MO/TW: country code + number, digits only, no + or 00, at most E.164's 15 digits.
const international = /^[1-9]\d{6,14}$/;

/**
 * Null for every number SendSms answers `isv.MOBILE_NUMBER_ILLEGAL` for: a wrong shape, or a number
 * the plan says cannot exist or cannot receive SMS. Aliyun reads any 11-digit `1[3-9]…` value as a
 * mainland mobile, so such a value is judged as +86 (a US number sent that way is refused or, worse,
 * delivered in China — which the connectors must prevent).
 */
export const classifyNumber = (number: string): NumberRegion | null => {
  const mainlandDigits = mainland.exec(number)?.[1];
  if (mainlandDigits !== undefined) {
    const verdict = judgeNumber(`86${mainlandDigits}`);
    return verdict.valid && verdict.mainland ? 'mainland' : null;
  }
  // '86' followed by anything that is not a mainland mobile is not a number SendSms accepts.
  if (!international.test(number) || number.startsWith('86')) return null;
  const verdict = judgeNumber(number);
  return verdict.valid && !verdict.mainland ? 'international' : null;
};

/** SendSms accepts at most 1000 numbers per call. */
export const maxNumbersPerCall = 1000;
