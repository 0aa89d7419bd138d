/**
 * Generators of the config property tests (config-properties.test.ts): JSON-ish values, and valid
 * configs broken by up to three mutations; plus the defects the connectors knowingly leave to
 * Logto's config storage.
 */
import fc from 'fast-check';

import { fieldOf, jsonOf } from '../../support/index.js';

import { baseConfigOf, templateKeys, topLevelKeys } from './config-cases.js';
import { requiredUsageTypes, type Provider } from './env.js';

// ------------------------------------------------------------------ generators

export const jsonLeaf = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    'http://127.0.0.1:4010',
    'https://dysmsapi.aliyuncs.com',
    'https://sms.yunpian.com',
    'https://sms.ap-singapore.tencentcloudapi.com',
    'HMAC-SHA1',
    '1000',
    '99',
    'en',
    'Generic',
    'ap-beijing',
    ['5']
  )
);
export const anyJson = fc.oneof(
  { weight: 3, arbitrary: jsonLeaf },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }) }
);

export type Mutate = (config: Record<string, unknown>) => void;

export const mutation = (provider: Provider): fc.Arbitrary<Mutate> =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...topLevelKeys[provider]), anyJson)
      .map(([key, value]): Mutate => (config) => {
        config[key] = value;
      }),
    fc.constantFrom(...topLevelKeys[provider]).map((key): Mutate => (config) => {
      Reflect.deleteProperty(config, key);
    }),
    fc
      .tuple(fc.nat(10), fc.constantFrom(...templateKeys[provider]), anyJson)
      .map(([index, key, value]): Mutate => (config) => {
        const { templates } = config;
        if (!Array.isArray(templates) || templates.length === 0) {
          return;
        }
        const template: unknown = templates[index % templates.length];
        if (typeof template === 'object' && template !== null) {
          Reflect.set(template, key, value);
        }
      }),
    fc
      .tuple(fc.nat(10), fc.constantFrom(...templateKeys[provider]))
      .map(([index, key]): Mutate => (config) => {
        const { templates } = config;
        if (!Array.isArray(templates) || templates.length === 0) {
          return;
        }
        const template: unknown = templates[index % templates.length];
        if (typeof template === 'object' && template !== null) {
          Reflect.deleteProperty(template, key);
        }
      }),
    fc.nat(10).map((index): Mutate => (config) => {
      if (Array.isArray(config.templates) && config.templates.length > 0) {
        config.templates.splice(index % config.templates.length, 1);
      }
    }),
    fc
      .tuple(
        fc.constantFrom(...requiredUsageTypes, 'MfaVerification', 'Nope'),
        anyJson,
        fc.option(anyJson)
      )
      .map(([usageType, body, locale]): Mutate => (config) => {
        if (!Array.isArray(config.templates)) {
          return;
        }
        const field = provider === 'yunpian' ? 'content' : 'templateCode';
        config.templates.push({ usageType, [field]: body, ...(locale === null ? {} : { locale }) });
      })
  );

export const mutatedConfig = (provider: Provider) =>
  fc
    .tuple(
      fc.constantFrom(undefined, 'http://127.0.0.1:4010', 'http://localhost:4010'),
      fc.array(mutation(provider), { minLength: 1, maxLength: 3 })
    )
    .map(([endpoint, mutations]): unknown => {
      const config = baseConfigOf[provider](endpoint);
      for (const mutate of mutations) {
        mutate(config);
      }
      return config;
    });

export const configArbitrary = (provider: Provider) =>
  fc.oneof(
    { weight: 6, arbitrary: mutatedConfig(provider) },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) }
  );

/** A string anywhere in the value that holds an unpaired surrogate (no UTF-8 encoding exists). */
export const hasLoneSurrogate = (value: unknown): boolean => {
  if (typeof value === 'string') {
    return /[\uD800-\uDFFF]/u.test(value);
  }
  if (Array.isArray(value)) {
    return value.some((item) => hasLoneSurrogate(item));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(
      ([key, item]) => hasLoneSurrogate(key) || hasLoneSurrogate(item)
    );
  }
  return false;
};

/** Aliyun sends accessKeyId / securityToken in HTTP headers (V3), which only carry Latin-1. */
export const beyondLatin1InHeaderCredential = (provider: Provider, config: unknown): boolean =>
  provider === 'aliyun' &&
  ['accessKeyId', 'securityToken'].some((key) => {
    const value = fieldOf(config, key);
    // A UTF-16 code unit above U+00FF, i.e. outside Latin-1.
    return typeof value === 'string' && /[\u0100-\uFFFF]/.test(value);
  });

export const knownDefect = (provider: Provider, config: unknown) =>
  hasLoneSurrogate(config) || beyondLatin1InHeaderCredential(provider, config);

/** A value as Logto passes it after storing it as JSON (undefined: nothing stored). */
export const asLogtoPassesIt = (value: unknown): unknown => {
  const text = jsonOf(value);
  const stored: unknown = text === undefined ? undefined : JSON.parse(text);
  return stored;
};
