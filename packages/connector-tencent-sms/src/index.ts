import { createSmsConnector } from '@logto-sms/sms-core';

import type { CreateConnector, GetConnectorConfig, SmsConnector } from '@logto/connector-kit';

import type { ClientOptions } from './client.js';
import { configGuard } from './config.js';
import { metadata } from './metadata.js';
import { sendVerificationSms } from './send.js';

/** The connector with a test seam for the clock; Logto uses the default export. */
export const createTencentSmsConnector = (
  getConfig: GetConnectorConfig,
  clientOptions?: ClientOptions
): SmsConnector =>
  createSmsConnector({
    metadata,
    configGuard,
    getConfig,
    send: async (input, config) => sendVerificationSms(input, config, clientOptions),
  });

// Logto calls this at start-up with a getConfig that throws: nothing here may read config or connect.
const createConnector: CreateConnector<SmsConnector> = async ({ getConfig }) =>
  createTencentSmsConnector(getConfig);

export default createConnector;

export { configGuard, type TencentSmsConfig, type TencentSmsTemplate } from './config.js';
export { connectorId, metadata } from './metadata.js';
export { errorRules } from './errors.js';
export type { TencentSmsSendResult } from './response.js';
export { sendVerificationSms } from './send.js';
