// The number plan's data as connector builds ship it (lib/phone-metadata.json): libphonenumber-js's
// "max" metadata less the fields only its formatters read. The connectors parse, validate and type
// numbers (sms-core phone-plan.ts) and never format one, so nothing they do reads these fields; the
// file is a third smaller to read and parse on the first send. tests/phone-metadata.test.ts checks
// both claims: only these fields differ, and every number of its corpus reads the same either way.
//
// Positions in a v4 country entry, from libphonenumber-js's es6/metadata.js (NumberingPlan): 4 the
// formats, 6 the national-prefix formatting rule, 9 "national prefix optional when formatting". The
// other positions (calling code, IDD prefixes, patterns, lengths, national prefix for parsing and its
// transform, leading digits, number types, extension prefix) are what parsing and validation read.
export const formattingOnlyPositions = [4, 6, 9];

const withoutFormatting = (entry) =>
  entry.map((value, position) => (formattingOnlyPositions.includes(position) ? 0 : value));

const mapValues = (record, transform) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, transform(value)]));

/**
 * @param metadata libphonenumber-js's metadata JSON (version 4, as metadata.max.json).
 * @returns the same object shape with the formatting-only positions of every country and
 *   non-geographic entry set to 0 (libphonenumber-js's "absent").
 * @throws Error when the metadata is not version 4: a libphonenumber-js update changed the layout,
 *   and the positions above must be checked again before anything ships.
 */
export const metadataForParsing = (metadata) => {
  if (metadata.version !== 4) {
    throw new Error(
      `libphonenumber-js metadata version ${metadata.version}: scripts/phone-metadata.mjs knows version 4 only`
    );
  }
  return {
    ...metadata,
    countries: mapValues(metadata.countries, withoutFormatting),
    nonGeographic: mapValues(metadata.nonGeographic ?? {}, withoutFormatting),
  };
};
