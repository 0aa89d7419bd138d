import { parseArgs, type ParseArgsConfig } from 'node:util';

import { errorMessage } from './unknown-values.js';
import { UsageError } from './usage-error.js';
import { workspaceConnectors } from './workspace.js';

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
      errorMessage(error).replace(/\. To specify a positional argument.*$/s, '.'),
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
    // eslint-disable-next-line no-restricted-syntax -- no command declares a `multiple` option, so no value is an array
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
};

export const stringOption = (values: ParsedArgs['values'], name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

/** What every command that talks to a provider is given: which connector, its config file, one number. */
export type ConnectorCall = { target: string; configFile: string; to: string };

/**
 * The connector (positional), `--config` and `--to` of `send` and `status`, checked the same way.
 * `to` is digits only with the country code, as Logto passes it (the Console's test route refuses
 * anything else before a connector sees it).
 *
 * @throws UsageError naming `command` when one is missing or `--to` is not digits.
 */
export const readConnectorCall = (
  command: string,
  { values, positionals }: ParsedArgs
): ConnectorCall => {
  const target = positionals[0];
  const configFile = stringOption(values, 'config');
  const to = stringOption(values, 'to');
  if (!target) {
    throw new UsageError(
      `Which connector? Pass ${Object.keys(workspaceConnectors).join(', ')}, a package directory or a .tgz.`,
      command
    );
  }
  if (!configFile) {
    throw new UsageError('--config <file.json> is required.', command);
  }
  if (!to) {
    throw new UsageError('--to <phone> is required.', command);
  }
  if (!/^\d+$/.test(to)) {
    throw new UsageError(
      `--to must be digits only with the country code (Logto strips "+"), got "${to}".`,
      command
    );
  }
  return { target, configFile, to };
};
