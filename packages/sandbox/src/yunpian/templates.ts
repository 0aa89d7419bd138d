import type { YunpianTemplate } from '../types.js';

export type CompiledTemplate = {
  id: string;
  /** With brackets, e.g. '【Logto测试】'. */
  signature: string;
  international: boolean;
  variables: string[];
  /** Templates with a `#code#` variable are treated as verification templates (anti-bombing rules). */
  verification: boolean;
  /** The body cut at its line breaks; variables never span one. */
  lines: TemplateLine[];
  /** The line-break characters between `lines`, in order. */
  breaks: string;
};

/**
 * One line of a template body: literal text with runs of variables between. `literals` has one
 * more entry than `runs`; `runs[i]` counts the adjacent variables after `literals[i]`.
 */
type TemplateLine = { literals: string[]; runs: number[] };

const variablePattern = /#([^#\r\n]+?)#/g;
const leadingSignature = /^【([^【】]*)】/;
const lineBreak = /[\r\n]/;

/** Splits '【签名】body' into its signature (with brackets) and body; signature '' when absent. */
export const splitSignature = (text: string): { signature: string; body: string } => {
  const match = leadingSignature.exec(text);
  return match
    ? { signature: match[0], body: text.slice(match[0].length) }
    : { signature: '', body: text };
};

const splitLines = (text: string): { lines: string[]; breaks: string } => ({
  lines: text.split(lineBreak),
  breaks: text.replaceAll(/[^\r\n]/g, ''),
});

const compileLine = (line: string, variables: string[]): TemplateLine => {
  const literals: string[] = [];
  const runs: number[] = [];
  let last = 0;
  for (const match of line.matchAll(variablePattern)) {
    // The pattern always captures the name; the default only satisfies the type checker.
    const [whole, name = ''] = match;
    const literal = line.slice(last, match.index);
    const lastRun = runs.length - 1;
    // Adjacent variables (nothing between) form one run.
    if (lastRun >= 0 && literal === '') {
      runs[lastRun] = (runs[lastRun] ?? 0) + 1;
    } else {
      literals.push(literal);
      runs.push(1);
    }
    variables.push(name);
    last = match.index + whole.length;
  }
  literals.push(line.slice(last));
  return { literals, runs };
};

/** A `#var#` matches one or more characters other than line breaks, so the body must match exactly. */
export const compileTemplate = (template: YunpianTemplate): CompiledTemplate => {
  const { signature, body } = splitSignature(template.content);
  const variables: string[] = [];
  const { lines, breaks } = splitLines(body);
  const compiled = lines.map((line) => compileLine(line, variables));
  return {
    id: template.id,
    signature,
    international: template.international,
    variables,
    verification: variables.includes('code'),
    lines: compiled,
    breaks,
  };
};

/** The variables of a line whose first and final literals matched, between `start` and `finalStart`. */
const matchRuns = (
  text: string,
  { literals, runs }: TemplateLine,
  start: number,
  finalStart: number
): string[] | null => {
  const values: string[] = [];
  let position = start;
  for (const [index, run] of runs.entries()) {
    const isLast = index === runs.length - 1;
    const next = literals[index + 1] ?? '';
    const at = isLast ? finalStart : text.indexOf(next, position + run);
    if (at === -1 || at < position + run || (isLast && at > finalStart)) {
      return null;
    }
    for (let variable = 0; variable < run - 1; variable++) {
      values.push(text.charAt(position + variable));
    }
    values.push(text.slice(position + run - 1, at));
    position = at + next.length;
  }
  return values;
};

/**
 * The values of one line's variables, or null. Each literal goes to its earliest place after the
 * one before (leaving room for one character per variable between), which is the fit a lazy
 * `^L0(.+?)L1(.+?)…$` pattern finds, but in one pass: indexOf only moves forward. Within a run
 * of adjacent variables every variable but the last takes one character.
 */
const matchLine = (text: string, line: TemplateLine): string[] | null => {
  const { literals, runs } = line;
  // `literals` is never empty (see TemplateLine); the defaults only satisfy the type checker.
  const [first = ''] = literals;
  const final = literals.at(-1) ?? '';
  if (runs.length === 0) {
    return text === first ? [] : null;
  }
  if (!text.startsWith(first) || !text.endsWith(final)) {
    return null;
  }
  return matchRuns(text, line, first.length, text.length - final.length);
};

const matchBody = (body: string, template: CompiledTemplate): string[] | null => {
  const { lines, breaks } = splitLines(body);
  // Variables hold no line breaks, so the text has exactly the template's.
  if (breaks !== template.breaks) {
    return null;
  }
  const values: string[] = [];
  for (const [index, line] of template.lines.entries()) {
    // Equal line breaks mean as many lines as the template.
    const found = matchLine(lines[index] ?? '', line);
    if (!found) {
      return null;
    }
    values.push(...found);
  }
  return values;
};

export type TemplateMatch = { template: CompiledTemplate; values: Record<string, string> };

/** The first template with this signature whose body the text fills; time linear in the text. */
export const matchTemplate = (
  body: string,
  signature: string,
  templates: readonly CompiledTemplate[]
): TemplateMatch | null => {
  for (const template of templates) {
    if (template.signature !== signature) {
      continue;
    }
    const found = matchBody(body, template);
    if (!found) {
      continue;
    }
    const values: Record<string, string> = {};
    for (const [index, name] of template.variables.entries()) {
      // One value per variable, as matchBody finds them.
      values[name] = found[index] ?? '';
    }
    return { template, values };
  }
  return null;
};

/** The variable literally named `code`, else the first value that looks like a 4–8 char code. */
export const extractCode = (values: Readonly<Record<string, string>>): string | null =>
  values.code ?? Object.values(values).find((value) => /^[a-zA-Z0-9]{4,8}$/.test(value)) ?? null;
