import cliPackage from '../package.json' with { type: 'json' };

import { runDemo } from './commands/demo.js';
import { runSandbox } from './commands/sandbox.js';
import { runSend } from './commands/send.js';
import { runStatus } from './commands/status.js';
import { createOutput, type Output } from './output.js';
import { errorMessage } from './unknown-values.js';
import { UsageError, exitCodes } from './usage-error.js';

/** The CLI's version, from its package.json (bundled into lib/ at build time). */
export const { version } = cliPackage;

export const topLevelHelp = `Usage: logto-sms <command> [options]

Local tooling for the Logto SMS connectors (Aliyun SMS, YunPian).

Commands:
  sandbox   run the local Aliyun/YunPian emulator and print ready-to-paste connector configs
  send      send one code through a connector the way Logto's Console "Send" button does
  status    "did the code arrive?": the provider's delivery state of recent messages to a number
  demo      one-command tour: emulator + both connectors loaded like Logto + codes + a rate limit

Options:
  -h, --help      show help (also "logto-sms <command> --help")
  -v, --version   print the version

Exit codes: 0 success, 1 the operation failed, 2 usage error.`;

type Command = (argv: readonly string[], output: Output) => Promise<number>;

const commands: Record<string, Command> = {
  sandbox: runSandbox,
  send: runSend,
  status: runStatus,
  demo: runDemo,
};

/** `logto-sms help [command]`: the top-level help, or the command's. */
const runHelp = async (target: string | undefined, output: Output): Promise<number> => {
  if (target === undefined) {
    output.line(topLevelHelp);
    return exitCodes.ok;
  }
  const command = commands[target];
  if (!command) {
    throw new UsageError(`Unknown command "${target}".`);
  }
  return command(['--help'], output);
};

/** Prints what went wrong and returns the exit code: 2 for a usage error, 1 for anything else. */
const reportFailure = (error: unknown, output: Output): number => {
  if (error instanceof UsageError) {
    output.error(`logto-sms: ${error.message}`);
    output.error(`Run "logto-sms ${error.command ? `${error.command} ` : ''}--help" for usage.`);
    return exitCodes.usage;
  }
  output.error(`logto-sms: ${errorMessage(error)}`);
  return exitCodes.failed;
};

/**
 * Runs the CLI with `argv` (the arguments after `logto-sms`) and returns the exit code: 0 success,
 * 1 the operation failed, 2 a usage error. Never calls process.exit and never throws: errors are
 * printed through `output`.
 *
 * @param output where to print. @default createOutput() (stdout/stderr, colour on a terminal)
 */
export const runCli = async (
  argv: readonly string[],
  output: Output = createOutput()
): Promise<number> => {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help') {
      output.line(topLevelHelp);
      return first === undefined ? exitCodes.usage : exitCodes.ok;
    }
    if (first === '-v' || first === '--version') {
      output.line(version);
      return exitCodes.ok;
    }
    if (first === 'help') {
      return await runHelp(rest[0], output);
    }
    const command = commands[first];
    if (!command) {
      throw new UsageError(
        first.startsWith('-') ? `Unknown option "${first}".` : `Unknown command "${first}".`
      );
    }
    return await command(rest, output);
  } catch (error) {
    return reportFailure(error, output);
  }
};
