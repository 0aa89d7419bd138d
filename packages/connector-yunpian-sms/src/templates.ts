import { selectTemplate } from '@logto-sms/sms-core';

import type { YunpianTemplate } from './config.js';
import { renderText } from './text.js';

/**
 * The SMS text for a send: the template for the usage type and locale (Generic as fallback, same
 * rules as every logto-sms connector) with the code put in.
 *
 * @throws ConnectorError(TemplateNotFound) when neither the usage type nor Generic has a template.
 */
export const composeText = (
  templates: readonly YunpianTemplate[],
  { usageType, locale, code }: { usageType: string; locale?: string; code: string }
): string => renderText(selectTemplate(templates, usageType, locale).content, code);
