import type { DescribedError } from '../../connector-error.js';
import type { Output } from '../../output.js';
import { isRecord } from '../../unknown-values.js';
import type { ConnectorInfo } from '../send/render.js';

/** One message's fate, as every connector's `queryDeliveryStatus` reports it (sms-core's DeliveryRecord). */
export type StatusRecord = {
  messageId?: string;
  to: string;
  sentAt?: string;
  reportedAt?: string;
  state: 'waiting' | 'delivered' | 'failed';
  carrierCode?: string;
  carrierMeaning?: string;
  template?: string;
};

export type StatusReport = {
  api: string;
  from: string;
  until: string;
  records: StatusRecord[];
  notes: string[];
};

export type StatusJson =
  | ({ ok: true; connector: ConnectorInfo; to: string } & StatusReport)
  | {
      ok: false;
      stage: 'usage' | 'load' | 'config' | 'query';
      connector?: ConnectorInfo;
      error: Partial<DescribedError> & { message?: string };
      /** With invalid_config: the read-only permissions the connector says the lookup needs. */
      needs?: string[];
    };

// C0, DEL, C1, and the bidi controls that can reorder what a terminal shows.
// eslint-disable-next-line no-control-regex -- strips terminal control characters from untrusted text
const controlCharacters = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Provider text with every control character removed, so it cannot drive the terminal. */
export const printable = (text: string): string => text.replaceAll(controlCharacters, '');

const printableAll = (value: unknown): unknown => {
  if (typeof value === 'string') {
    return printable(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => printableAll(item));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [printable(key), printableAll(item)])
    );
  }
  return value;
};

/** A copy of provider data with control characters stripped from every string. */
// eslint-disable-next-line no-restricted-syntax -- the copy has the input's shape: strings stay strings, arrays arrays, objects objects
export const printableDeep = <T>(value: T): T => printableAll(value) as T;

const text = (value: unknown): value is string => typeof value === 'string';

const states: ReadonlySet<unknown> = new Set<StatusRecord['state']>([
  'waiting',
  'delivered',
  'failed',
]);
const isState = (value: unknown): value is StatusRecord['state'] => states.has(value);

const optionalRecordFields = [
  'messageId',
  'sentAt',
  'reportedAt',
  'carrierCode',
  'carrierMeaning',
  'template',
] as const;

const readRecord = (record: unknown): StatusRecord | undefined => {
  if (!isRecord(record) || !isState(record.state)) {
    return undefined;
  }
  return {
    to: text(record.to) ? record.to : '',
    state: record.state,
    ...Object.fromEntries(
      optionalRecordFields.filter((key) => text(record[key])).map((key) => [key, record[key]])
    ),
  };
};

/** Keeps only the fields the CLI knows, typed, so an odd connector cannot smuggle anything else out. */
export const readReport = (value: unknown): StatusReport | undefined => {
  if (!isRecord(value)) {
    return undefined;
  }
  const { api, from, until, records, notes } = value;
  if (!text(api) || !text(from) || !text(until) || !Array.isArray(records)) {
    return undefined;
  }
  return {
    api,
    from,
    until,
    records: records
      .map((record) => readRecord(record))
      .filter((record): record is StatusRecord => record !== undefined),
    notes: Array.isArray(notes) ? notes.filter((note) => text(note)) : [],
  };
};

const marks = { delivered: '✓', failed: '✗', waiting: '…' } as const;

/** One message's block: a blank line, its state and times, carrier code, template, id and number. */
const recordLines = (record: StatusRecord, paint: (text: string) => string): string[] => {
  const lines = [
    '',
    `  ${paint(`${marks[record.state]} ${record.state}`)}  sent ${record.sentAt ?? '(time not reported by the provider)'}${record.reportedAt ? `, reported ${record.reportedAt}` : ''}`,
  ];
  if (record.carrierCode) {
    lines.push(
      `    carrier code: ${record.carrierCode} (${record.carrierMeaning ?? 'no explanation'})`
    );
  } else if (record.state === 'waiting') {
    lines.push(
      '    carrier code: none yet (the carrier has not reported; receipts usually arrive within minutes)'
    );
  }
  lines.push(
    `    template:     ${record.template ?? '(not reported)'}`,
    `    message id:   ${record.messageId ?? '(not in this record; look up with --id)'}`
  );
  if (record.to) {
    lines.push(`    number:       ${record.to}`);
  }
  return lines;
};

/** The text form: one block per message, newest first. */
export const statusLines = (output: Output, to: string, report: StatusReport): string[] => {
  const colour = { delivered: output.green, failed: output.red, waiting: output.yellow } as const;
  const lines = [`Messages to ${to} from ${report.from} to ${report.until} (${report.api}):`];
  if (report.records.length === 0) {
    lines.push(
      '  None. The provider reported no message to this number in that window: check the number, widen --since, or check that the code was sent through this account (and read the notes below).'
    );
  }
  for (const record of report.records) {
    lines.push(...recordLines(record, colour[record.state]));
  }
  for (const note of report.notes) {
    lines.push('', `${output.yellow('note:')} ${note}`);
  }
  return lines;
};

/** A failed lookup in text: what the connector said and the provider's code, no Logto HTTP mapping. */
export const statusErrorLines = (output: Output, described: DescribedError): string[] => {
  const lines = [`${output.red('✗ Lookup failed:')} ConnectorError ${output.bold(described.code)}`];
  if (described.errorDescription) {
    lines.push(`  Connector says: ${printable(described.errorDescription)}`);
  }
  if (described.providerCode !== undefined) {
    const extras = [
      described.httpStatus === undefined ? undefined : `HTTP ${described.httpStatus}`,
      described.requestId === undefined
        ? undefined
        : `request id ${printable(described.requestId)}`,
    ].filter(Boolean);
    lines.push(
      `  Provider code:  ${printable(String(described.providerCode))}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`
    );
  }
  if (described.providerMessage) {
    lines.push(`  Provider said:  ${printable(described.providerMessage)}`);
  }
  for (const issue of described.issues ?? []) {
    lines.push(`  - ${issue.path}: ${printable(issue.message)}`);
  }
  if (!described.errorDescription && !described.issues) {
    lines.push(`  What it means:  ${described.meaning}`);
  }
  return lines;
};
