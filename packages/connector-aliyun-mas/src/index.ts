import { createDeliveryStatusQuery, createSmsConnector, parseConfig } from '@logto-sms/sms-core';

import type { CreateConnector, GetConnectorConfig, SmsConnector } from '@logto/connector-kit';

import type { ClientOptions } from './client.js';
import { configGuard } from './config.js';
import { metadata } from './metadata.js';
import { sendVerificationSms } from './send.js';
import { queryDeliveryStatus as queryWithConfig } from './status.js';

/** The connector with test seams for the clock and nonce; Logto uses the default export. */
export const createAliyunMasConnector = (
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
  createAliyunMasConnector(getConfig);

export default createConnector;

export { configGuard, type AliyunMasConfig, type AliyunMasTemplate } from './config.js';
export { connectorId, metadata } from './metadata.js';
export { errorRules } from './errors.js';
export type { AliyunMasSendResult } from './response.js';
export { sendVerificationSms } from './send.js';

/**
 * "Did the code arrive?" for `logto-sms status`: receipts from Dypnsapi QuerySendDetails (deprecated
 * by Aliyun), with the same config, signing and endpoint rules as sending. Logto ignores this export.
 *
 * @throws ConnectorError (see `status.ts`).
 */
export const queryDeliveryStatus = createDeliveryStatusQuery(
  (raw) => parseConfig(configGuard, raw),
  queryWithConfig
);
export { deliveryStatusSource } from './status.js';
