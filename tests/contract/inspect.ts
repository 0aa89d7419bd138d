/** Reading what the contract suite observes: config guard keys, error issue paths, raw requests. */
import { z, type ZodTypeAny } from 'zod';

import { fieldOf, type RecordedRequest } from '../support/index.js';

/** The keys of a `z.object` definition's shape (zod keeps it behind a function), if it is one. */
const objectKeysOf = (definition: unknown): string[] | undefined => {
  const shape = fieldOf(definition, 'shape');
  if (fieldOf(definition, 'typeName') !== 'ZodObject' || typeof shape !== 'function') {
    return undefined;
  }
  const fields: unknown = Reflect.apply(shape, definition, []);
  return typeof fields === 'object' && fields !== null ? Object.keys(fields) : undefined;
};

/**
 * The top-level keys of a config guard: a `z.object`, possibly wrapped in refinements, transforms
 * (`superRefine` on the object is common for checks that involve several keys) or `z.lazy`.
 * Walks zod's definition objects (`schema` of an effect, `innerType` of a wrapper) rather than
 * `instanceof`, so a guard built by another copy of zod is read the same way.
 */
export const configKeysOf = (guard: ZodTypeAny): string[] => {
  let current: unknown = guard;
  for (let depth = 0; current && depth < 10; depth++) {
    const definition = fieldOf(current, '_def');
    const keys = objectKeysOf(definition);
    if (keys) {
      return keys;
    }
    // A lazy schema (sms-core `lazyGuard`) holds a getter that builds the wrapped one.
    const getter: unknown = fieldOf(definition, 'getter');
    current =
      typeof getter === 'function'
        ? Reflect.apply(getter, undefined, [])
        : (fieldOf(definition, 'schema') ?? fieldOf(definition, 'innerType'));
  }
  throw new Error('the configGuard is not a z.object (or a refinement of one)');
};

const issuesGuard = z.object({
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])).default([]) })),
});

/** Every issue path of an invalid_config error's ZodError data, joined with dots. */
export const issuePaths = (data: unknown): string[] => {
  const parsed = issuesGuard.safeParse(data);
  return parsed.success ? parsed.data.issues.map(({ path }) => path.join('.')) : [];
};

// Set by the HTTP client or the connection, not by the connector's request content.
const transportHeaders = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'accept-encoding',
]);

const bodyFields = (body: string, contentType: string): Array<[string, string]> => {
  if (body === '') {
    return [];
  }
  if (contentType.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object') {
        return Object.entries(parsed).map(([name, value]) => [
          `body.${name}`,
          JSON.stringify(value),
        ]);
      }
    } catch {
      // Not JSON after all: compared as one text below.
    }
  }
  if (contentType.includes('x-www-form-urlencoded')) {
    return [...new URLSearchParams(body)].map(([name, value]) => [`body.${name}`, value]);
  }
  return [['body', body]];
};

/**
 * A request as named fields (`path`, `query.<name>`, `header.<name>`, `body.<name>` or `body`),
 * values decoded, so two requests can be compared field by field.
 */
export const requestFields = (request: RecordedRequest): Map<string, string> => {
  const url = new URL(request.url, 'http://127.0.0.1');
  const fields = new Map<string, string>([
    ['method', request.method],
    ['path', url.pathname],
  ]);
  for (const [name, value] of url.searchParams) {
    fields.set(`query.${name}`, value);
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (!transportHeaders.has(name) && value !== undefined) {
      fields.set(`header.${name}`, String(value));
    }
  }
  const contentType = String(request.headers['content-type'] ?? '');
  for (const [name, value] of bodyFields(request.body, contentType)) {
    fields.set(name, value);
  }
  return fields;
};

/** Everything a request carried, raw and decoded, as one text to search. */
export const requestText = (request: RecordedRequest): string =>
  [
    request.url,
    JSON.stringify(request.headers),
    request.body,
    ...requestFields(request).values(),
  ].join('\n');

/** Names of the fields whose values are not the same in all of `samples` (or missing in some). */
export const volatileFields = (samples: ReadonlyArray<Map<string, string>>): Set<string> => {
  const names = new Set(samples.flatMap((sample) => [...sample.keys()]));
  return new Set(
    [...names].filter((name) => new Set(samples.map((sample) => sample.get(name))).size > 1)
  );
};
