import { routePhoneNumber, type PhoneRoute } from '@logto-sms/sms-core';

export type TencentRecipient = {
  /** `mainland` selects the domestic template and sign name, `international` the overseas ones. */
  region: PhoneRoute['region'];
  /**
   * `+` and the full E.164 number, e.g. `+8613800138000`. Tencent reads a number without `+` as
   * mainland China when it has 11 digits, so `16502530000` (a US number) would reach a stranger
   * in China; with `+` the country code is never guessed.
   */
  phoneNumber: string;
};

/**
 * Logto's `to` (digits with country code, or as typed: `+`, `00`, spaces, dashes) → one E.164
 * recipient for `PhoneNumberSet`.
 *
 * @throws ConnectorError(InvalidRequestParameters) before anything is sent, for input that cannot be a number.
 */
export const toRecipient = (
  to: string,
  strictPhoneRegionNumberCheck: boolean
): TencentRecipient => {
  const route = routePhoneNumber(to, { strictPhoneRegionNumberCheck });
  return { region: route.region, phoneNumber: `+${route.e164}` };
};
