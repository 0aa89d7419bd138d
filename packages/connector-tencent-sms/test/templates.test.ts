import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import type { TencentSmsTemplate } from '../src/config.js';
import { chooseTemplate } from '../src/templates.js';

const templates: TencentSmsTemplate[] = [
  { usageType: 'SignIn', templateCode: { china: '101', overseas: '201' } },
  { usageType: 'SignIn', locale: 'en', templateCode: { china: '102', overseas: '202' } },
  { usageType: 'SignIn', locale: 'zh-TW', templateCode: '103' },
  { usageType: 'Register', templateCode: '104', fixedParams: ['10'] },
  { usageType: 'ForgotPassword', templateCode: '105' },
  { usageType: 'Generic', templateCode: { china: '106', overseas: '206' } },
  { usageType: 'Generic', locale: 'en', templateCode: '107' },
];

const pick = (
  usageType: string,
  locale?: string,
  region: 'mainland' | 'international' = 'mainland'
) => chooseTemplate(templates, { usageType, locale, code: '123456', region });

describe('template lookup: usage type → locale (exact, language, none) → Generic', () => {
  it.each([
    ['SignIn', undefined, 'mainland', '101'],
    ['SignIn', undefined, 'international', '201'],
    ['SignIn', 'en', 'mainland', '102'],
    ['SignIn', 'en-US', 'international', '202'],
    ['SignIn', 'EN_gb', 'mainland', '102'],
    ['SignIn', 'zh-TW', 'international', '103'],
    ['SignIn', 'zh-Hant-TW', 'mainland', '103'],
    ['SignIn', 'fr', 'mainland', '101'],
    ['Register', 'en', 'international', '104'],
    ['MfaVerification', undefined, 'mainland', '106'],
    ['MfaVerification', 'en', 'mainland', '107'],
    ['BindMfa', 'de', 'international', '206'],
  ] as const)('%s, locale %s, %s number → template %s', (usageType, locale, region, templateId) => {
    expect(pick(usageType, locale, region).templateId).toBe(templateId);
  });

  it('TemplateParamSet is [code, ...fixedParams], strings only', () => {
    expect(pick('SignIn').templateParamSet).toEqual(['123456']);
    expect(pick('Register').templateParamSet).toEqual(['123456', '10']);
  });

  it('no template and no Generic → template_not_found', () => {
    try {
      chooseTemplate(templates.slice(0, 5), {
        usageType: TemplateType.BindMfa,
        code: '1',
        region: 'mainland',
      });
      expect.unreachable();
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.TemplateNotFound);
    }
  });
});
