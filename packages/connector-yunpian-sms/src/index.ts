import {
  createSmsConnector,
  deliveryStatusQueryOnFirstCall,
  loadOnce,
  loadOnFirstCall,
} from '@logto-sms/sms-core';

import type { CreateConnector, SmsConnector } from '@logto/connector-kit';

import { configGuard } from './config.js';
import { metadata } from './metadata.js';

// The send flow and the status lookup are imported on first use: Logto's start-up loads only the
// metadata and the config guard (docs/benchmarks.md, "Cold load").
const loadSend = loadOnce(async () => {
  const { sendVerificationSms } = await import('./send.js');
  return sendVerificationSms;
});

// Logto calls this at load time with a getConfig that throws: read nothing, connect nowhere.
const createConnector: CreateConnector<SmsConnector> = async ({ getConfig }) =>
  createSmsConnector({ metadata, configGuard, getConfig, loadSend });

export default createConnector;

export { configGuard, type YunpianSmsConfig, type YunpianSmsTemplate } from './config.js';
export { connectorId, deliveryStatusSource, metadata } from './metadata.js';
export { errorRules } from './errors.js';
export type { YunpianSmsSendResult } from './response.js';

/** `send.ts`'s `sendVerificationSms`, loaded on the first call. */
export const sendVerificationSms = loadOnFirstCall(loadSend);

/**
 * "Did the code arrive?" for `logto-sms status`: records from get_record.json, with the same
 * config and endpoint rules as sending. Logto ignores this export.
 *
 * @throws ConnectorError (see `status.ts`).
 */
export const queryDeliveryStatus = deliveryStatusQueryOnFirstCall(configGuard, async () => {
  const { queryDeliveryStatus } = await import('./status.js');
  return queryDeliveryStatus;
});
