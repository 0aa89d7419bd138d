import {
  ConnectorError,
  ConnectorErrorCodes,
  type GetConnectorConfig,
  type SendMessageFunction,
} from '@logto/connector-kit';

import { checkAllowedCountry } from './allowed-countries.js';
import { insufficientRequest, invalidRequest } from './errors.js';
import { isJsonObject } from './json-values.js';
import { preferredLocale } from './locale.js';
import { loadPhonePlan } from './phone-plan-loader.js';
import { routePhoneNumber } from './phone.js';

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

/**
 * Validates what Logto hands to `sendMessage`. Only the code and the locale are read from the
 * payload: everything else in it (`uiLocales`, `link`, custom keys) must never reach a provider.
 */
// eslint-disable-next-line complexity -- one flat run of input checks, each with its own message, on every send
export const readSendInput = (data: unknown): SmsSendInput => {
  if (!isJsonObject(data)) {
    throw invalidRequest('sendMessage expects { to, type, payload }.');
  }
  const { to, type, payload } = data;
  if (typeof to !== 'string') {
    throw invalidRequest('The recipient phone number is missing.');
  }
  if (typeof type !== 'string') {
    throw invalidRequest('The message type (usage type) is missing.');
  }
  const code = isJsonObject(payload) ? payload.code : undefined;
  if (code === undefined || code === null || code === '') {
    throw insufficientRequest('The payload has no verification code to send.');
  }
  if (typeof code !== 'string' || !codePattern.test(code)) {
    throw invalidRequest('The verification code must be 1 to 32 letters or digits.');
  }
  const locale = isJsonObject(payload) ? preferredLocale(payload) : undefined;
  return { to, usageType: type, code, ...(locale === undefined ? {} : { locale }) };
};

/**
 * The country allow-list, for every connector whose config has the `allowedCountries` key (sms-core's
 * `allowedCountriesGuard`), so a connector gets it from its config guard and form item alone. The
 * number is routed with the connector's own strictness; the connector's second routing of the same
 * number is answered from `routePhoneNumber`'s memo.
 */
const enforceAllowedCountries = (to: string, config: unknown) => {
  if (!isJsonObject(config) || !Array.isArray(config.allowedCountries)) {
    return;
  }
  const route = routePhoneNumber(to, {
    strictPhoneRegionNumberCheck: config.strictPhoneRegionNumberCheck !== false,
  });
  // eslint-disable-next-line no-restricted-syntax -- `config` is parsed: allowedCountriesGuard has validated the list as region codes
  checkAllowedCountry(route, config.allowedCountries as readonly string[]);
};

export type SmsSendMessageSpec<Config> = {
  /** `metadata.id`; Logto's `getConfig` looks the saved config up by it. */
  connectorId: string;
  getConfig: GetConnectorConfig;
  parseConfig: (raw: unknown) => Config;
  send: (input: SmsSendInput, config: Config) => Promise<unknown>;
};

/**
 * The `sendMessage` every connector exposes. The Console "Send" button passes the unsaved form
 * config; sign-in passes none and the saved one is read. A number outside the config's
 * `allowedCountries` is refused here, before the connector's own send. Whatever goes wrong surfaces as a
 * ConnectorError: an unexpected exception is replaced by a General error without its message,
 * which could quote request options.
 */
export const createSmsSendMessage =
  <Config>({
    connectorId,
    getConfig,
    parseConfig,
    send,
  }: SmsSendMessageSpec<Config>): SendMessageFunction =>
  async (data, config) => {
    try {
      await loadPhonePlan();
      const parsed = parseConfig(config ?? (await getConfig(connectorId)));
      const input = readSendInput(data);
      enforceAllowedCountries(input.to, parsed);
      return await send(input, parsed);
    } catch (error: unknown) {
      if (error instanceof ConnectorError) {
        throw error;
      }
      throw new ConnectorError(ConnectorErrorCodes.General, {
        errorDescription:
          'The SMS connector failed unexpectedly; no message was sent. Please report this.',
      });
    }
  };
