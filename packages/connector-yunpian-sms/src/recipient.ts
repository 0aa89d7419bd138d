import { routePhoneNumber, type PhoneRoute } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { YunpianSmsConfig } from './config.js';

export const defaultUnsupportedCountriesMessage =
  'This phone number is outside mainland China, and international SMS is not enabled for this sign-in method.';

/**
 * The refusal of an international number while international SMS is off. Its description is the
 * operator's `unsupportedCountriesMsg`, written for the person signing in, and only `General`
 * makes Logto show a connector's own words ("Error occurred in connector: {{errorDescription}}");
 * every other code is replaced by a fixed phrase (Logto's koa-connector-error-handler.ts).
 */
export const internationalRefused = (
  unsupportedCountriesMessage: string | undefined
): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.General, {
    errorDescription: unsupportedCountriesMessage ?? defaultUnsupportedCountriesMessage,
    hint: 'Nothing was sent. To serve numbers outside mainland China, file an international signature and template in the YunPian console (国际短信) and turn on enableInternational.',
  });

export type YunpianRecipient = { mobile: string; region: PhoneRoute['region'] };

/**
 * The `mobile` form field and the region whose template text applies. YunPian wants mainland numbers as the bare 11-digit national number
 * (`86…` without `+` is refused as malformed) and every other number as `+<country code><number>`.
 *
 * @throws ConnectorError(InvalidRequestParameters) for a malformed number; ConnectorError(General)
 * for an international one while `enableInternational` is off — never a silent success.
 */
export const toRecipient = (
  to: string,
  config: Pick<
    YunpianSmsConfig,
    'enableInternational' | 'unsupportedCountriesMsg' | 'strictPhoneRegionNumberCheck'
  >
): YunpianRecipient => {
  const route = routePhoneNumber(to, {
    strictPhoneRegionNumberCheck: config.strictPhoneRegionNumberCheck,
  });
  if (route.region === 'mainland') {
    return { mobile: route.national, region: route.region };
  }
  if (!config.enableInternational) {
    throw internationalRefused(config.unsupportedCountriesMsg);
  }
  return { mobile: `+${route.e164}`, region: route.region };
};
