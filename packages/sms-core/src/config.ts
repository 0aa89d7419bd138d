import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { z, ZodError, type ZodIssue, type ZodTypeAny } from 'zod';

import { languageTagPattern, normalizeLocale } from './locale.js';
import { sameJsonText } from './same-json.js';

/** The Console saves a cleared Text or Number field as "" (or null): that means "use the default". */
export const blankAsMissing = (value: unknown): unknown =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/** Logto refuses to save a connector whose templates lack one of these. */
export const requiredUsageTypes: readonly string[] = [
  TemplateType.Register,
  TemplateType.SignIn,
  TemplateType.ForgotPassword,
  TemplateType.Generic,
];

// `Test` is deprecated in connector-kit but older Logto versions still send it.
const knownUsageTypes: readonly string[] = [...Object.values(TemplateType), 'Test'];

// The message does not quote the value: whatever was typed in the wrong field stays out of errors.
export const usageTypeGuard = z
  .string()
  .refine((value) => knownUsageTypes.includes(value), `Unknown usageType. Use one of: ${knownUsageTypes.join(', ')}.`);

export const localeGuard = z
  .string()
  .regex(languageTagPattern, 'Use a language tag such as "en", "zh-CN" or "zh-Hant-TW".');

/** A template's optional `locale`; left empty it means "no particular language". */
export const optionalLocaleGuard = z.preprocess(blankAsMissing, localeGuard.optional());

// The Json form field may hand over the text the person typed rather than the parsed value.
const jsonTextAsValue = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

type TemplateKey = { usageType: string; locale?: string };

const checkTemplateCoverage = (templates: readonly TemplateKey[], context: z.RefinementCtx) => {
  const present = new Set(templates.map(({ usageType }) => usageType));
  const missing = requiredUsageTypes.filter((type) => !present.has(type));
  if (missing.length > 0) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: `Add a template for every required usage type; missing: ${missing.join(', ')}.`,
    });
  }

  const seen = new Map<string, number>();
  for (const [index, { usageType, locale }] of templates.entries()) {
    const key = `${usageType}|${locale === undefined ? '' : normalizeLocale(locale)}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      continue;
    }
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: [index],
      message: `Templates ${first} and ${index} both cover usageType "${usageType}"${
        locale === undefined ? ' without a locale' : ` with locale "${locale}"`
      }; keep one.`,
    });
  }
};

/**
 * A `templates` array: the required usage types must be present (the message names the missing
 * ones) and no usage type may have two templates for the same locale, since only one could be used.
 */
export const templateListGuard = <Item extends ZodTypeAny>(item: Item) =>
  z.preprocess(
    jsonTextAsValue,
    z.array(item).superRefine((templates, context) => {
      checkTemplateCoverage(templates as TemplateKey[], context);
    })
  );

export const strictPhoneRegionNumberCheckGuard = z.preprocess(blankAsMissing, z.boolean().default(true));

export const timeoutGuard = z.preprocess(
  (value) => {
    const present = blankAsMissing(value);
    // A Number form field may arrive as its text.
    return typeof present === 'string' && /^\d+$/.test(present.trim()) ? Number(present) : present;
  },
  z
    .number({ invalid_type_error: 'timeout is a number of milliseconds, e.g. 10000.' })
    .int('timeout is a whole number of milliseconds.')
    .min(100, 'timeout must be at least 100 ms.')
    .max(60_000, 'timeout must be at most 60000 ms (one minute).')
    .default(10_000)
);

const loopbackHosts = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopbackHost = (hostname: string): boolean => loopbackHosts.test(hostname);

export type EndpointRule = {
  defaultUrl: string;
  /** Provider hosts accepted over HTTPS; loopback hosts are always accepted (local emulator). */
  isProviderHost: (hostname: string) => boolean;
  /** Shown when a host is refused, e.g. "an Aliyun SMS endpoint such as …". */
  expected: string;
};

/**
 * The provider base URL, normalised to its origin. A secret-bearing request must only ever go to
 * the provider or to a local emulator, so other hosts and plain HTTP off-machine are refused.
 */
export const endpointGuard = ({ defaultUrl, isProviderHost, expected }: EndpointRule) =>
  z.preprocess(
    blankAsMissing,
    z
      .string()
      .trim()
      .default(defaultUrl)
      .transform((value, context) => {
        const fail = (message: string) => {
          context.addIssue({ code: z.ZodIssueCode.custom, message });
          return z.NEVER;
        };
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          return fail(`endpoint must be a URL, e.g. ${defaultUrl}.`);
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
          return fail('endpoint must start with https://.');
        }
        if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
          return fail(`endpoint is a bare origin without path, query or credentials, e.g. ${defaultUrl}.`);
        }
        const loopback = isLoopbackHost(url.hostname);
        if (url.protocol === 'http:' && !loopback) {
          return fail('endpoint must use https://; http:// is only allowed for a local emulator on 127.0.0.1 or localhost.');
        }
        if (!loopback && !isProviderHost(url.hostname.toLowerCase())) {
          return fail(`endpoint host "${url.hostname}" is not ${expected}.`);
        }
        return url.origin;
      })
  );

/**
 * Zod issues without the values that were received: a secret typed into the wrong field must not be
 * echoed back. Zod quotes the value in both `received` and the default message of enum/literal issues.
 */
const withoutReceivedValues = (issue: ZodIssue): ZodIssue => {
  if (issue.code === z.ZodIssueCode.invalid_type) return issue;
  const { received: _received, ...rest } = issue as ZodIssue & { received?: unknown };
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return { ...rest, message: `Use one of: ${issue.options.map(String).join(', ')}.` } as ZodIssue;
  }
  if (issue.code === z.ZodIssueCode.invalid_literal) {
    return { ...rest, message: `Use ${JSON.stringify(issue.expected)}.` } as ZodIssue;
  }
  return rest as ZodIssue;
};

/**
 * Paths of strings that are not well-formed UTF-16 (a lone surrogate, typically from a bad paste).
 * Such text cannot be UTF-8 encoded for a signature or a form body, so it is refused up front
 * rather than failing mid-send.
 */
const malformedTextPaths = (
  value: unknown,
  path: Array<string | number> = [],
  seen = new WeakSet<object>()
): Array<Array<string | number>> => {
  if (typeof value === 'string') return value.isWellFormed() ? [] : [path];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
  return entries.flatMap(([key, item]) => malformedTextPaths(item, [...path, key], seen));
};

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
};

const parseUncached = <Guard extends ZodTypeAny>(guard: Guard, config: unknown): z.output<Guard> => {
  const malformed = malformedTextPaths(config);
  if (malformed.length > 0) {
    const issues = malformed.map((path) => ({
      code: z.ZodIssueCode.custom,
      path,
      message: 'This text contains a broken character (an unpaired surrogate); type or paste it again.',
    }));
    throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, new ZodError(issues));
  }
  const result = guard.safeParse(config);
  if (result.success) return result.data as z.output<Guard>;
  throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, new ZodError(result.error.issues.map(withoutReceivedValues)));
};

// Validating a config with nine templates costs zod 0.1–0.2 ms, more than the rest of a send, and
// Logto hands over the same config on every sign-in. A handful of distinct configs are in use at once.
type CachedConfig = { snapshot: unknown; parsed: unknown };
const parsedConfigs = new WeakMap<ZodTypeAny, Map<string, CachedConfig>>();
const maxCachedConfigsPerGuard = 32;
// Even finding the cache entry cost a send 4–5 µs (stringifying the config for the key): the config
// last used with a guard is first compared member by member with the JSON value it was cached as.
const lastUsed = new WeakMap<ZodTypeAny, CachedConfig>();

/**
 * Parses a connector config. On failure throws `ConnectorError(InvalidConfig, ZodError)` — the shape
 * connector-kit's `validateConfig` produces, which the Logto Console renders issue by issue.
 *
 * Logto stores configs as JSON, so the config is read as its JSON text: that text is the cache key,
 * and on a miss the guard parses exactly that text's value, so a cached result can never belong to a
 * different config. Results are frozen because concurrent sends share them.
 */
export const parseConfig = <Guard extends ZodTypeAny>(guard: Guard, config: unknown): z.output<Guard> => {
  const last = lastUsed.get(guard);
  if (last !== undefined && sameJsonText(config, last.snapshot)) return last.parsed as z.output<Guard>;

  let key: string | undefined;
  try {
    key = JSON.stringify(config);
  } catch {
    // Not JSON at all (a cycle, a BigInt): nothing Logto could have stored; let the guard say why.
  }
  if (key === undefined) return parseUncached(guard, config);

  const cache = parsedConfigs.get(guard) ?? new Map<string, CachedConfig>();
  parsedConfigs.set(guard, cache);
  let entry = cache.get(key);
  if (entry === undefined) {
    // The snapshot is a copy of its own: nothing the guard returns can share (and freeze) it.
    entry = { snapshot: JSON.parse(key) as unknown, parsed: deepFreeze(parseUncached(guard, JSON.parse(key) as unknown)) };
    if (cache.size >= maxCachedConfigsPerGuard) {
      // Maps iterate in insertion order: drop the oldest.
      cache.delete(cache.keys().next().value as string);
    }
    cache.set(key, entry);
  }
  lastUsed.set(guard, entry);
  return entry.parsed as z.output<Guard>;
};
