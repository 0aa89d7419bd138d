import { invalidRequest, routePhoneNumber } from '@logto-sms/sms-core';

/** `CountryCode` and `PhoneNumber` as SendSmsVerifyCode wants them (aliyun-dypns-api.md §2). */
export type AliyunMasRecipient = {
  countryCode: '86';
  /** The 11-digit national mobile number, e.g. `13800138000`. */
  phoneNumber: string;
};

/**
 * Logto's `to` (`8613800138000`) or a typed form (`+86 138-0013-8000`, `0086…`) → the national
 * number. Message Authentication Service delivers to mainland China only ("only domestic numbers
 * are supported at present"), so every other number is refused here, before any request.
 *
 * @throws ConnectorError(InvalidRequestParameters) for a number outside mainland China or no number at all.
 */
export const toRecipient = (
  to: string,
  strictPhoneRegionNumberCheck: boolean
): AliyunMasRecipient => {
  const route = routePhoneNumber(to, { strictPhoneRegionNumberCheck });
  if (route.region !== 'mainland') {
    throw invalidRequest(
      'Aliyun Message Authentication Service only delivers to mainland China mobile numbers (+86). Send codes to other numbers with the Aliyun SMS connector (logto-sms-aliyun) and your own approved signature.'
    );
  }
  return { countryCode: '86', phoneNumber: route.national };
};
