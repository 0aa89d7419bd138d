/** Case- and separator-insensitive form of a language tag: `zh_CN` and `zh-cn` are the same. */
export const normalizeLocale = (tag: string): string =>
  tag.trim().replaceAll('_', '-').toLowerCase();

/** The primary language subtag: `zh` for `zh-Hant-TW`. */
export const languageOf = (tag: string): string => normalizeLocale(tag).split('-')[0] ?? '';

/**
 * The locale a message should be written in: Logto's resolved `locale`, else the first tag of the
 * raw `ui_locales` request parameter. Anything that is not a plausible tag is ignored, never an error.
 */
export const preferredLocale = (payload: {
  locale?: unknown;
  uiLocales?: unknown;
}): string | undefined => {
  const candidates = [
    payload.locale,
    typeof payload.uiLocales === 'string' ? payload.uiLocales.trim().split(/\s+/)[0] : undefined,
  ];
  return candidates.find(
    (candidate): candidate is string =>
      typeof candidate === 'string' && languageTagPattern.test(candidate)
  );
};

export const languageTagPattern = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;
