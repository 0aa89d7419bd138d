import { TemplateType } from '@logto/connector-kit';

import { templateNotFound } from './errors.js';
import { languageOf, normalizeLocale } from './locale.js';
import { canonicalUsageType } from './usage-types.js';

export type LocalizedTemplate = { usageType: string; locale?: string | undefined };

const pickByLocale = <T extends LocalizedTemplate>(
  candidates: readonly T[],
  locale?: string
): T | undefined => {
  if (locale) {
    const wanted = normalizeLocale(locale);
    const exact = candidates.find(
      ({ locale: own }) => own !== undefined && normalizeLocale(own) === wanted
    );
    if (exact) {
      return exact;
    }
    const language = languageOf(locale);
    const sameLanguage = candidates.find(
      ({ locale: own }) => own !== undefined && languageOf(own) === language
    );
    if (sameLanguage) {
      return sameLanguage;
    }
  }
  return candidates.find(({ locale: own }) => own === undefined);
};

// A bundle-safe memo: a connector's config guard (lib/index.js) and its send (lib/first-use.js) may
// each get a copy, which only caches on its own.
const remembered = new WeakMap<readonly LocalizedTemplate[], Map<string, LocalizedTemplate>>();
const maxChoicesPerList = 64;

const selectUncached = <T extends LocalizedTemplate>(
  templates: readonly T[],
  usageType: string,
  locale?: string
): T => {
  const wanted = canonicalUsageType(usageType);
  const usageTypes = wanted === TemplateType.Generic ? [wanted] : [wanted, TemplateType.Generic];
  // A `Test` template is the `Generic` one under its deprecated name, and a `Test` send is a `Generic` send.
  const byUsage = usageTypes.map((type) =>
    templates.filter((template) => canonicalUsageType(template.usageType) === type)
  );

  for (const candidates of byUsage) {
    const picked = pickByLocale(candidates, locale);
    if (picked) {
      return picked;
    }
  }

  const anyLocale = byUsage.find((candidates) => candidates.length > 0)?.[0];
  if (anyLocale) {
    return anyLocale;
  }

  throw templateNotFound(usageType);
};

/**
 * The template for a send: the usage type's template in the wanted locale (exact tag, then same
 * language, then the one without a locale), then the same steps for `Generic`. If both usage types
 * only have templates for other locales, a code in another language beats no code at all, so the
 * first template of the usage type (then of `Generic`) is used. `Test` is read as `Generic` throughout.
 *
 * @throws ConnectorError(TemplateNotFound) when neither the usage type nor Generic has a template.
 */
export const selectTemplate = <T extends LocalizedTemplate>(
  templates: readonly T[],
  usageType: string,
  locale?: string
): T => {
  // A parsed config is deep-frozen (parseConfig) and shared by every send with it: its choices are remembered. A
  // mutable list is chosen from afresh each time, so a changed list can never get a stale answer.
  if (!Object.isFrozen(templates)) {
    return selectUncached(templates, usageType, locale);
  }
  let choices = remembered.get(templates);
  if (!choices) {
    choices = new Map();
    remembered.set(templates, choices);
  }
  const key = locale === undefined ? usageType : `${usageType}\u0000${locale}`;
  const known = choices.get(key);
  if (known) {
    // eslint-disable-next-line no-restricted-syntax -- the choices remembered for a list are elements of that very list
    return known as T;
  }
  const chosen = selectUncached(templates, usageType, locale);
  // Locales come from end users' requests: keep the remembered set small.
  if (choices.size >= maxChoicesPerList) {
    choices.clear();
  }
  choices.set(key, chosen);
  return chosen;
};
