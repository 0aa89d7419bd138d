import { parseArgs, type ParseArgsConfig } from 'node:util';

import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export type ParsedArgs = {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
};

/**
 * `util.parseArgs` in strict mode, with its errors (unknown flag, missing value) turned into
 * UsageErrors so they exit with code 2 and point at the command's help.
 */
export const parseCommandArgs = (
  command: string,
  argv: readonly string[],
  options: Options,
  { maxPositionals }: { maxPositionals: number }
): ParsedArgs => {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(
      (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'),
      command
    );
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(
      `Unexpected argument: ${parsed.positionals[maxPositionals] ?? ''}`,
      command
    );
  }
  return {
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
};

export const stringOption = (values: ParsedArgs['values'], name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};
