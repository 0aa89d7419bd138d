/**
 * The parse-and-cache pipeline every connector runs a config through before a send: refuse broken
 * text, validate with the connector's guard, strip received values from the issues, cache the
 * frozen result per distinct config. The field guards themselves are in config.ts.
 */
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { z, ZodError, type ZodIssue, type ZodTypeAny } from 'zod';

import { sameJsonText } from './same-json.js';

/**
 * Zod issues without the values that were received: a secret typed into the wrong field must not be
 * echoed back. Zod quotes the value in both `received` and the default message of enum/literal issues.
 */
const withoutReceivedValues = (issue: ZodIssue): ZodIssue => {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue;
  }
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

const parseUncached = <Guard extends ZodTypeAny>(
  guard: Guard,
  config: unknown
): z.output<Guard> => {
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
    return result.data as z.output<Guard>;
  }
  throw new ConnectorError(
    ConnectorErrorCodes.InvalidConfig,
    new ZodError(result.error.issues.map(withoutReceivedValues))
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
export const parseConfig = <Guard extends ZodTypeAny>(
  guard: Guard,
  config: unknown
): z.output<Guard> => {
  const last = lastUsed.get(guard);
  if (last !== undefined && sameJsonText(config, last.snapshot)) {
    return last.parsed as z.output<Guard>;
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
    entry = {
      snapshot: JSON.parse(key) as unknown,
      parsed: deepFreeze(parseUncached(guard, JSON.parse(key) as unknown)),
    };
    if (cache.size >= maxCachedConfigsPerGuard) {
      // Maps iterate in insertion order: drop the oldest.
      cache.delete(cache.keys().next().value!);
    }
    cache.set(key, entry);
  }
  lastUsed.set(guard, entry);
  return entry.parsed as z.output<Guard>;
};
