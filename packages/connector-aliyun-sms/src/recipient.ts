import { routePhoneNumber, type PhoneRoute } from '@logto-sms/sms-core';

export type AliyunRecipient = {
  region: PhoneRoute['region'];
  /** `PhoneNumbers` as Aliyun wants it: the 11-digit national number for mainland China, else country code + number without `+`/`00`. */
  phoneNumbers: string;
  /**
   * Aliyun reads any 11-digit `1[3-9]…` PhoneNumbers value as a mainland China mobile, and a +1
   * (US/Canada) number with an area code starting 3–9 is exactly that in digits. Only an
   * international template, which Aliyun never delivers to a mainland number, makes it safe.
   */
  readsAsMainland: boolean;
};

const mainlandMobileDigits = /^1[3-9]\d{9}$/;

/** @throws ConnectorError(InvalidRequestParameters) before anything is sent, for input that cannot be a number. */
export const toRecipient = (to: string, strictPhoneRegionNumberCheck: boolean): AliyunRecipient => {
  const route = routePhoneNumber(to, { strictPhoneRegionNumberCheck });
  return route.region === 'mainland'
    ? { region: route.region, phoneNumbers: route.national, readsAsMainland: true }
    : {
        region: route.region,
        phoneNumbers: route.e164,
        readsAsMainland: mainlandMobileDigits.test(route.e164),
      };
};
