import { createRedactor, type SmsSendInput } from '@logto-sms/sms-core';

import { sendRequest, type ClientOptions } from './client.js';
import type { TencentSmsConfig } from './config.js';
import { checkResponse } from './errors.js';
import { toRecipient } from './recipient.js';
import type { SendSmsBody } from './request.js';
import type { TencentSmsSendResult } from './response.js';
import { chooseTemplate } from './templates.js';

/** Mainland numbers carry `signName`; others `overseasSignName`, or no SignName (optional there). */
const signNameFor = (
  config: TencentSmsConfig,
  region: 'mainland' | 'international'
): string | undefined => (region === 'mainland' ? config.signName : config.overseasSignName);

/** One verification-code SMS: route the number, pick the template, sign and send. */
export const sendVerificationSms = async (
  { to, usageType, code, locale }: SmsSendInput,
  config: TencentSmsConfig,
  clientOptions?: ClientOptions
): Promise<TencentSmsSendResult> => {
  // Everything that could leave the connector in an error is scrubbed of these.
  const redactor = createRedactor([config.accessKeySecret, config.securityToken, code]);
  const recipient = toRecipient(to, config.strictPhoneRegionNumberCheck);
  const { templateId, templateParamSet } = chooseTemplate(config.templates, {
    usageType,
    locale,
    code,
    region: recipient.region,
  });
  const signName = signNameFor(config, recipient.region);
  const body: SendSmsBody = {
    PhoneNumberSet: [recipient.phoneNumber],
    SmsSdkAppId: config.sdkAppId,
    TemplateId: templateId,
    ...(signName === undefined ? {} : { SignName: signName }),
    TemplateParamSet: templateParamSet,
  };
  const response = await sendRequest(config, { body }, redactor, clientOptions);
  return checkResponse(response, redactor);
};
