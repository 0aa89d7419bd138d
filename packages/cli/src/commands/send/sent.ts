import { isLoopbackHost } from '@logto-sms/sms-core';

import { isRecord } from '../../unknown-values.js';

/** What a connector's send result says went out, under connector-neutral names. */
export type SentSummary = { providerRecipient?: string; template?: string };

// The result fields the logto-sms connectors use for the number as the provider received it and
// for the template (Aliyun: PhoneNumbers / TemplateCode; YunPian: mobile / the template text).
const recipientFields = ['phoneNumbers', 'mobile', 'phoneNumber'] as const;
const templateFields = ['templateCode', 'template', 'templateId'] as const;

const recipientFieldNames: ReadonlySet<string> = new Set(recipientFields);

const firstText = (record: object, keys: readonly string[]): string | undefined =>
  keys
    .map((key): unknown => Reflect.get(record, key))
    .find((value): value is string => typeof value === 'string' && value !== '');

export const whatWasSent = (result: unknown): SentSummary => {
  if (typeof result !== 'object' || result === null) {
    return {};
  }
  const providerRecipient = firstText(result, recipientFields);
  const template = firstText(result, templateFields);
  return { ...(providerRecipient ? { providerRecipient } : {}), ...(template ? { template } : {}) };
};

/**
 * The provider's answer for printing: the code masked wherever it could appear, except in the
 * recipient fields, whose digits may contain the code's and must be shown as they are.
 */
export const answerForDisplay = (
  result: unknown,
  codeRedactor: { deep: <T>(value: T) => T }
): unknown => {
  if (!isRecord(result)) {
    return codeRedactor.deep(result);
  }
  return Object.fromEntries(
    Object.entries(result).map(([key, value]) => [
      key,
      recipientFieldNames.has(key) ? value : codeRedactor.deep(value),
    ])
  );
};

/** The config's endpoint when it is a loopback URL (the local sandbox), else undefined. */
const loopbackEndpoint = (config: Record<string, unknown>): URL | undefined => {
  if (typeof config.endpoint !== 'string') {
    return undefined;
  }
  try {
    const url = new URL(config.endpoint.trim());
    return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
};

/** Where the sandbox shows the message, for a config that sends to a loopback endpoint. */
export const loopbackInboxUrl = (config: Record<string, unknown>): string | undefined => {
  const endpoint = loopbackEndpoint(config);
  return endpoint ? `${endpoint.origin}/inbox` : undefined;
};

/**
 * A refused connection to a loopback endpoint nearly always means the sandbox is not running (or
 * runs on another port): say so instead of the generic network advice.
 */
export const connectionRefusedFix = (
  config: Record<string, unknown>,
  errorDescription: string | undefined
): string | undefined => {
  const endpoint = loopbackEndpoint(config);
  if (!endpoint || !errorDescription?.includes('ECONNREFUSED')) {
    return undefined;
  }
  return `Nothing is listening at ${endpoint.origin}: is the sandbox running? Start it in another terminal with "pnpm sandbox" (from a checkout of this repository) and check that the port in endpoint matches the one it prints.`;
};
