// The connector configs and the message every run sends. The configs live in ../connectors.mjs
// (one entry per connector); this module turns an entry into the config of one row.

import { connectorByProvider, connectors } from '../connectors.mjs';

// Mainland number with the country code and no '+': the official YunPian connector treats a number
// without 86/+86 as international (and would refuse it with enableInternational off).
export const recipient = '8613800138000';

export const message = (index) => ({
  to: recipient,
  type: 'SignIn',
  payload: { code: String(100_000 + (index % 900_000)) },
});

/**
 * `endpoint` undefined means "the provider's real endpoint" (routed to the TLS front by route.mjs);
 * the official connectors cannot be given anything else.
 */
export const connectorConfig = ({ implementation, provider, algorithm, endpoint }) => {
  const { config } = connectorByProvider[provider];
  if (implementation === 'official') {
    return config.official();
  }
  return { ...config.ours({ algorithm }), ...(endpoint ? { endpoint } : {}) };
};

export const providerOrigin = Object.fromEntries(
  connectors.map((connector) => [connector.provider, connector.origin])
);
export const providerPath = Object.fromEntries(
  connectors.map((connector) => [connector.provider, connector.path])
);
export const successBody = Object.fromEntries(
  connectors.map((connector) => [connector.provider, JSON.stringify(connector.success)])
);
