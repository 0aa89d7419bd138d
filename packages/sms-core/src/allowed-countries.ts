import { z } from 'zod';

import { blankAsMissing, jsonTextAsValue } from './config.js';
import { invalidRequest } from './errors.js';
import { lazyGuard } from './lazy-guard.js';
import type { PhoneRoute } from './phone.js';
import { describeRegion } from './region-names.js';

/**
 * The countries and regions of libphonenumber-js's plan, by ISO 3166-1 alpha-2 code (`AC`, `TA` and
 * `XK` are the plan's own codes for Ascension, Tristan da Cunha and Kosovo). Written out because the
 * config guard runs when the Console saves, before the plan is loaded; a test keeps it equal to the
 * bundled metadata.
 */
export const planCountries: ReadonlySet<string> = new Set(
  'AC AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'.split(
    ' '
  )
);

// ISO codes people reach for that are not the one the number plan uses.
const commonMistakes: Record<string, string> = { UK: 'GB', EN: 'GB', ZH: 'CN' };

const listHelp = 'a list of ISO 3166-1 alpha-2 codes, e.g. ["CN"] or ["CN", "HK", "MO", "TW"]';

// The Console's Json field may hand over the typed text; "CN, HK" typed as plain text is read too.
const asList = (value: unknown): unknown => {
  const present = blankAsMissing(jsonTextAsValue(value));
  return typeof present === 'string' ? present.split(/[\s,;]+/).filter(Boolean) : present;
};

const checkCode = (code: string, index: number, context: z.RefinementCtx) => {
  if (planCountries.has(code)) {
    return;
  }
  // Only a short code is quoted back: anything longer may be a secret pasted into the wrong field.
  const shown = /^[A-Z]{1,3}$/.test(code) ? `"${code}" ` : '';
  const suggestion = commonMistakes[code];
  context.addIssue({
    code: z.ZodIssueCode.custom,
    path: [index],
    message: suggestion
      ? `allowedCountries: ${shown}is not an ISO 3166-1 alpha-2 code; use "${suggestion}".`
      : `allowedCountries: ${shown}is not an ISO 3166-1 alpha-2 code of a country or region with phone numbers; write ${listHelp}.`,
  });
};

/**
 * `allowedCountries`: the countries and regions whose numbers may receive a code, as upper-case
 * ISO 3166-1 alpha-2 codes of the number plan (`CN` mainland China; `HK`, `MO`, `TW` separately;
 * `GB` without Guernsey `GG`, Isle of Man `IM` and Jersey `JE`). Absent: every country the provider
 * serves. Input is a JSON array, its JSON text, or codes separated by commas or spaces; codes are
 * trimmed, upper-cased and de-duplicated. An empty list is refused, since it would refuse every number.
 */
export const allowedCountriesGuard = lazyGuard(() =>
  z.preprocess(
    asList,
    z
      .array(
        z
          .string({ invalid_type_error: `allowedCountries is ${listHelp}.` })
          .trim()
          .toUpperCase(),
        {
          invalid_type_error: `allowedCountries is ${listHelp}.`,
        }
      )
      .min(
        1,
        `allowedCountries is empty, so no number could receive a code: write ${listHelp}, or remove the key to allow every country.`
      )
      .superRefine((codes, context) => {
        for (const [index, code] of codes.entries()) {
          checkCode(code, index, context);
        }
      })
      .transform((codes) => [...new Set(codes)])
      .optional()
  )
);

/**
 * Refuses a route outside the allow-list with a message that is safe to show to the person signing
 * in (it names their number's country, not the configuration).
 *
 * @throws ConnectorError(InvalidRequestParameters) when `allowedCountries` is set and lacks `route.country`.
 */
export const checkAllowedCountry = (
  route: PhoneRoute,
  allowedCountries: readonly string[] | undefined
): void => {
  if (allowedCountries === undefined || allowedCountries.includes(route.country)) {
    return;
  }
  throw invalidRequest(
    `Verification codes cannot be sent by SMS to phone numbers in ${describeRegion(route.country)}. Use a phone number from a supported country or region.`
  );
};
