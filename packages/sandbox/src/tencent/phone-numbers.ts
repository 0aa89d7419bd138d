export type TencentNumber = {
  /** `+` and the E.164 digits Tencent resolved the number to. */
  e164: string;
  region: 'mainland' | 'international';
  /** ISO 3166 code as Tencent reports it in `IsoCode`; `DEF` when not identified. */
  isoCode: string;
};

// A few calling codes the emulator names; Tencent's own table is much longer.
const isoCodes: ReadonlyArray<[prefix: string, iso: string]> = [
  ['852', 'HK'],
  ['853', 'MO'],
  ['886', 'TW'],
  ['65', 'SG'],
  ['44', 'GB'],
  ['81', 'JP'],
  ['82', 'KR'],
  ['1', 'US'],
];

const mainlandMobile = /^861[3-9]\d{9}$/;

/**
 * Reads a PhoneNumberSet entry the way Tencent documents it: `+<country code><number>`; for
 * domestic SMS also `0086…`, `86…` or a bare 11-digit number, which default to +86. That last
 * rule is why a North-American number sent without `+` lands in mainland China.
 */
export const readTencentNumber = (raw: string): TencentNumber | undefined => {
  let digits: string;
  if (raw.startsWith('+')) {
    digits = raw.slice(1);
  } else if (raw.startsWith('0086')) {
    digits = raw.slice(2);
  } else if (/^\d{11}$/.test(raw)) {
    digits = `86${raw}`;
  } else {
    digits = raw;
  }
  if (!/^[1-9]\d{6,14}$/.test(digits)) {
    return undefined;
  }
  if (digits.startsWith('86')) {
    return mainlandMobile.test(digits)
      ? { e164: `+${digits}`, region: 'mainland', isoCode: 'CN' }
      : undefined;
  }
  const iso = isoCodes.find(([prefix]) => digits.startsWith(prefix))?.[1] ?? 'DEF';
  return { e164: `+${digits}`, region: 'international', isoCode: iso };
};
