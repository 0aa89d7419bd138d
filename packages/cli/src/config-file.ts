import { readFile } from 'node:fs/promises';

import { errorMessage, isRecord } from './unknown-values.js';
import { UsageError } from './usage-error.js';

/** Line and column (both from 1) of a character offset in a text. */
const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
};

// The paste mistakes people actually make, checked at the failing position. Only the mistake's
// shape is named, never the surrounding text: it could be a secret.
const likelyCause = (text: string, offset: number): string | undefined => {
  const here = text.slice(offset);
  if (/^[“”„‟″]/.test(here) || /[“”„‟″]/.test(text.slice(Math.max(0, offset - 1), offset + 1))) {
    return 'full-width or curly quotes (“ ”) where JSON needs straight quotes ("), typical of text pasted from a chat or word processor';
  }
  if (/^\s*[}\]]/.test(here) && /,\s*$/.test(text.slice(0, offset))) {
    return 'a trailing comma before a closing } or ] (JSON allows none)';
  }
  if (/^\s*$/.test(here)) {
    return 'the file ends early: a closing } or ] is missing';
  }
  if (here.startsWith("'")) {
    return 'single quotes (\') where JSON needs double quotes (")';
  }
  if (/^\/[/*]/.test(here)) {
    return 'a comment (JSON allows none)';
  }
  return undefined;
};

/**
 * Where JSON.parse stopped, as an offset. Node 20 says "at position N"; newer versions may say
 * "(line L column C)" instead. JSON.parse messages quote a little of the input, which could be a
 * secret, so only the position is read from them.
 */
const failedOffset = (text: string, message: string): number | undefined => {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) {
    return Number(position);
  }
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    const lines = text.split('\n');
    const line = Number(lineColumn[1]);
    return (
      lines.slice(0, line - 1).reduce((sum, value) => sum + value.length + 1, 0) +
      Number(lineColumn[2]) -
      1
    );
  }
  if (message.includes('Unexpected end of JSON input')) {
    return text.length;
  }
  // Node 20 gives no position for some tokens ("Unexpected token ']'"): find that character outside
  // strings, preferring one right after a comma, the usual culprit.
  const token = /^Unexpected token '(.)'/u.exec(message)?.[1];
  return token === undefined ? undefined : tokenOffset(text, token);
};

const tokenOffset = (text: string, token: string): number | undefined => {
  const found: number[] = [];
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') {
        index++;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char === token) {
      found.push(index);
    }
  }
  return found.find((index) => /,\s*$/.test(text.slice(0, index))) ?? found[0];
};

/** A file-system error's code (`ENOENT`, `EACCES`, …), else its message. */
const errorCodeOrMessage = (error: unknown): string => {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : errorMessage(error);
};

/**
 * Reads a connector config JSON file (what one would paste into the Logto Console). A UTF-8 byte
 * order mark, which Windows editors add, is dropped; a syntax error is reported with its line,
 * column and the likely paste mistake.
 *
 * @throws UsageError (naming `command`) when the file cannot be read, is not JSON or not an object.
 */
export const readConfigFile = async (
  command: string,
  file: string
): Promise<Record<string, unknown>> => {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read the config file ${file}: ${errorCodeOrMessage(error)}`,
      command
    );
  }
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const offset = failedOffset(text, errorMessage(error));
    if (offset === undefined) {
      throw new UsageError(`${file} is not valid JSON.`, command);
    }
    const { line, column } = lineAndColumn(text, offset);
    const cause = likelyCause(text, offset);
    throw new UsageError(
      `${file} is not valid JSON (line ${line}, column ${column})${cause ? `: likely ${cause}` : ''}.`,
      command
    );
  }
  if (!isRecord(parsed)) {
    throw new UsageError(`${file} must contain a JSON object (the connector config).`, command);
  }
  return parsed;
};
