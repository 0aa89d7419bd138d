import { parseSandboxCommandLine, sandboxHelp } from './command-line.js';
import { errorMessage, SandboxUsageError } from './errors.js';
import { loadSandboxConfigFile, startSandbox } from './index.js';

const command = 'logto-sms-sandbox';

/** Starts the sandbox, which then runs until SIGINT or SIGTERM. */
const main = async (): Promise<void> => {
  const options = parseSandboxCommandLine(process.argv.slice(2));
  if (options.help) {
    console.log(sandboxHelp(command));
    return;
  }
  const sandbox = await startSandbox({
    host: options.host,
    port: options.port,
    config:
      options.configFile === undefined
        ? undefined
        : await loadSandboxConfigFile(options.configFile),
    log: options.quiet
      ? undefined
      : (line) => {
          console.log(line);
        },
    allowedHosts: options.allowedHosts,
  });
  console.log(`SMS sandbox listening on ${sandbox.url}`);
  console.log(`Inbox: ${sandbox.inboxUrl}`);

  const stop = async () => {
    await sandbox.close();
    // eslint-disable-next-line unicorn/no-process-exit -- CLI entry point: a signal ends the process once the server is closed.
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

/** Prints why the sandbox could not start; the exit status: 2 for a usage error, else 1. */
const reportFailure = (error: unknown): number => {
  console.error(`${command}: ${errorMessage(error)}`);
  if (error instanceof SandboxUsageError) {
    console.error(`Run "${command} --help" for usage.`);
    return 2;
  }
  return 1;
};

try {
  await main();
} catch (error: unknown) {
  // eslint-disable-next-line unicorn/no-process-exit -- CLI entry point: exit with the failure's status at once, whatever start-up left open.
  process.exit(reportFailure(error));
}
