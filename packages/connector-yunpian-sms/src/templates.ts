import { selectTemplate, type PhoneRoute } from '@logto-sms/sms-core';

import type { YunpianTemplate } from './config.js';
import { renderText } from './text.js';

/**
 * The SMS text for a send: the template for the usage type and locale (Generic as fallback, same
 * rules as every logto-sms connector), its domestic or international text, with the code put in.
 *
 * @throws ConnectorError(TemplateNotFound) when neither the usage type nor Generic has a template.
 */
export const composeText = (
  templates: readonly YunpianTemplate[],
  { usageType, locale, code, region }: { usageType: string; locale?: string; code: string; region: PhoneRoute['region'] }
): string => {
  const { content } = selectTemplate(templates, usageType, locale);
  const text = typeof content === 'string' ? content : region === 'mainland' ? content.china : content.overseas;
  return renderText(text, code);
};
