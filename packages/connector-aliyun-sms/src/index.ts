import { ConnectorType, type CreateConnector, type GetConnectorConfig, type SmsConnector } from '@logto/connector-kit';
import { createRedactor, createSmsSendMessage, parseConfig, type SmsSendInput } from '@logto-sms/sms-core';

import { sendSms, type ClientOptions } from './client.js';
import { aliyunSmsConfigGuard, type AliyunSmsConfig } from './config.js';
import { connectorId, metadata } from './metadata.js';
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
  const { templateCode, templateParam } = chooseTemplate(config.templates, { usageType, locale, code, region: recipient.region });
  return sendSms(
    config,
    { PhoneNumbers: recipient.phoneNumbers, SignName: config.signName, TemplateCode: templateCode, TemplateParam: templateParam },
    redactor,
    clientOptions
  );
};

/** The connector with test seams for the clock and nonce; Logto uses the default export. */
export const createAliyunSmsConnector = (getConfig: GetConnectorConfig, clientOptions?: ClientOptions): SmsConnector => ({
  metadata,
  type: ConnectorType.Sms,
  configGuard: aliyunSmsConfigGuard,
  sendMessage: createSmsSendMessage({
    connectorId,
    getConfig,
    parseConfig: (raw) => parseConfig(aliyunSmsConfigGuard, raw),
    send: async (input, config) => sendVerificationCode(input, config, clientOptions),
  }),
});

// Logto calls this at start-up with a getConfig that throws: nothing here may read config or connect.
const createConnector: CreateConnector<SmsConnector> = async ({ getConfig }) => createAliyunSmsConnector(getConfig);

export default createConnector;

export { aliyunSmsConfigGuard, type AliyunSmsConfig } from './config.js';
export { connectorId, metadata } from './metadata.js';
export type { AliyunSendResult } from './response.js';
