import { z } from 'zod';

import { blankAsMissing, jsonTextAsValue } from './config.js';
import { invalidRequest } from './errors.js';
import type { PhoneRoute } from './phone.js';
import { phoneMetadata } from './phone-metadata.js';
import { describeRegion } from './region-names.js';

// ISO codes people reach for that are not the one the number plan uses.
const commonMistakes: Record<string, string> = { UK: 'GB', EN: 'GB', ZH: 'CN' };

const listHelp = 'a list of ISO 3166-1 alpha-2 codes, e.g. ["CN"] or ["CN", "HK", "MO", "TW"]';

// The Console's Json field may hand over the typed text; "CN, HK" typed as plain text is read too.
const asList = (value: unknown): unknown => {
  const present = blankAsMissing(jsonTextAsValue(value));
  return typeof present === 'string' ? present.split(/[\s,;]+/).filter(Boolean) : present;
};

const checkCode = (code: string, index: number, context: z.RefinementCtx) => {
  if (Object.hasOwn(phoneMetadata().countries, code)) return;
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
export const allowedCountriesGuard = z.preprocess(
  asList,
  z
    .array(z.string({ invalid_type_error: `allowedCountries is ${listHelp}.` }).trim().toUpperCase(), {
      invalid_type_error: `allowedCountries is ${listHelp}.`,
    })
    .min(1, `allowedCountries is empty, so no number could receive a code: write ${listHelp}, or remove the key to allow every country.`)
    .superRefine((codes, context) => {
      for (const [index, code] of codes.entries()) checkCode(code, index, context);
    })
    .transform((codes) => [...new Set(codes)])
    .optional()
);

/**
 * Refuses a route outside the allow-list with a message that is safe to show to the person signing
 * in (it names their number's country, not the configuration).
 *
 * @throws ConnectorError(InvalidRequestParameters) when `allowedCountries` is set and lacks `route.country`.
 */
export const checkAllowedCountry = (route: PhoneRoute, allowedCountries: readonly string[] | undefined): void => {
  if (allowedCountries === undefined || allowedCountries.includes(route.country)) return;
  throw invalidRequest(
    `Verification codes cannot be sent by SMS to phone numbers in ${describeRegion(route.country)}. Use a phone number from a supported country or region.`
  );
};
