import type { MetadataJson } from 'libphonenumber-js/core';
import bundledMetadata from 'libphonenumber-js/metadata.max.json';

/**
 * The number plan's data: libphonenumber-js's "max" metadata, every number type of every country,
 * which is what lets a premium-rate or fixed-line number be told apart from a mobile one ("min"
 * cannot, "mobile" can only say "not a mobile").
 *
 * This module is what vitest and the type checker see. Connector builds (scripts/build.mjs) put
 * `phone-metadata-file.ts` in its place, which reads `lib/phone-metadata.json`: the same data less
 * the formatting rules no connector uses (scripts/phone-metadata.mjs), kept out of the JavaScript so
 * V8 never compiles it (docs/benchmarks.md, "Phone numbers").
 *
 * @returns the metadata object libphonenumber-js's `core` functions take.
 */
export const readPhoneMetadata = async (): Promise<MetadataJson> => bundledMetadata;
