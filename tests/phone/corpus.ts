/**
 * Numbers to compare number-plan readings over: libphonenumber-js's example mobile number of every
 * country, numbers one edit away from each (another leading digit reaches other ranges and types,
 * a digit less or more other lengths, a 0 after the country code a trunk prefix), and one number
 * of each non-geographic plan.
 */
import examples from 'libphonenumber-js/examples.mobile.json';
import fullMetadata from 'libphonenumber-js/metadata.max.json';

export const numberCorpus = (): string[] => {
  const callingCodes = new Map(
    Object.entries(fullMetadata.countries).map(([country, entry]) => [country, String(entry[0])])
  );
  const numbers = new Set<string>([
    // Non-geographic plans have no examples in the file.
    '+80012345678',
    '+80812345678',
    '+870773111632',
    '+8818012345',
    '+882345012345',
    '+88310012345',
    '+88812345678901',
    '+979123456789',
  ]);
  for (const [country, national] of Object.entries(examples)) {
    const code = callingCodes.get(country);
    if (code === undefined) {
      continue;
    }
    numbers.add(`+${code}${national}`);
    numbers.add(`+${code}${national.slice(0, -1)}`);
    numbers.add(`+${code}${national}7`);
    numbers.add(`+${code}0${national}`);
    for (const digit of '1235689') {
      numbers.add(`+${code}${digit}${national.slice(1)}`);
    }
  }
  return [...numbers];
};
