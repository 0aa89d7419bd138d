import { createRedactor, type SmsSendInput } from '@logto-sms/sms-core';

import { sendSms, type ClientOptions } from './client.js';
import type { AliyunSmsConfig } from './config.js';
import { aliyunRecipient } from './recipient.js';
import type { AliyunSendResult } from './response.js';
import { chooseTemplate } from './templates.js';

/** One verification-code SMS: route the number, pick the template, sign and send. */
export const sendVerificationCode = async (
  { to, usageType, code, locale }: SmsSendInput,
  config: AliyunSmsConfig,
  clientOptions?: ClientOptions
): Promise<AliyunSendResult> => {
  // Everything that could leave the connector in an error is scrubbed of these.
  const redactor = createRedactor([config.accessKeySecret, config.securityToken, code]);
  const recipient = aliyunRecipient(to, config.strictPhoneRegionNumberCheck);
  const { templateCode, templateParam } = chooseTemplate(config.templates, { usageType, locale, code, recipient });
  return sendSms(
    config,
    { PhoneNumbers: recipient.phoneNumbers, SignName: config.signName, TemplateCode: templateCode, TemplateParam: templateParam },
    redactor,
    clientOptions
  );
};
