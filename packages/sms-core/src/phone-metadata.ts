import type { MetadataJson } from 'libphonenumber-js/core';
import bundledMetadata from 'libphonenumber-js/metadata.max.json';

/**
 * Libphonenumber-js's "max" metadata: every number type of every country, which is what lets a
 * premium-rate or fixed-line number be told apart from a mobile one ("min" cannot, "mobile" can only
 * say "not a mobile"). docs/benchmarks.md has the measurements behind the choice.
 *
 * The connector build (scripts/build.mjs) inlines the 157 KB JSON file as a string literal rather
 * than as an object literal: a string costs V8 almost nothing to compile at Logto's start-up, and it
 * is parsed here on the first send. Under vitest the import is already an object.
 */
const source: MetadataJson | string = bundledMetadata;
let metadata: MetadataJson | undefined;

export const phoneMetadata = (): MetadataJson => {
  metadata ??=
    typeof source === 'string'
      ? // eslint-disable-next-line no-restricted-syntax -- the text is libphonenumber-js's own metadata JSON, bundled at build time
        (JSON.parse(source) as MetadataJson)
      : source;
  return metadata;
};
