import { createConnectorEntry } from '@logto-sms/sms-core';

import { configGuard } from './config.js';
import { metadata } from './metadata.js';

// The send flow and the status lookup are imported on first use: Logto's start-up loads only the
// metadata and the config guard (docs/benchmarks.md, "Cold load").
const { createWith, createConnector, sendVerificationSms, queryDeliveryStatus } =
  createConnectorEntry({
    metadata,
    configGuard,
    loadSendModule: async () => import('./send.js'),
    loadStatusModule: async () => import('./status.js'),
  });

/** The connector with test seams for the clock and nonce; Logto uses the default export. */
export const createAliyunSmsConnector = createWith;

// Logto calls this at start-up with a getConfig that throws: it reads no config, connects nowhere.
export default createConnector;

export { configGuard, type AliyunSmsConfig } from './config.js';
export { connectorId, metadata } from './metadata.js';
export { deliveryStatusSource } from './status-source.js';
export type { AliyunSmsSendResult } from './response.js';

/**
 * `sendVerificationSms`: `send.ts`'s send flow, loaded on the first call.
 *
 * `queryDeliveryStatus`: "did the code arrive?" for `logto-sms status`: receipts from
 * QuerySendDetails, with the same config, signing and endpoint rules as sending. Logto ignores this
 * export.
 *
 * @throws ConnectorError (see `status.ts`).
 */
export { queryDeliveryStatus, sendVerificationSms };
