/** A parsed JSON value that is an object: not null, not an array (JSON.parse gives plain objects). */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when every value is a string, as in an Aliyun `TemplateParam` object. */
export const hasOnlyStringValues = (
  value: Readonly<Record<string, unknown>>
): value is Record<string, string> =>
  Object.values(value).every((item) => typeof item === 'string');
