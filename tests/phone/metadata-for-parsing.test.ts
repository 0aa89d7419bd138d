/**
 * The number plan's data as connectors ship it (lib/phone-metadata.json, written by the build with
 * scripts/phone-metadata.mjs): libphonenumber-js's "max" metadata less the fields only its formatters
 * read. Vitest runs sms-core against the full metadata, so this file is what shows the shipped data
 * reads every number the same: field by field, and over a corpus of real and near-miss numbers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { MetadataJson } from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/metadata.max.json';
import { beforeAll, describe, expect, it } from 'vitest';

import { readPlan } from '../../packages/sms-core/src/phone-plan.js';
import { describeRegion } from '../../packages/sms-core/src/region-names.js';
import { formattingOnlyPositions, metadataForParsing } from '../../scripts/phone-metadata.mjs';
import { connectorPackages, ensureBuilt, packageDirectory } from '../helpers/build.js';

import { numberCorpus } from './corpus.js';

const full: MetadataJson = fullMetadata;
const pruned = metadataForParsing(full);

type Entry = readonly unknown[];
const entriesOf = (metadata: MetadataJson): Array<[string, Entry]> => {
  const json: { countries: Record<string, Entry>; nonGeographic?: Record<string, Entry> } =
    metadata;
  return [
    ...Object.entries(json.countries),
    ...Object.entries(json.nonGeographic ?? {}).map(([code, entry]): [string, Entry] => [
      `+${code}`,
      entry,
    ]),
  ];
};

describe('metadataForParsing (scripts/phone-metadata.mjs)', () => {
  it('clears only the formatting-only positions of each entry and keeps everything else', () => {
    expect(pruned.version).toBe(full.version);
    expect(pruned.country_calling_codes).toEqual(full.country_calling_codes);
    const prunedEntries = new Map(entriesOf(pruned));
    expect([...prunedEntries.keys()]).toEqual(entriesOf(full).map(([key]) => key));
    let cleared = 0;
    for (const [key, entry] of entriesOf(full)) {
      const after = prunedEntries.get(key)!;
      expect(after.length, key).toBe(entry.length);
      for (const [position, value] of entry.entries()) {
        if (formattingOnlyPositions.includes(position)) {
          expect(after[position], `${key}[${position}]`).toBe(0);
          cleared += value ? 1 : 0;
        } else {
          expect(after[position], `${key}[${position}]`).toEqual(value);
        }
      }
    }
    // Most plans have formats: the pruning must actually remove something.
    expect(cleared).toBeGreaterThan(200);
    expect(JSON.stringify(pruned).length).toBeLessThan(JSON.stringify(full).length * 0.75);
  });

  it('refuses metadata of another layout version instead of guessing positions', () => {
    expect(() => metadataForParsing({ ...full, version: 5 } as unknown as MetadataJson)).toThrow(
      /version 5: .* knows version 4 only/
    );
  });

  it('reads every number of the corpus exactly as the full metadata does', () => {
    const numbers = numberCorpus();
    expect(numbers.length).toBeGreaterThan(2000);
    const differences = numbers.filter(
      (number) =>
        JSON.stringify(readPlan(number, describeRegion, pruned)) !==
        JSON.stringify(readPlan(number, describeRegion, full))
    );
    expect(differences).toEqual([]);
    // The corpus reaches both outcomes, or the comparison would prove little.
    const valid = numbers.filter((number) => readPlan(number, describeRegion, pruned).valid);
    expect(valid.length).toBeGreaterThan(400);
    expect(numbers.length - valid.length).toBeGreaterThan(1000);
  });
});

describe.each(connectorPackages)('%s lib/phone-metadata.json', (name) => {
  beforeAll(async () => {
    await ensureBuilt([name]);
  }, 300_000);

  it('is exactly metadataForParsing of the bundled libphonenumber-js metadata', () => {
    const shipped: unknown = JSON.parse(
      readFileSync(path.join(packageDirectory(name), 'lib', 'phone-metadata.json'), 'utf8')
    );
    expect(shipped).toEqual(pruned);
  });
});
