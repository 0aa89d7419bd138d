import { terminalSafe } from '@logto-sms/sandbox';

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

export const connectorInfo = (
  factory: LoadedConnectorFactory,
  name: string,
  version: string
): ConnectorInfo => ({
  id: factory.metadata.id,
  package: name,
  version,
});

/** A value from outside (connector, provider, loader) as one line of inert text. */
export const oneLine = (value: unknown): string => terminalSafe(String(value));

/**
 * Text lines for a described ConnectorError. Every value comes from a connector or a provider, so
 * each is escaped into one line: a line break in a provider message cannot start a line of its own
 * (a spoofed "✓ Sent").
 */
export const explainLines = (output: Output, described: DescribedError): string[] => {
  const one = oneLine;
  const lines = [
    `${output.red('✗ Send failed:')} ConnectorError ${output.bold(one(described.code))}`,
    `  What it means:  ${one(described.meaning)}`,
  ];
  if (described.fix) {
    lines.push(`  How to fix:     ${one(described.fix)}`);
  }
  if (described.errorDescription) {
    lines.push(`  Connector says: ${one(described.errorDescription)}`);
  }
  if (described.providerCode !== undefined) {
    const extras = [
      described.httpStatus === undefined ? undefined : `HTTP ${one(described.httpStatus)}`,
      described.requestId === undefined ? undefined : `request id ${one(described.requestId)}`,
    ].filter(Boolean);
    lines.push(
      `  Provider code:  ${one(described.providerCode)}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`
    );
  }
  if (described.providerMessage) {
    lines.push(`  Provider said:  ${one(described.providerMessage)}`);
  }
  for (const issue of described.issues ?? []) {
    lines.push(`  - ${one(issue.path)}: ${one(issue.message)}`);
  }
  lines.push(
    `  In Logto:       HTTP ${one(described.logtoStatus)}, shown as "${one(described.logtoShows)}"`
  );
  return lines;
};
