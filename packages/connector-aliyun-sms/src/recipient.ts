import { routePhoneNumber, type PhoneRoute } from '@logto-sms/sms-core';

export type AliyunRecipient = {
  region: PhoneRoute['region'];
  /** `PhoneNumbers` as Aliyun wants it: the 11-digit national number for mainland China, else country code + number without `+`/`00`. */
  phoneNumbers: string;
};

/** @throws ConnectorError(InvalidRequestParameters) before anything is sent, for input that cannot be a number. */
export const aliyunRecipient = (to: string, strictPhoneRegionNumberCheck: boolean): AliyunRecipient => {
  const route = routePhoneNumber(to, { strictPhoneRegionNumberCheck });
  return route.region === 'mainland'
    ? { region: route.region, phoneNumbers: route.national }
    : { region: route.region, phoneNumbers: route.e164 };
};
