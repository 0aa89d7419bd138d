/**
 * The sandbox's command line, parsed once for both ways of starting it: the `logto-sms-sandbox`
 * binary of this package and the CLI's `logto-sms sandbox`. Same flags, same help, same errors.
 */
import { parseArgs } from 'node:util';

import { errorMessage, SandboxUsageError } from './errors.js';

export type SandboxCommandLine = {
  /** `-h` / `--help` was given: print `sandboxHelp` and start nothing. */
  help: boolean;
  /** TCP port to listen on. @default 4010; 0 picks a free one. */
  port: number;
  /** Address to bind. @default '127.0.0.1' */
  host: string;
  /** Path of a JSON file of config overrides (see `loadSandboxConfigFile`). */
  configFile?: string;
  /** More names requests may use as `Host` (e.g. `host.docker.internal`); loopback names and the bound address always work. @default [] */
  allowedHosts: string[];
  /** Do not print a line per provider request. @default false */
  quiet: boolean;
};

export const defaultSandboxPort = 4010;
export const defaultSandboxHost = '127.0.0.1';

/** The help text, for the name the sandbox was started by (`logto-sms-sandbox`, `logto-sms sandbox`). */
export const sandboxHelp = (
  command: string
): string => `Usage: ${command} [--port ${defaultSandboxPort}] [--host ${defaultSandboxHost}] [--allow-host <name>]... [--config sandbox.json] [--quiet]

Starts the local emulator of the Aliyun SMS, Aliyun Message Authentication Service (MAS), YunPian
and Tencent Cloud SMS APIs with a web inbox at
http://<host>:<port>/inbox. Runs until Ctrl-C.

Options:
  --port <port>          port to listen on (default ${defaultSandboxPort}; 0 picks a free one)
  --host <address>       address to bind (default ${defaultSandboxHost})
  --allow-host <name>    another name requests may use as Host, e.g. host.docker.internal
                         (repeatable; loopback names and the bound address always work)
  --config <file.json>   sandbox config overrides: credentials, templates, rate limits, ...
  --quiet                do not print a line per provider request
  -h, --help             show this help

The sandbox accepts only its own fake credentials; messages never leave this machine.`;

const readPort = (rawPort: string | undefined): number => {
  if (rawPort === undefined) {
    return defaultSandboxPort;
  }
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) {
    throw new SandboxUsageError(`--port must be a number from 0 to 65535, got "${rawPort}".`);
  }
  return port;
};

/**
 * Reads the sandbox flags from `argv` (the arguments after the command name).
 *
 * @throws SandboxUsageError for an unknown flag, a flag without its value, any positional
 * argument, or a port that is not a whole number from 0 to 65535.
 */
export const parseSandboxCommandLine = (argv: readonly string[]): SandboxCommandLine => {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof options; strict: true; allowPositionals: true }>
  >;
  const options = {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    config: { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new SandboxUsageError(
      errorMessage(error).replace(/\. To specify a positional argument.*$/s, '.')
    );
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) {
    throw new SandboxUsageError(`Unexpected argument: ${positionals[0] ?? ''}`);
  }
  return {
    help: values.help ?? false,
    port: readPort(values.port),
    host: values.host ?? defaultSandboxHost,
    ...(values.config === undefined ? {} : { configFile: values.config }),
    allowedHosts: values['allow-host'] ?? [],
    quiet: values.quiet ?? false,
  };
};
