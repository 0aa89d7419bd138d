import { createRedactor, type SmsSendInput } from '@logto-sms/sms-core';

import { sendRequest, type ClientOptions } from './client.js';
import type { AliyunMasConfig } from './config.js';
import { checkResponse } from './errors.js';
import { toRecipient } from './recipient.js';
import type { AliyunMasSendResult } from './response.js';
import { chooseTemplate } from './templates.js';

/** One verification-code SMS: check the number is mainland, pick the template, sign and send. */
export const sendVerificationSms = async (
  { to, usageType, code, locale }: SmsSendInput,
  config: AliyunMasConfig,
  clientOptions?: ClientOptions
): Promise<AliyunMasSendResult> => {
  // Everything that could leave the connector in an error is scrubbed of these.
  const redactor = createRedactor([config.accessKeySecret, config.securityToken, code]);
  const recipient = toRecipient(to, config.strictPhoneRegionNumberCheck);
  const { templateCode, templateParam } = chooseTemplate(config.templates, {
    usageType,
    locale,
    code,
    codeValidMinutes: config.codeValidMinutes,
  });
  const response = await sendRequest(
    config,
    {
      CountryCode: recipient.countryCode,
      PhoneNumber: recipient.phoneNumber,
      SignName: config.signName,
      TemplateCode: templateCode,
      TemplateParam: templateParam,
    },
    redactor,
    clientOptions
  );
  return checkResponse(response, redactor);
};
