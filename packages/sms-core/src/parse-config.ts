/**
 * The parse-and-cache pipeline every connector runs a config through before a send: refuse broken
 * text, validate with the connector's guard, strip received values from the issues, cache the
 * frozen result per distinct config. The field guards themselves are in config.ts.
 */
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { z, ZodError, type ZodIssue, type ZodType, type ZodTypeAny, type ZodTypeDef } from 'zod';

import { sameJsonText } from './same-json.js';

/**
 * Zod issues without the values that were received: a secret typed into the wrong field must not be
 * echoed back. Zod quotes the value in both `received` and the default message of enum/literal issues.
 */
const withoutReceivedValues = (issue: ZodIssue): ZodIssue => {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue;
  }
  const rest: ZodIssue = { ...issue };
  // The key goes, not just its value: the issue must read as if nothing had been received.
  Reflect.deleteProperty(rest, 'received');
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return { ...rest, message: `Use one of: ${issue.options.map(String).join(', ')}.` };
  }
  if (issue.code === z.ZodIssueCode.invalid_literal) {
    return { ...rest, message: `Use ${JSON.stringify(issue.expected)}.` };
  }
  return rest;
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
  if (typeof value === 'string') {
    return value.isWellFormed() ? [] : [path];
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) {
    return [];
  }
  seen.add(value);
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? [...value.entries()]
    : Object.entries(value);
  return entries.flatMap(([key, item]) => malformedTextPaths(item, [...path, key], seen));
};

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) {
      deepFreeze(item);
    }
    Object.freeze(value);
  }
  return value;
};

/** A guard that accepts any input and gives an `Output`: every config guard, whatever it reads. */
type ConfigGuard<Output> = ZodType<Output, ZodTypeDef, unknown>;

const parseUncached = <Output>(guard: ConfigGuard<Output>, config: unknown): Output => {
  const malformed = malformedTextPaths(config);
  if (malformed.length > 0) {
    const issues = malformed.map((path) => ({
      code: z.ZodIssueCode.custom,
      path,
      message:
        'This text contains a broken character (an unpaired surrogate); type or paste it again.',
    }));
    throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, new ZodError(issues));
  }
  const result = guard.safeParse(config);
  if (result.success) {
    return result.data;
  }
  throw new ConnectorError(
    ConnectorErrorCodes.InvalidConfig,
    new ZodError(result.error.issues.map((issue) => withoutReceivedValues(issue)))
  );
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
 * Parses a connector config with its `guard`: the config Logto saved, or the Console's unsaved form.
 *
 * Logto stores configs as JSON, so the config is read as its JSON text: that text is the cache key,
 * and on a miss the guard parses exactly that text's value, so a cached result can never belong to a
 * different config. Results are frozen because concurrent sends share them; at most 32 distinct
 * configs are kept per guard (oldest dropped first).
 *
 * @returns the guard's output, deep-frozen.
 * @throws ConnectorError(InvalidConfig) whose `data` is a ZodError — the shape connector-kit's
 * `validateConfig` produces, which the Logto Console renders issue by issue. Its issues carry the
 * path of each bad field and never the value received (a secret typed into the wrong field stays
 * out of errors); text with an unpaired surrogate is refused the same way, before the guard runs.
 */
export const parseConfig = <Output>(guard: ConfigGuard<Output>, config: unknown): Output => {
  const last = lastUsed.get(guard);
  if (last !== undefined && sameJsonText(config, last.snapshot)) {
    // eslint-disable-next-line no-restricted-syntax -- entries of `guard` hold its own output; the cache is keyed by guard
    return last.parsed as Output;
  }

  let key: string | undefined;
  try {
    key = JSON.stringify(config);
  } catch {
    // Not JSON at all (a cycle, a BigInt): nothing Logto could have stored; let the guard say why.
  }
  if (key === undefined) {
    return parseUncached(guard, config);
  }

  const cache = parsedConfigs.get(guard) ?? new Map<string, CachedConfig>();
  parsedConfigs.set(guard, cache);
  let entry = cache.get(key);
  if (entry === undefined) {
    // The snapshot is a copy of its own: nothing the guard returns can share (and freeze) it.
    const snapshot: unknown = JSON.parse(key);
    const copy: unknown = JSON.parse(key);
    entry = { snapshot, parsed: deepFreeze(parseUncached(guard, copy)) };
    // Maps iterate in insertion order: drop the oldest.
    const [oldest] = cache.keys();
    if (cache.size >= maxCachedConfigsPerGuard && oldest !== undefined) {
      cache.delete(oldest);
    }
    cache.set(key, entry);
  }
  lastUsed.set(guard, entry);
  // eslint-disable-next-line no-restricted-syntax -- entries of `guard` hold its own output; the cache is keyed by guard
  return entry.parsed as Output;
};
