import { createRedactor, type SmsSendInput } from '@logto-sms/sms-core';

import { sendRequest, type ClientOptions } from './client.js';
import type { AliyunSmsConfig } from './config.js';
import { checkResponse } from './errors.js';
import { toRecipient } from './recipient.js';
import type { AliyunSmsSendResult } from './response.js';
import { chooseTemplate } from './templates.js';

/** One verification-code SMS: route the number, pick the template, sign and send. */
export const sendVerificationSms = async (
  { to, usageType, code, locale }: SmsSendInput,
  config: AliyunSmsConfig,
  clientOptions?: ClientOptions
): Promise<AliyunSmsSendResult> => {
  // Everything that could leave the connector in an error is scrubbed of these.
  const redactor = createRedactor([config.accessKeySecret, config.securityToken, code]);
  const recipient = toRecipient(to, config.strictPhoneRegionNumberCheck);
  const { templateCode, templateParam } = chooseTemplate(config.templates, {
    usageType,
    locale,
    code,
    recipient,
  });
  const response = await sendRequest(
    config,
    {
      PhoneNumbers: recipient.phoneNumbers,
      SignName: config.signName,
      TemplateCode: templateCode,
      TemplateParam: templateParam,
    },
    redactor,
    clientOptions
  );
  const accepted = checkResponse(response, redactor, recipient.region);
  // What went out, so an operator (and `logto-sms send`) can see the number as Aliyun received it.
  return { ...accepted, phoneNumbers: recipient.phoneNumbers, templateCode };
};
