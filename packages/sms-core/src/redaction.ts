/**
 * Removes secrets (AccessKey secret, STS token, apikey) and the verification code from anything
 * that may leave the connector: error data, descriptions, provider messages.
 *
 * Providers echo what they received, sometimes percent-encoded once or twice (Aliyun's
 * `SignatureDoesNotMatch` quotes its string-to-sign), so each secret is also removed in those forms.
 */
export type Redactor = {
  text: (value: string) => string;
  deep: <T>(value: T) => T;
};

export const redactedMarker = '[redacted]';

// Secrets shorter than this would also match ordinary text (a 3-digit code inside a request id).
const minSecretLength = 4;

const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

// Percent-encoding hex digits are case-insensitive (RFC 3986 §2.1); servers echo either case.
const withLowercaseHex = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

const encodedFormsOf = (secret: string): string[] => {
  try {
    const once = rfc3986(secret);
    const twice = rfc3986(once);
    return [once, twice, encodeURIComponent(secret)].flatMap((form) => [form, withLowercaseHex(form)]);
  } catch {
    // A lone surrogate cannot be percent-encoded, so it cannot travel encoded either.
    return [];
  }
};

const formsOf = (secret: string): string[] => [secret, JSON.stringify(secret).slice(1, -1), ...encodedFormsOf(secret)];

/** Cheap to create: the forms of each secret are only worked out when something is redacted. */
export const createRedactor = (secrets: ReadonlyArray<string | undefined>): Redactor => {
  let forms: string[] | undefined;
  const formsToRemove = () => {
    forms ??= [
      ...new Set(
        secrets
          .filter((secret): secret is string => typeof secret === 'string' && secret.length >= minSecretLength)
          .flatMap(formsOf)
      ),
    ]
      // Longest first, so a secret that contains another one is removed whole.
      .sort((a, b) => b.length - a.length);
    return forms;
  };

  const text = (value: string): string =>
    formsToRemove().reduce(
      (result, form) => (result.includes(form) ? result.split(form).join(redactedMarker) : result),
      value
    );

  const deep = <T>(value: T): T => {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map((item) => deep(item)) as T;
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deep(item)])) as T;
    }
    return value;
  };

  return { text, deep };
};
