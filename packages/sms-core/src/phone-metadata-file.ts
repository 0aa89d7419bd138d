import { readFile } from 'node:fs/promises';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import type { MetadataJson } from 'libphonenumber-js/core';

import { isJsonObject } from './json-values.js';

/** The file the connector build writes beside `lib/first-use.js` (scripts/build.mjs). */
export const phoneMetadataFileName = 'phone-metadata.json';

/**
 * The shape libphonenumber-js needs, checked once: a damaged file that is still JSON (`{}`, a list
 * cut short) would otherwise make libphonenumber-js refuse every number, and each refusal would read
 * as the person's mistake. The plan has about 245 countries and regions; fewer than 200 means the
 * file lost entries.
 */
const looksLikeMetadata = (value: unknown): value is MetadataJson =>
  isJsonObject(value) &&
  value.version === 4 &&
  isJsonObject(value.country_calling_codes) &&
  Array.isArray(value.country_calling_codes['86']) &&
  isJsonObject(value.countries) &&
  Array.isArray(value.countries.CN) &&
  Object.keys(value.countries).length > 200;

const unreadable = () =>
  new ConnectorError(ConnectorErrorCodes.General, {
    errorDescription: `The SMS connector could not read lib/${phoneMetadataFileName} (its phone number plan; the file is missing or damaged): reinstall the connector.`,
  });

/**
 * `phone-metadata.ts` as connector builds ship it: the metadata is read from `lib/phone-metadata.json`
 * on the first send. A JSON file costs a read and a `JSON.parse`; the same data inside the bundle
 * would also be compiled by V8 (about 1.7 ms for the 157 KB string on this VM, docs/benchmarks.md).
 *
 * @returns the metadata object libphonenumber-js's `core` functions take.
 * @throws ConnectorError (General) when the file is missing, unreadable, not JSON or not
 *   libphonenumber-js metadata: an incomplete or damaged install. The message names the file, not
 *   its path. Nothing is kept from a failed read, so a restored file is read on the next send.
 */
export const readPhoneMetadata = async (): Promise<MetadataJson> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(new URL(phoneMetadataFileName, import.meta.url), 'utf8'));
  } catch {
    throw unreadable();
  }
  if (!looksLikeMetadata(parsed)) {
    throw unreadable();
  }
  return parsed;
};
