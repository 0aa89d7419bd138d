import {
  ConnectorType,
  type ConnectorMetadata,
  type CreateConnector,
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
  }, 'Nothing was looked up.');

/** What a connector's `send.ts` exports: its send flow over a parsed config. */
export type SendModule<Config, Options, Result> = {
  sendVerificationSms: (
    input: SmsSendInput,
    config: Config,
    clientOptions?: Options
  ) => Promise<Result>;
};

/** What a connector's `status.ts` exports: its delivery lookup over a parsed config. */
export type StatusModule<Config> = {
  queryDeliveryStatus: (config: Config, query: DeliveryQuery) => Promise<DeliveryReport>;
};

export type ConnectorEntrySpec<Config, Options, Result> = {
  metadata: ConnectorMetadata;
  configGuard: ZodType<Config, ZodTypeDef, unknown>;
  /** `async () => import('./send.js')`, written in the connector so the build sees the file. */
  loadSendModule: () => Promise<SendModule<Config, Options, Result>>;
  /** `async () => import('./status.js')`. */
  loadStatusModule: () => Promise<StatusModule<Config>>;
};

/**
 * Everything a connector's `index.ts` exports besides its re-exports, so that file stays wiring
 * only and the same in every package (docs/architecture.md). The send flow and the status lookup
 * are imported on first use (docs/benchmarks.md, "Cold load").
 *
 * @returns `createWith(getConfig, clientOptions?)` (the connector with test seams),
 *   `createConnector` (Logto's default export: reads no config, connects nowhere),
 *   `sendVerificationSms` and `queryDeliveryStatus` (both loaded on their first call).
 * @throws nothing itself; the returned functions throw as `createSmsConnector`,
 *   `loadOnFirstCall` and `deliveryStatusQueryOnFirstCall` say.
 */
export const createConnectorEntry = <Config, Options, Result>({
  metadata,
  configGuard,
  loadSendModule,
  loadStatusModule,
}: ConnectorEntrySpec<Config, Options, Result>) => {
  const loadSend = loadOnce(async () => {
    const { sendVerificationSms } = await loadSendModule();
    return sendVerificationSms;
  });
  const createWith = (getConfig: GetConnectorConfig, clientOptions?: Options): SmsConnector =>
    createSmsConnector({
      metadata,
      configGuard,
      getConfig,
      // Logto passes no client options: its sends call the send flow itself, with no wrapper
      // (about 1 µs a send, docs/benchmarks.md).
      loadSend: async () => {
        const send = await loadSend();
        return clientOptions === undefined
          ? send
          : async (input, config) => send(input, config, clientOptions);
      },
    });
  const createConnector: CreateConnector<SmsConnector> = async ({ getConfig }) =>
    createWith(getConfig);
  return {
    createWith,
    createConnector,
    sendVerificationSms: loadOnFirstCall(loadSend),
    queryDeliveryStatus: deliveryStatusQueryOnFirstCall(configGuard, async () => {
      const { queryDeliveryStatus } = await loadStatusModule();
      return queryDeliveryStatus;
    }),
  };
};
