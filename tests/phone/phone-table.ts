/**
 * The phone table: numbers every connector must route or refuse the same way. Valid numbers are real
 * ranges of each plan (libphonenumber metadata), chosen so that a connector that guesses by shape alone
 * fails the refusals.
 */
export type PhoneCase = {
  name: string;
  /** Logto's `to`: digits with the country code, or a typed form. */
  to: string;
  /** `allowedCountries` for this case; absent: the key is not set. */
  allowedCountries?: string[];
} & (
  | {
      route: {
        region: 'mainland' | 'international';
        country: string;
        national: string;
        e164: string;
      };
    }
  | { refused: RegExp }
);

const mainland = (national: string) => ({
  region: 'mainland' as const,
  country: 'CN',
  national,
  e164: `86${national}`,
});
const international = (country: string, callingCode: string, national: string) => ({
  region: 'international' as const,
  country,
  national,
  e164: `${callingCode}${national}`,
});

export const phoneTable: PhoneCase[] = [
  { name: 'mainland China mobile', to: '8613800138000', route: mainland('13800138000') },
  {
    name: 'mainland China, typed with +86 and dashes',
    to: '+86 139-1234-5678',
    route: mainland('13912345678'),
  },
  {
    name: 'Hong Kong mobile (overseas to providers)',
    to: '85261234567',
    route: international('HK', '852', '61234567'),
  },
  {
    name: 'Macao mobile (overseas to providers)',
    to: '+853 6612 3456',
    route: international('MO', '853', '66123456'),
  },
  {
    name: 'Taiwan mobile (overseas to providers)',
    to: '886912345678',
    route: international('TW', '886', '912345678'),
  },
  {
    name: 'US number (the plan does not tell mobile from fixed)',
    to: '+1 (202) 555-0123',
    route: international('US', '1', '2025550123'),
  },
  { name: 'Canada number', to: '14165550123', route: international('CA', '1', '4165550123') },
  {
    name: 'UK mobile, typed with 00',
    to: '0044 7400 123456',
    route: international('GB', '44', '7400123456'),
  },
  { name: 'Singapore mobile', to: '6581234567', route: international('SG', '65', '81234567') },
  { name: 'Japan mobile', to: '819012345678', route: international('JP', '81', '9012345678') },
  {
    name: 'an unassigned +1 area code',
    to: '13815550123',
    refused: /\+1 381 is not an assigned area code/,
  },
  {
    name: 'a mainland number with an unallocated prefix',
    to: '8614012345678',
    refused: /\+86 140 is not an allocated number range in China \(CN\)/,
  },
  {
    name: 'a mainland mobile with a digit too many',
    to: '86138001380001',
    refused: /too long for China \(CN\)/,
  },
  {
    name: 'a mainland mobile with a digit too few',
    to: '861380013800',
    refused: /too short for China \(CN\)/,
  },
  {
    name: 'a UK premium-rate number',
    to: '449098790000',
    refused: /premium-rate number in United Kingdom \(GB\)/,
  },
  {
    name: 'a US toll-free number',
    to: '18005550123',
    refused: /toll-free number in United States \(US\)/,
  },
  {
    name: 'a Hong Kong fixed-line number',
    to: '85221234567',
    refused: /fixed-line \(landline\) number in Hong Kong/,
  },
  {
    name: 'an unassigned country calling code',
    to: '+999 1234 5678',
    refused: /assigned country calling code/,
  },
  {
    name: 'allow-list hit: Hong Kong with ["CN", "HK"]',
    to: '85261234567',
    allowedCountries: ['CN', 'HK'],
    route: international('HK', '852', '61234567'),
  },
  {
    name: 'allow-list hit: mainland with ["CN"]',
    to: '8613800138000',
    allowedCountries: ['CN'],
    route: mainland('13800138000'),
  },
  {
    name: 'allow-list miss: Hong Kong with ["CN"]',
    to: '85261234567',
    allowedCountries: ['CN'],
    refused: /cannot be sent by SMS to phone numbers in Hong Kong SAR China \(HK\)/,
  },
  {
    name: 'allow-list miss: Guernsey (+44) with ["GB"]',
    to: '447911123456',
    allowedCountries: ['GB'],
    refused: /phone numbers in Guernsey \(GG\)/,
  },
];
