import { ConnectorType, type CreateConnector, type GetConnectorConfig, type SmsConnector } from '@logto/connector-kit';
import { createSmsSendMessage, parseConfig } from '@logto-sms/sms-core';

import type { ClientOptions } from './client.js';
import { aliyunSmsConfigGuard } from './config.js';
import { connectorId, metadata } from './metadata.js';
import { sendVerificationCode } from './send.js';

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
export { sendVerificationCode } from './send.js';
