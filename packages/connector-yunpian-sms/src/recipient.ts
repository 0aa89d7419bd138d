import { invalidRequest, routePhoneNumber, type PhoneRoute } from '@logto-sms/sms-core';

import type { YunpianSmsConfig } from './config.js';

export const defaultUnsupportedCountriesMsg =
  'This phone number is outside mainland China, and international SMS is not enabled for this sign-in method.';

export type YunpianRecipient = { mobile: string; region: PhoneRoute['region'] };

/**
 * The `mobile` form field and the region whose template text applies. YunPian wants mainland numbers as the bare 11-digit national number
 * (`86…` without `+` is refused as malformed) and every other number as `+<country code><number>`.
 *
 * @throws ConnectorError(InvalidRequestParameters) for a malformed number, or an international one
 * while `enableInternational` is off — never a silent success.
 */
export const toRecipient = (
  to: string,
  config: Pick<YunpianSmsConfig, 'enableInternational' | 'unsupportedCountriesMsg' | 'strictPhoneRegionNumberCheck'>
): YunpianRecipient => {
  const route = routePhoneNumber(to, { strictPhoneRegionNumberCheck: config.strictPhoneRegionNumberCheck });
  if (route.region === 'mainland') return { mobile: route.national, region: route.region };
  if (!config.enableInternational) {
    throw invalidRequest(config.unsupportedCountriesMsg ?? defaultUnsupportedCountriesMsg);
  }
  return { mobile: `+${route.e164}`, region: route.region };
};
