/**
 * What sms-core's phone-plan.ts relies on from libphonenumber-js, checked over the number corpus
 * with the full "max" metadata.
 */
import {
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type MetadataJson,
} from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/metadata.max.json';
import { describe, expect, it } from 'vitest';

import { numberCorpus } from './corpus.js';

const metadata: MetadataJson = fullMetadata;

const parsed = (number: string) => {
  try {
    return parsePhoneNumberWithError(number, metadata);
  } catch {
    return undefined;
  }
};

describe('libphonenumber-js, as readPlan uses it', () => {
  it('gives every number it calls valid a possible length, so readPlan checks the length of refused numbers only', () => {
    const valid = numberCorpus().filter((number) => parsed(number)?.isValid());
    expect(valid.length).toBeGreaterThan(400);
    expect(
      valid.filter((number) => validatePhoneNumberLength(number, metadata) !== undefined)
    ).toEqual([]);
  });
});
