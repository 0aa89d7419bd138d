import {
  createSmsConnector,
  deliveryStatusQueryOnFirstCall,
  loadOnce,
  loadOnFirstCall,
} from '@logto-sms/sms-core';

import type { CreateConnector, GetConnectorConfig, SmsConnector } from '@logto/connector-kit';

import type { ClientOptions } from './client.js';
import { configGuard } from './config.js';
import { metadata } from './metadata.js';

// The send flow and the status lookup are imported on first use: Logto's start-up loads only the
// metadata and the config guard (docs/benchmarks.md, "Cold load").
const loadSend = loadOnce(async () => {
  const { sendVerificationSms } = await import('./send.js');
  return sendVerificationSms;
});

/** The connector with test seams for the clock and nonce; Logto uses the default export. */
export const createAliyunSmsConnector = (
  getConfig: GetConnectorConfig,
  clientOptions?: ClientOptions
): SmsConnector =>
  createSmsConnector({
    metadata,
    configGuard,
    getConfig,
    loadSend: async () => {
      const send = await loadSend();
      return async (input, config) => send(input, config, clientOptions);
    },
  });

// Logto calls this at start-up with a getConfig that throws: nothing here may read config or connect.
const createConnector: CreateConnector<SmsConnector> = async ({ getConfig }) =>
  createAliyunSmsConnector(getConfig);

export default createConnector;

export { configGuard, type AliyunSmsConfig } from './config.js';
export { connectorId, deliveryStatusSource, metadata } from './metadata.js';
export { errorRules } from './errors.js';
export type { AliyunSmsSendResult } from './response.js';

/** `send.ts`'s `sendVerificationSms`, loaded on the first call. */
export const sendVerificationSms = loadOnFirstCall(loadSend);

/**
 * "Did the code arrive?" for `logto-sms status`: receipts from QuerySendDetails, with the same
 * config, signing and endpoint rules as sending. Logto ignores this export.
 *
 * @throws ConnectorError (see `status.ts`).
 */
export const queryDeliveryStatus = deliveryStatusQueryOnFirstCall(configGuard, async () => {
  const { queryDeliveryStatus } = await import('./status.js');
  return queryDeliveryStatus;
});
