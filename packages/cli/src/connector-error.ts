import { ConnectorErrorCodes } from '@logto/connector-kit';

import { explainConnectorErrorCode, type ErrorExplanation } from './explain.js';
import { isRecord } from './unknown-values.js';

export type ConnectorErrorLike = Error & { code: string; data: unknown };

const knownCodes: ReadonlySet<string> = new Set(Object.values(ConnectorErrorCodes));

/**
 * True for a connector-kit ConnectorError. Checked by shape, not `instanceof`: the connector was
 * loaded from a Logto host whose connector-kit may be a different copy from the CLI's.
 */
export const isConnectorError = (error: unknown): error is ConnectorErrorLike => {
  if (!(error instanceof Error)) {
    return false;
  }
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' && knownCodes.has(code) && 'data' in error;
};

export type ConfigIssue = { path: string; message: string };

/** A ConnectorError, ready to print: the code's explanation plus what the connector said. */
export type DescribedError = ErrorExplanation & {
  errorDescription?: string;
  providerCode?: string | number;
  providerMessage?: string;
  requestId?: string;
  httpStatus?: number;
  hint?: string;
  /**
   * What to do, from the error's data: the connector's hint (chosen from the provider's code and
   * message), or for config issues the fields listed. Absent when the data says nothing to do.
   */
  fix?: string;
  /** Zod issues, for InvalidConfig. */
  issues?: ConfigIssue[];
  data?: unknown;
};

/** Zod issues as `path: message` pairs; the received value is left out (it may be a secret). */
export const readIssues = (value: unknown): ConfigIssue[] | undefined => {
  if (!isRecord(value) || !Array.isArray(value.issues)) {
    return undefined;
  }
  return value.issues
    .filter((issue) => isRecord(issue))
    .map((issue) => ({
      path:
        Array.isArray(issue.path) && issue.path.length > 0
          ? issue.path.map(String).join('.')
          : '(config)',
      message: typeof issue.message === 'string' ? issue.message : JSON.stringify(issue),
    }));
};

const pick = <T>(
  record: Record<string, unknown>,
  key: string,
  guard: (value: unknown) => value is T
): T | undefined => {
  const value = record[key];
  return guard(value) ? value : undefined;
};
const isString = (value: unknown): value is string => typeof value === 'string';
const isCode = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';
const isNumber = (value: unknown): value is number => typeof value === 'number';

export const issuesFix =
  'Correct each field listed below (as it appears in the Console form), then send again.';

/** The fix line for what a connector reported; never chosen from the ConnectorError code alone. */
export const fixFromData = ({
  hint,
  issues,
}: Pick<DescribedError, 'hint' | 'issues'>): string | undefined =>
  hint ?? (issues && issues.length > 0 ? issuesFix : undefined);

/**
 * What a ConnectorError means for an operator: its code explained (what Logto shows, with which
 * HTTP status, and the fix), plus what the connector put in `data` (provider code and message,
 * description, config issues). Never throws.
 */
export const describeConnectorError = (error: ConnectorErrorLike): DescribedError => {
  const explanation = explainConnectorErrorCode(error.code);
  const { data } = error;
  const issues = readIssues(data);
  if (!isRecord(data)) {
    const fix = fixFromData({ issues });
    return { ...explanation, ...(issues ? { issues } : {}), ...(fix ? { fix } : {}) };
  }
  const optional = {
    errorDescription: pick(data, 'errorDescription', isString) ?? pick(data, 'message', isString),
    providerCode: pick(data, 'providerCode', isCode),
    providerMessage: pick(data, 'providerMessage', isString),
    requestId: pick(data, 'requestId', isString),
    httpStatus: pick(data, 'httpStatus', isNumber),
    hint: pick(data, 'hint', isString),
  };
  const fix = fixFromData({ hint: optional.hint, issues });
  return {
    ...explanation,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    ...(fix ? { fix } : {}),
    ...(issues ? { issues } : { data }),
  };
};
