import type { YunpianTemplate } from '../types.js';

export type CompiledTemplate = {
  id: string;
  /** With brackets, e.g. '【Logto测试】'. */
  signature: string;
  international: boolean;
  variables: string[];
  /** Templates with a `#code#` variable are treated as verification templates (anti-bombing rules). */
  verification: boolean;
  pattern: RegExp;
};

const variablePattern = /#([^#\r\n]+?)#/g;
const leadingSignature = /^【([^【】]*)】/;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits '【签名】body' into its signature (with brackets) and body; signature '' when absent. */
export const splitSignature = (text: string): { signature: string; body: string } => {
  const match = leadingSignature.exec(text);
  return match ? { signature: match[0], body: text.slice(match[0].length) } : { signature: '', body: text };
};

/** A `#var#` matches one or more characters other than line breaks, so the body must match exactly. */
export const compileTemplate = (template: YunpianTemplate): CompiledTemplate => {
  const { signature, body } = splitSignature(template.content);
  const variables: string[] = [];
  let source = '';
  let last = 0;
  for (const match of body.matchAll(variablePattern)) {
    source += escapeRegExp(body.slice(last, match.index)) + '([^\\r\\n]+?)';
    variables.push(match[1]!);
    last = match.index + match[0].length;
  }
  source += escapeRegExp(body.slice(last));
  return {
    id: template.id,
    signature,
    international: template.international,
    variables,
    verification: variables.includes('code'),
    pattern: new RegExp(`^${source}$`),
  };
};

export type TemplateMatch = { template: CompiledTemplate; values: Record<string, string> };

export const matchTemplate = (
  body: string,
  signature: string,
  templates: readonly CompiledTemplate[]
): TemplateMatch | null => {
  for (const template of templates) {
    if (template.signature !== signature) continue;
    const match = template.pattern.exec(body);
    if (!match) continue;
    const values: Record<string, string> = {};
    template.variables.forEach((name, index) => {
      values[name] = match[index + 1]!;
    });
    return { template, values };
  }
  return null;
};

/** The variable literally named `code`, else the first value that looks like a 4–8 char code. */
export const extractCode = (values: Readonly<Record<string, string>>): string | null =>
  values.code ?? Object.values(values).find((value) => /^[a-zA-Z0-9]{4,8}$/.test(value)) ?? null;
