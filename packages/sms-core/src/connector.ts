import {
  ConnectorType,
  type ConnectorMetadata,
  type GetConnectorConfig,
  type SmsConnector,
} from '@logto/connector-kit';
import type { z, ZodTypeAny } from 'zod';

import { parseConfig } from './parse-config.js';
import { createSmsSendMessage, type SmsSendInput } from './send-message.js';

export type SmsConnectorSpec<Guard extends ZodTypeAny> = {
  metadata: ConnectorMetadata;
  /** The connector's zod guard; Logto validates Console forms with it, every send parses with it. */
  configGuard: Guard;
  getConfig: GetConnectorConfig;
  /** One verification SMS with a parsed config (the connector's `sendVerificationSms`). */
  send: (input: SmsSendInput, config: z.output<Guard>) => Promise<unknown>;
};

/**
 * The SMS connector object every package's `createConnector` returns: its metadata and guard, and
 * `createSmsSendMessage` over its send flow with the config parsed (and cached) by its guard.
 * Building it reads no config and connects nowhere: Logto calls `createConnector` at start-up with a
 * `getConfig` that throws.
 */
export const createSmsConnector = <Guard extends ZodTypeAny>({
  metadata,
  configGuard,
  getConfig,
  send,
}: SmsConnectorSpec<Guard>): SmsConnector => ({
  metadata,
  type: ConnectorType.Sms,
  configGuard,
  sendMessage: createSmsSendMessage({
    connectorId: metadata.id,
    getConfig,
    parseConfig: (raw) => parseConfig(configGuard, raw),
    send,
  }),
});
