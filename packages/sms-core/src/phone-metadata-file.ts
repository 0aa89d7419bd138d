import { readFile } from 'node:fs/promises';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import type { MetadataJson } from 'libphonenumber-js/core';

/** The file the connector build writes beside `lib/first-use.js` (scripts/build.mjs). */
export const phoneMetadataFileName = 'phone-metadata.json';

/**
 * `phone-metadata.ts` as connector builds ship it: the metadata is read from `lib/phone-metadata.json`
 * on the first send. A JSON file costs a read and a `JSON.parse`; the same data inside the bundle
 * would also be compiled by V8 (about 1.7 ms for the 157 KB string on this VM, docs/benchmarks.md).
 *
 * @returns the metadata object libphonenumber-js's `core` functions take.
 * @throws ConnectorError (General) when the file is missing or unreadable: an incomplete install. The
 *   message names the file, not its path.
 */
export const readPhoneMetadata = async (): Promise<MetadataJson> => {
  try {
    const text = await readFile(new URL(phoneMetadataFileName, import.meta.url), 'utf8');
    // eslint-disable-next-line no-restricted-syntax -- the file is libphonenumber-js's own metadata, written by the build
    return JSON.parse(text) as MetadataJson;
  } catch {
    throw new ConnectorError(ConnectorErrorCodes.General, {
      errorDescription: `The SMS connector could not read lib/${phoneMetadataFileName} (the phone number plan); reinstall the connector. Nothing was sent.`,
    });
  }
};
