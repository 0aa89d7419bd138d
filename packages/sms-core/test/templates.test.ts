import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { preferredLocale } from '../src/locale.js';
import { selectTemplate } from '../src/templates.js';

const templates = [
  { usageType: 'SignIn', id: 'sign-in' },
  { usageType: 'SignIn', locale: 'en', id: 'sign-in-en' },
  { usageType: 'SignIn', locale: 'zh-TW', id: 'sign-in-zh-tw' },
  { usageType: 'Register', locale: 'en-US', id: 'register-en-us' },
  { usageType: 'Generic', id: 'generic' },
  { usageType: 'Generic', locale: 'zh-CN', id: 'generic-zh-cn' },
];

describe('selectTemplate with the deprecated Test name', () => {
  const legacy = [
    { usageType: 'SignIn', id: 'sign-in' },
    { usageType: 'Test', id: 'test' },
  ];

  it('uses a Test template as the Generic one, for Generic, Test and unlisted usage types', () => {
    expect(selectTemplate(legacy, 'Generic').id).toBe('test');
    expect(selectTemplate(legacy, 'Test').id).toBe('test');
    expect(selectTemplate(legacy, 'ForgotPassword').id).toBe('test');
    expect(selectTemplate(legacy, 'SignIn').id).toBe('sign-in');
  });

  it('sends a Test request with the Generic template', () => {
    expect(selectTemplate([{ usageType: 'Generic', id: 'generic' }], 'Test').id).toBe('generic');
  });
});

describe('selectTemplate', () => {
  it.each([
    ['SignIn', undefined, 'sign-in'],
    ['SignIn', 'en', 'sign-in-en'],
    ['SignIn', 'EN', 'sign-in-en'],
    ['SignIn', 'en-GB', 'sign-in-en'], // Same language
    ['SignIn', 'zh_TW', 'sign-in-zh-tw'], // Separator-insensitive exact match
    ['SignIn', 'zh-CN', 'sign-in-zh-tw'], // Same language beats the locale-less template
    ['SignIn', 'fr', 'sign-in'], // No French: the template without a locale
    ['Register', 'en-US', 'register-en-us'],
    ['Register', 'en', 'register-en-us'],
    ['Register', 'zh-CN', 'generic-zh-cn'], // Register has nothing for zh: Generic's steps
    ['Register', 'fr', 'generic'],
    ['ForgotPassword', 'zh-CN', 'generic-zh-cn'],
    ['ForgotPassword', undefined, 'generic'],
    ['MfaVerification', 'de', 'generic'],
    ['Test', undefined, 'generic'], // Deprecated type still works
    ['NotAType', undefined, 'generic'],
  ])('%s in %s → %s', (usageType, locale, expected) => {
    expect(selectTemplate(templates, usageType, locale).id).toBe(expected);
  });

  it('prefers a template in another language over failing', () => {
    const onlyLocalized = [
      { usageType: 'SignIn', locale: 'en', id: 'a' },
      { usageType: 'Generic', locale: 'en', id: 'b' },
    ];
    expect(selectTemplate(onlyLocalized, 'SignIn', 'ja').id).toBe('a');
    expect(selectTemplate(onlyLocalized, 'Register', 'ja').id).toBe('b');
  });

  it('raises TemplateNotFound when neither the type nor Generic exists', () => {
    try {
      selectTemplate([{ usageType: 'SignIn' }], 'Register');
      expect.unreachable();
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.TemplateNotFound);
    }
  });
});

describe('preferredLocale', () => {
  it('uses locale, then the first ui_locales tag, ignoring junk', () => {
    expect(preferredLocale({ locale: 'zh-CN', uiLocales: 'en fr' })).toBe('zh-CN');
    expect(preferredLocale({ uiLocales: 'fr-CA en' })).toBe('fr-CA');
    expect(preferredLocale({ locale: 42, uiLocales: 'de' })).toBe('de');
    expect(preferredLocale({ locale: '<script>' })).toBeUndefined();
    expect(preferredLocale({})).toBeUndefined();
  });
});

describe('selectTemplate on a frozen (parsed) template list', () => {
  const cases: Array<[string, string | undefined]> = [
    ['SignIn', 'en-GB'],
    ['SignIn', 'zh_tw'],
    ['SignIn', undefined],
    ['Register', 'fr'],
    ['MfaVerification', 'zh-CN'],
    ['Generic', undefined],
  ];

  it('chooses what the same list unfrozen chooses, on first use and from memory', () => {
    const frozen = Object.freeze(templates.map((template) => Object.freeze({ ...template })));
    for (let round = 0; round < 2; round++) {
      for (const [usageType, locale] of cases) {
        expect(selectTemplate(frozen, usageType, locale).id).toBe(
          selectTemplate(templates, usageType, locale).id
        );
      }
    }
  });

  it('still throws TemplateNotFound every time, and a mutable list is never answered from memory', () => {
    const frozen = Object.freeze([Object.freeze({ usageType: 'SignIn', id: 'x' })]);
    expect(() => selectTemplate(frozen, 'Register')).toThrowError(ConnectorError);
    expect(() => selectTemplate(frozen, 'Register')).toThrowError(ConnectorError);
    const mutable = [{ usageType: 'Generic', id: 'first' }];
    expect(selectTemplate(mutable, 'SignIn').id).toBe('first');
    mutable[0] = { usageType: 'Generic', id: 'second' };
    expect(selectTemplate(mutable, 'SignIn').id).toBe('second');
  });
});
