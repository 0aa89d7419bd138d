import type { DescribedError } from '../../connector-error.js';
import type { LoadedConnectorFactory } from '../../logto-host/index.js';
import type { Output } from '../../output.js';

export type ConnectorInfo = { id: string; package: string; version: string };

export type SendJson =
  | {
      ok: true;
      connector: ConnectorInfo;
      to: string;
      type: string;
      mode: 'console' | 'sign-in';
      /** The number as the provider received it (Aliyun PhoneNumbers, YunPian mobile). */
      providerRecipient?: string;
      /** The template the message went out on. */
      template?: string;
      /** The sandbox inbox, when the endpoint is a loopback address. */
      inboxUrl?: string;
      result: unknown;
      warnings: string[];
    }
  | {
      ok: false;
      stage: 'usage' | 'load' | 'config' | 'send';
      connector?: ConnectorInfo;
      error: Partial<DescribedError> & { message?: string };
      warnings: string[];
    };

export const connectorInfo = (factory: LoadedConnectorFactory, name: string, version: string): ConnectorInfo => ({
  id: factory.metadata.id,
  package: name,
  version,
});

/** Text lines for a described ConnectorError. */
export const explainLines = (output: Output, described: DescribedError): string[] => {
  const lines = [`${output.red('✗ Send failed:')} ConnectorError ${output.bold(described.code)}`, `  What it means:  ${described.meaning}`];
  if (described.fix) lines.push(`  How to fix:     ${described.fix}`);
  if (described.errorDescription) lines.push(`  Connector says: ${described.errorDescription}`);
  if (described.providerCode !== undefined) {
    const extras = [
      described.httpStatus === undefined ? undefined : `HTTP ${described.httpStatus}`,
      described.requestId === undefined ? undefined : `request id ${described.requestId}`,
    ].filter(Boolean);
    lines.push(`  Provider code:  ${String(described.providerCode)}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`);
  }
  if (described.providerMessage) lines.push(`  Provider said:  ${described.providerMessage}`);
  for (const issue of described.issues ?? []) lines.push(`  - ${issue.path}: ${issue.message}`);
  lines.push(`  In Logto:       HTTP ${described.logtoStatus}, shown as "${described.logtoShows}"`);
  return lines;
};

