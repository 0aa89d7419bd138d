let names: Intl.DisplayNames | undefined;

/**
 * "China (CN)", "Hong Kong SAR China (HK)": English name and ISO 3166-1 alpha-2 code, for error
 * messages. Node's ICU supplies the names; the code alone is the fallback. Built on first use: only
 * refused numbers need it.
 */
export const describeRegion = (country: string): string => {
  let name: string | undefined;
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    name = names.of(country);
  } catch {
    // Not a well-formed region code: the code alone says enough.
  }
  return name && name !== country ? `${name} (${country})` : country;
};
