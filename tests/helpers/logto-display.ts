/**
 * What a person sees when a connector throws: Logto's connector error middleware
 * (logto-io/logto `packages/core/src/middleware/koa-connector-error-handler.ts`) turns the
 * ConnectorError code into `errors:connector.<code>`, and only the `General` branch (its default
 * case) passes `data.errorDescription` as the `{{errorDescription}}` interpolation. The phrase text
 * comes from the `@logto/phrases` that ships with @logto/cli, so the test reads Logto's own words.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { fieldOf } from '../support/values.js';

/** The default export of @logto/phrases: language tag → phrase tree. */
const phrasesModule = async (): Promise<unknown> => {
  // @logto/phrases is not ours to depend on: reach it the way @logto/cli does.
  const fromCli = createRequire(createRequire(import.meta.url).resolve('@logto/cli/package.json'));
  const fromSchemas = createRequire(fromCli.resolve('@logto/schemas'));
  const loaded: unknown = await import(pathToFileURL(fromSchemas.resolve('@logto/phrases')).href);
  return fieldOf(loaded, 'default');
};

/** Logto's text for a ConnectorError in `language` ('en', 'zh-CN'): the toast the person reads. */
export const logtoDisplays = async (
  error: { code: string; data: unknown },
  language: string
): Promise<string> => {
  const phrases = await phrasesModule();
  const phrase = fieldOf(
    fieldOf(fieldOf(fieldOf(phrases, language), 'errors'), 'connector'),
    error.code
  );
  if (typeof phrase !== 'string') {
    throw new TypeError(`Logto has no ${language} phrase for connector.${error.code}`);
  }
  const errorDescription = fieldOf(error.data, 'errorDescription');
  const description =
    typeof errorDescription === 'string' ? errorDescription : JSON.stringify(error.data);
  // Only the default (General) branch hands errorDescription to the phrase; the others pass nothing.
  const known = [
    'invalid_metadata',
    'invalid_config_guard',
    'invalid_request_parameters',
    'insufficient_request_parameters',
    'invalid_config',
    'invalid_certificate',
    'invalid_response',
    'social_auth_code_invalid',
    'social_invalid_access_token',
    'social_invalid_id_token',
    'authorization_failed',
    'template_not_found',
    'not_implemented',
    'rate_limit_exceeded',
    'usage_limit_exceeded',
  ];
  return known.includes(error.code)
    ? phrase.replaceAll(/\{\{\s*\w+\s*\}\}/g, '')
    : phrase.replaceAll('{{errorDescription}}', description);
};
