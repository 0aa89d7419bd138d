import { createDeliveryStatusQuery, createSmsConnector, parseConfig } from '@logto-sms/sms-core';

import type { CreateConnector, SmsConnector } from '@logto/connector-kit';

import { configGuard } from './config.js';
import { metadata } from './metadata.js';
import { sendVerificationSms } from './send.js';
import { queryDeliveryStatus as queryWithConfig } from './status.js';

// Logto calls this at load time with a getConfig that throws: read nothing, connect nowhere.
const createConnector: CreateConnector<SmsConnector> = async ({ getConfig }) =>
  createSmsConnector({ metadata, configGuard, getConfig, send: sendVerificationSms });

export default createConnector;

export { configGuard, type YunpianSmsConfig, type YunpianSmsTemplate } from './config.js';
export { connectorId, metadata } from './metadata.js';
export { errorRules } from './errors.js';
export type { YunpianSmsSendResult } from './response.js';
export { sendVerificationSms } from './send.js';

/**
 * "Did the code arrive?" for `logto-sms status`: records from get_record.json, with the same
 * config and endpoint rules as sending. Logto ignores this export.
 *
 * @throws ConnectorError (see `status.ts`).
 */
export const queryDeliveryStatus = createDeliveryStatusQuery(
  (raw) => parseConfig(configGuard, raw),
  queryWithConfig
);
export { deliveryStatusSource } from './status.js';
