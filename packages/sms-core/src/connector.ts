import {
  ConnectorType,
  type ConnectorMetadata,
  type GetConnectorConfig,
  type SmsConnector,
} from '@logto/connector-kit';
import type { ZodType, ZodTypeDef } from 'zod';

import { parseConfig } from './parse-config.js';
import { createSmsSendMessage, type SmsSendInput } from './send-message.js';

export type SmsConnectorSpec<Config> = {
  metadata: ConnectorMetadata;
  /** The connector's zod guard; Logto validates Console forms with it, every send parses with it. */
  configGuard: ZodType<Config, ZodTypeDef, unknown>;
  getConfig: GetConnectorConfig;
  /** One verification SMS with a parsed config (the connector's `sendVerificationSms`). */
  send: (input: SmsSendInput, config: Config) => Promise<unknown>;
};

/**
 * The SMS connector object every package's `createConnector` returns: its metadata and guard, and
 * `createSmsSendMessage` over its send flow with the config parsed (and cached) by its guard.
 * Building it reads no config and connects nowhere: Logto calls `createConnector` at start-up with a
 * `getConfig` that throws.
 */
export const createSmsConnector = <Config>({
  metadata,
  configGuard,
  getConfig,
  send,
}: SmsConnectorSpec<Config>): SmsConnector => ({
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
