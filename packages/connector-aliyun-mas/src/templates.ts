import { selectTemplate } from '@logto-sms/sms-core';

import type { AliyunMasTemplate } from './config.js';
import { codeVariable, minutesVariable } from './template-variables.js';

export type TemplateChoice = {
  templateCode: string;
  /** JSON for `TemplateParam`: the code, the minutes and the template's fixed values, nothing else. */
  templateParam: string;
};

/**
 * Only Logto's code and configured values reach `TemplateParam`: nothing from the payload besides
 * the code (`uiLocales`, `link` and custom keys stay out), every value a string as Aliyun requires.
 */
export const templateParamFor = (
  template: AliyunMasTemplate,
  code: string,
  codeValidMinutes: number
): string => {
  // A template's fixedParams may replace the minutes, never the code (the config guard refuses it,
  // and the code is written again last in case a caller skipped the guard).
  const params: Record<string, string> = {
    [codeVariable]: code,
    [minutesVariable]: String(codeValidMinutes),
    ...template.fixedParams,
  };
  params[codeVariable] = code;
  return JSON.stringify(params);
};

/** Usage type, then locale (exact, same language, none), then `Generic`. */
export const chooseTemplate = (
  templates: readonly AliyunMasTemplate[],
  request: {
    usageType: string;
    locale?: string | undefined;
    code: string;
    codeValidMinutes: number;
  }
): TemplateChoice => {
  const template = selectTemplate(templates, request.usageType, request.locale);
  return {
    templateCode: template.templateCode,
    templateParam: templateParamFor(template, request.code, request.codeValidMinutes),
  };
};
