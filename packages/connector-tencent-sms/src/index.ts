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

/** The connector with a test seam for the clock; Logto uses the default export. */
export const createTencentSmsConnector = createWith;

// Logto calls this at start-up with a getConfig that throws: it reads no config, connects nowhere.
export default createConnector;

export { configGuard, type TencentSmsConfig, type TencentSmsTemplate } from './config.js';
export { connectorId, metadata } from './metadata.js';
export { deliveryStatusSource } from './status-source.js';
export type { TencentSmsSendResult } from './response.js';

/**
 * `sendVerificationSms`: `send.ts`'s send flow, loaded on the first call.
 *
 * `queryDeliveryStatus`: "did the code arrive?" for `logto-sms status`: receipts from
 * PullSmsSendStatusByPhoneNumber, with the same config, signing, region and endpoint rules as
 * sending. Logto ignores this export.
 *
 * @throws ConnectorError (see `status.ts`).
 */
export { queryDeliveryStatus, sendVerificationSms };
