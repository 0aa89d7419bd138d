import {
  addConnectorToHost,
  createLogtoHost,
  type HostedConnector,
  type LogtoHost,
} from '../logto-host/index.js';
import type { Output } from '../output.js';
import { UsageError, exitCodes } from '../usage-error.js';
import type { resolveConnectorSource } from '../workspace.js';

export type Progress = <T>(label: string, task: () => Promise<T>) => Promise<T>;

/** Progress lines in text mode; silence in --json mode, where stdout holds one JSON object. */
export const progressFor =
  (output: Output, json: boolean): Progress =>
  async (label, task) =>
    json ? task() : output.step(label, task);

/**
 * What `send` and `status` both start with: a fresh Logto-shaped directory with the connector
 * installed the way `logto connector add` does it. The directory is removed afterwards, whatever
 * `task` does.
 */
export const withHostedConnector = async <T>(
  source: ReturnType<typeof resolveConnectorSource>,
  progress: Progress,
  task: (hosted: HostedConnector, host: LogtoHost) => Promise<T>
): Promise<T> => {
  const host = await createLogtoHost();
  try {
    const hosted = await progress(
      source.kind === 'directory'
        ? 'Packing with npm pack and extracting into a Logto host'
        : 'Extracting into a Logto host',
      async () => addConnectorToHost(host, source)
    );
    return await task(hosted, host);
  } finally {
    await host.dispose();
  }
};

/**
 * In --json mode, a failure before the connector ran still prints one JSON object: a usage error
 * (exit 2), or anything else while loading (npm or tar missing, an unreadable tarball; exit 1).
 * In text mode the error is rethrown for `runCli` to print.
 */
export const jsonFailureBeforeRun = (
  error: unknown,
  json: boolean,
  emit: (stage: 'usage' | 'load', message: string) => void
): number => {
  if (!json) {
    throw error;
  }
  if (error instanceof UsageError) {
    emit('usage', error.message);
    return exitCodes.usage;
  }
  emit('load', error instanceof Error ? error.message : String(error));
  return exitCodes.failed;
};

/**
 * A command's arguments, or the exit code when there is nothing more to do: its help was printed
 * (0), or the arguments were wrong under `--json` and one JSON object said so (2). A usage error in
 * text mode is thrown for `runCli` to print with the command's help hint.
 *
 * @throws UsageError for bad arguments without `--json`.
 */
export const readCommandOptions = <Options>(
  argv: readonly string[],
  {
    parse,
    help,
    usageJson,
  }: {
    parse: (argv: readonly string[]) => Options | 'help';
    help: string;
    usageJson: (message: string) => unknown;
  },
  output: Output
): Options | number => {
  let options: Options | 'help';
  try {
    options = parse(argv);
  } catch (error) {
    if (error instanceof UsageError && argv.includes('--json')) {
      output.line(JSON.stringify(usageJson(error.message)));
      return exitCodes.usage;
    }
    throw error;
  }
  if (options === 'help') {
    output.line(help);
    return exitCodes.ok;
  }
  return options;
};
