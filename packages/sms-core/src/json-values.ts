// Reading parsed JSON (provider answers, configs) member by member without casts.

/** A JSON object (not an array, not null), readable member by member. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` when it is a non-empty string, otherwise `undefined`. */
export const nonEmptyText = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The member `key` of `record` when it is a non-empty string, otherwise `undefined`. */
export const textField = (
  record: Readonly<Record<string, unknown>>,
  key: string
): string | undefined => nonEmptyText(record[key]);
