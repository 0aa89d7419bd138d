/**
 * Removes secrets (AccessKey secret, STS token, apikey) and the verification code from anything
 * that may leave a connector or be printed by the CLI: error data, descriptions, provider
 * messages, CLI output. The one redactor of the project: connectors and the CLI both use it.
 *
 * Providers and proxies echo what they received, encoded the way it travelled, sometimes twice
 * (Aliyun's `SignatureDoesNotMatch` quotes its string-to-sign, which percent-encodes the already
 * percent-encoded query; YunPian's body is a form whose `tpl_value` is itself form-encoded). So
 * each secret is removed in every form the encoders below produce, applied once or twice in any
 * order, with percent-encoding hex in either case.
 */
export type Redactor = {
  text: (value: string) => string;
  /** A copy of a JSON-like value with every string (object keys included) redacted. */
  deep: <T>(value: T) => T;
};

export const redactedMarker = '[redacted]';

// Secrets shorter than this would also match ordinary text (a 3-digit code inside a request id).
const minSecretLength = 4;

/**
 * The encoders whose output can carry a secret. They differ exactly on the characters that made
 * redaction leaky before: `~` (form encoding escapes it), `! ' ( ) *` (encodeURIComponent keeps
 * them, RFC 3986 and form encoding escape them) and space (`+` in forms, `%20` elsewhere).
 */
const encoders: ReadonlyArray<(value: string) => string> = [
  // RFC 3986 unreserved characters only (what Aliyun's POP signing uses).
  (value) =>
    encodeURIComponent(value).replaceAll(
      /[!'()*]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
    ),
  encodeURIComponent,
  // Application/x-www-form-urlencoded (URLSearchParams, got's `form`; YunPian's body).
  (value) => new URLSearchParams([['', value]]).toString().slice(1),
  // Inside a JSON string.
  (value) => JSON.stringify(value).slice(1, -1),
];

// Percent-encoding hex digits are case-insensitive (RFC 3986 §2.1); servers echo either case.
const withLowercaseHex = (encoded: string) =>
  encoded.replaceAll(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

const tryEncode = (encode: (value: string) => string, value: string): string | undefined => {
  try {
    return encode(value);
  } catch {
    // A lone surrogate cannot be percent-encoded, so it cannot travel percent-encoded either.
    return undefined;
  }
};

/** Every encoder applied to every value, each result in both hex cases. */
const encodeAll = (values: readonly string[]): string[] =>
  values
    .flatMap((value) => encoders.map((encode) => tryEncode(encode, value)))
    .filter((form): form is string => form !== undefined)
    .flatMap((form) => [form, withLowercaseHex(form)]);

/** The secret as is, and as every encoder (one or two, in any order, either hex case) turns it into. */
const formsOf = (secret: string): string[] => {
  const bases = [...new Set([secret, secret.trim()])];
  const once = [...new Set(encodeAll(bases))];
  return [...bases, ...once, ...encodeAll(once)];
};

/** Cheap to create: the forms of each secret are only worked out when something is redacted. */
export const createRedactor = (secrets: ReadonlyArray<string | undefined>): Redactor => {
  let forms: string[] | undefined;
  const formsToRemove = () => {
    forms ??= [
      ...new Set(
        secrets
          .filter(
            (secret): secret is string =>
              typeof secret === 'string' && secret.trim().length >= minSecretLength
          )
          .flatMap((secret) => formsOf(secret))
      ),
    ]
      // Longest first, so a secret that contains another one is removed whole.
      .sort((left, right) => right.length - left.length);
    return forms;
  };

  const text = (value: string): string =>
    formsToRemove().reduce(
      (result, form) => (result.includes(form) ? result.split(form).join(redactedMarker) : result),
      value
    );

  const redactAll = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return text(value);
    }
    if (Array.isArray(value)) {
      return value.map((item) => redactAll(item));
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [text(key), redactAll(item)])
      );
    }
    return value;
  };

  // Strings stay strings, arrays arrays and objects objects (their own enumerable members, with
  // secrets in keys and values replaced): callers keep reading the value as what they passed in.
  // eslint-disable-next-line no-restricted-syntax -- see above: the redacted copy has the input's shape
  const deep = <T>(value: T): T => redactAll(value) as T;

  return { text, deep };
};
