export type NumberRegion = 'mainland' | 'international';

// Mainland: 11-digit mobile, optionally prefixed +86 / 0086 / 86 (per the SendSms parameter docs).
const mainland = /^(?:\+86|0086|86)?1[3-9]\d{9}$/;
// International/HK/MO/TW: country code + number, digits only, no + or 00, at most E.164's 15 digits.
const international = /^[1-9]\d{6,14}$/;

export const classifyNumber = (number: string): NumberRegion | null => {
  if (mainland.test(number)) return 'mainland';
  // '86' followed by anything that is not a mainland mobile is not a number SendSms accepts.
  if (international.test(number) && !number.startsWith('86')) return 'international';
  return null;
};

/** SendSms accepts at most 1000 numbers per call. */
export const maxNumbersPerCall = 1000;
