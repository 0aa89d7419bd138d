import { invalidRequest, routePhoneNumber } from '@logto-sms/sms-core';

import type { YunpianConfig } from './config.js';

export const defaultUnsupportedCountriesMsg =
  'This phone number is outside mainland China, and international SMS is not enabled for this sign-in method.';

/**
 * The `mobile` form field. YunPian wants mainland numbers as the bare 11-digit national number
 * (`86…` without `+` is refused as malformed) and every other number as `+<country code><number>`.
 *
 * @throws ConnectorError(InvalidRequestParameters) for a malformed number, or an international one
 * while `enableInternational` is off — never a silent success.
 */
export const toYunpianMobile = (
  to: string,
  config: Pick<YunpianConfig, 'enableInternational' | 'unsupportedCountriesMsg' | 'strictPhoneRegionNumberCheck'>
): string => {
  const route = routePhoneNumber(to, { strictPhoneRegionNumberCheck: config.strictPhoneRegionNumberCheck });
  if (route.region === 'mainland') return route.national;
  if (!config.enableInternational) {
    throw invalidRequest(config.unsupportedCountriesMsg ?? defaultUnsupportedCountriesMsg);
  }
  return `+${route.e164}`;
};
