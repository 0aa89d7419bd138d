import { readFile } from 'node:fs/promises';

import { UsageError } from './usage-error.js';

/**
 * Reads a connector config JSON file (what one would paste into the Logto Console).
 *
 * @throws UsageError (naming `command`) when the file cannot be read, is not JSON or not an object.
 */
export const readConfigFile = async (command: string, file: string): Promise<Record<string, unknown>> => {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, command);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    // JSON.parse messages quote a little of the input, which could be a secret: keep only the position.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new UsageError(`${file} is not valid JSON${position ? ` (error at character ${position})` : ''}.`, command);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${file} must contain a JSON object (the connector config).`, command);
  }
  return parsed as Record<string, unknown>;
};
