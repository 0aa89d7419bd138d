import {
  ConnectorType,
  type ConnectorMetadata,
  type GetConnectorConfig,
  type SmsConnector,
} from '@logto/connector-kit';
import type { ZodType, ZodTypeDef } from 'zod';

import type { DeliveryQuery, DeliveryReport, QueryDeliveryStatus } from './delivery.js';
import { loadOnce, loadOnFirstCall } from './first-use.js';
import type { SmsSendInput } from './send-message.js';

// The first send's part of this package (createSmsSendMessage, parseConfig,
// createDeliveryStatusQuery), imported once for every connector object built from this bundle.
const loadFirstSendModule = loadOnce(async () => import('./on-first-send.js'));

export type SmsConnectorSpec<Config> = {
  metadata: ConnectorMetadata;
  /** The connector's zod guard; Logto validates Console forms with it, every send parses with it. */
  configGuard: ZodType<Config, ZodTypeDef, unknown>;
  getConfig: GetConnectorConfig;
  /**
   * Imports the connector's send flow (its `sendVerificationSms` with a parsed config), e.g.
   * `async () => (await import('./send.js')).sendVerificationSms`. Called on the first send, not at
   * start-up: the send flow, the HTTP client and the error tables stay out of Logto's cold load.
   */
  loadSend: () => Promise<(input: SmsSendInput, config: Config) => Promise<unknown>>;
};

/**
 * The SMS connector object every package's `createConnector` returns: its metadata and guard, and
 * `createSmsSendMessage` over its send flow with the config parsed (and cached) by its guard, all
 * loaded on the first send. Building it reads no config and connects nowhere: Logto calls
 * `createConnector` at start-up with a `getConfig` that throws.
 */
export const createSmsConnector = <Config>({
  metadata,
  configGuard,
  getConfig,
  loadSend,
}: SmsConnectorSpec<Config>): SmsConnector => ({
  metadata,
  type: ConnectorType.Sms,
  configGuard,
  sendMessage: loadOnFirstCall(async () => {
    const [{ createSmsSendMessage, parseConfig }, send] = await Promise.all([
      loadFirstSendModule(),
      loadSend(),
    ]);
    return createSmsSendMessage({
      connectorId: metadata.id,
      getConfig,
      parseConfig: (raw): Config => parseConfig(configGuard, raw),
      send,
    });
  }),
});

/**
 * A connector's `queryDeliveryStatus` export (for `logto-sms status`; Logto ignores it): the raw
 * config parsed by the connector's guard, then its lookup, both loaded on the first call so the
 * status code stays out of Logto's start-up.
 *
 * @param loadQuery Resolves to the connector's lookup with a parsed config, e.g.
 *   `async () => (await import('./status.js')).queryDeliveryStatus`.
 * @throws ConnectorError as `createDeliveryStatusQuery` does.
 */
export const deliveryStatusQueryOnFirstCall = <Config>(
  configGuard: ZodType<Config, ZodTypeDef, unknown>,
  loadQuery: () => Promise<(config: Config, query: DeliveryQuery) => Promise<DeliveryReport>>
): QueryDeliveryStatus =>
  loadOnFirstCall(async () => {
    const [{ createDeliveryStatusQuery, parseConfig }, query] = await Promise.all([
      loadFirstSendModule(),
      loadQuery(),
    ]);
    return createDeliveryStatusQuery((raw): Config => parseConfig(configGuard, raw), query);
  });
