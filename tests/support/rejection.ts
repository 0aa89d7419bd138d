/** Capturing the ConnectorError a send rejects with, failing the test on anything else. */
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { fieldOf, jsonOf } from './values.js';

const errorCodes = new Set<string>(Object.values(ConnectorErrorCodes));

/**
 * A ConnectorError, also one thrown by a packed connector loaded through Logto's loader: that
 * build may resolve its own copy of connector-kit, whose class `instanceof` would not recognise.
 */
export const isConnectorError = (error: unknown): error is ConnectorError =>
  error instanceof ConnectorError ||
  (error instanceof Error && errorCodes.has(String(fieldOf(error, 'code'))) && 'data' in error);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const describeValue = (value: unknown): string => {
  if (value instanceof Error) {
    return `${value.name}: ${value.message}`;
  }
  try {
    return jsonOf(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * The ConnectorError that `task` (a promise, or a function returning one) rejects with. Throws,
 * failing the test, when it resolves or rejects with anything else.
 */
export const rejectionOf = async (
  task: Promise<unknown> | (() => Promise<unknown>)
): Promise<ConnectorError> => {
  const outcome = await (typeof task === 'function' ? task() : task).then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ error })
  );
  if (!('error' in outcome)) {
    throw new Error(
      `expected a ConnectorError, the send resolved with ${describeValue(outcome.resolved)}`
    );
  }
  if (!isConnectorError(outcome.error)) {
    throw new Error(`expected a ConnectorError, got ${describeValue(outcome.error)}`);
  }
  return outcome.error;
};

/**
 * Whatever `action` rejects with, ConnectorError or not (for tests that check the kind themselves,
 * e.g. that no TypeError escapes). Throws, failing the test, when it resolves.
 */
export const failureOf = async (action: () => Promise<unknown>): Promise<unknown> => {
  try {
    await action();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a failure');
};

/** `error.data` as a record (`{}` when the connector attached none). */
export const errorData = (error: ConnectorError): Record<string, unknown> =>
  isRecord(error.data) ? error.data : {};

/** Collects every unhandled rejection of this process from `start()` on. */
export const unhandledRejections = () => {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => {
    seen.push(reason);
  };
  return {
    start: () => process.on('unhandledRejection', listener),
    stop: () => process.off('unhandledRejection', listener),
    seen,
  };
};
