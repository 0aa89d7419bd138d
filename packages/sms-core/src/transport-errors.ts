import { ConnectorErrorCodes, type ConnectorError } from '@logto/connector-kit';

import { providerError, type ProviderErrorData } from './errors.js';
import type { TransportError } from './http.js';
import type { Redactor } from './redaction.js';

const providerNames: Record<ProviderErrorData['provider'], string> = {
  aliyun: 'Aliyun SMS',
  'aliyun-mas': 'Aliyun Message Authentication Service',
  yunpian: 'YunPian',
  tencent: 'Tencent Cloud SMS',
};

/** A send that got no usable answer. Timeouts and resets say the code may have gone out anyway. */
export const transportFailure = (
  failure: TransportError,
  provider: ProviderErrorData['provider'],
  redactor: Redactor
): ConnectorError => {
  const name = providerNames[provider];
  if (failure.kind === 'response-too-large') {
    return providerError(
      ConnectorErrorCodes.InvalidResponse,
      {
        provider,
        summary: `${name} answered with an unexpectedly large body (${failure.detail}).`,
        hint: 'Check that endpoint points at the provider API and not at a web page or proxy.',
      },
      redactor
    );
  }
  const summary =
    failure.kind === 'timeout'
      ? `No answer from ${name} before the timeout (${failure.detail} phase).`
      : `Could not talk to ${name} (${failure.detail}).`;
  const hint = failure.reachedProvider
    ? 'The message may or may not have been sent; it was not retried to avoid a duplicate. Check connectivity to the endpoint, or raise timeout.'
    : 'Nothing was sent. Check the endpoint host name, DNS and outbound firewall rules.';
  return providerError(ConnectorErrorCodes.General, { provider, summary, hint }, redactor);
};
