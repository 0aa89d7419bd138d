import {
  ConnectorError,
  ConnectorErrorCodes,
  type GetConnectorConfig,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { insufficientRequest, invalidRequest } from './errors.js';
import { preferredLocale } from './locale.js';

/** The parts of Logto's `sendMessage` data an SMS connector uses, checked. */
export type SmsSendInput = {
  /** Recipient exactly as Logto passed it; route it with `routePhoneNumber`. */
  to: string;
  usageType: string;
  code: string;
  locale?: string;
};

// Logto sends 6 digits; letters are allowed because Aliyun accepts alphanumeric codes.
const codePattern = /^[A-Za-z0-9]{1,32}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates what Logto hands to `sendMessage`. Only the code and the locale are read from the
 * payload: everything else in it (`uiLocales`, `link`, custom keys) must never reach a provider.
 */
export const readSendInput = (data: unknown): SmsSendInput => {
  if (!isRecord(data)) throw invalidRequest('sendMessage expects { to, type, payload }.');
  const { to, type, payload } = data;
  if (typeof to !== 'string') throw invalidRequest('The recipient phone number is missing.');
  if (typeof type !== 'string') throw invalidRequest('The message type (usage type) is missing.');
  const code = isRecord(payload) ? payload.code : undefined;
  if (code === undefined || code === null || code === '') {
    throw insufficientRequest('The payload has no verification code to send.');
  }
  if (typeof code !== 'string' || !codePattern.test(code)) {
    throw invalidRequest('The verification code must be 1 to 32 letters or digits.');
  }
  const locale = isRecord(payload) ? preferredLocale(payload) : undefined;
  return { to, usageType: type, code, ...(locale === undefined ? {} : { locale }) };
};

export type SmsSendMessageSpec<Config> = {
  /** `metadata.id`; Logto's `getConfig` looks the saved config up by it. */
  connectorId: string;
  getConfig: GetConnectorConfig;
  parseConfig: (raw: unknown) => Config;
  send: (input: SmsSendInput, config: Config) => Promise<unknown>;
};

/**
 * The `sendMessage` both connectors expose. The Console "Send" button passes the unsaved form
 * config; sign-in passes none and the saved one is read. Whatever goes wrong surfaces as a
 * ConnectorError: an unexpected exception is replaced by a General error without its message,
 * which could quote request options.
 */
export const createSmsSendMessage =
  <Config>({ connectorId, getConfig, parseConfig, send }: SmsSendMessageSpec<Config>): SendMessageFunction =>
  async (data, config) => {
    try {
      const parsed = parseConfig(config ?? (await getConfig(connectorId)));
      return await send(readSendInput(data), parsed);
    } catch (error: unknown) {
      if (error instanceof ConnectorError) throw error;
      throw new ConnectorError(ConnectorErrorCodes.General, {
        errorDescription: 'The SMS connector failed unexpectedly; no message was sent. Please report this.',
      });
    }
  };
