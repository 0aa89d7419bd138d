import { parseSandboxCommandLine, sandboxHelp } from './command-line.js';
import { SandboxUsageError } from './errors.js';
import { loadSandboxConfigFile, startSandbox } from './index.js';

const command = 'logto-sms-sandbox';

const main = async (): Promise<number> => {
  const options = parseSandboxCommandLine(process.argv.slice(2));
  if (options.help) {
    console.log(sandboxHelp(command));
    return 0;
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

  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
};

main().then(
  (exitCode) => {
    if (exitCode !== 0) {
      process.exit(exitCode);
    }
  },
  (error: unknown) => {
    console.error(`${command}: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof SandboxUsageError) {
      console.error(`Run "${command} --help" for usage.`);
      process.exit(2);
    }
    process.exit(1);
  }
);
