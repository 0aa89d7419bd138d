import { parseArgs } from 'node:util';
import { loadSandboxConfigFile, startSandbox } from './index.js';

const usage = `Usage: logto-sms-sandbox [--port 4010] [--host 127.0.0.1] [--allow-host name]... [--config sandbox.json] [--quiet]

Starts the local Aliyun SMS + YunPian emulator. Inbox: http://<host>:<port>/inbox`;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-host': { type: 'string', multiple: true },
      config: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);

  const sandbox = await startSandbox({
    host: values.host,
    port,
    allowedHosts: values['allow-host'] ?? [],
    config: values.config ? await loadSandboxConfigFile(values.config) : undefined,
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  console.log(`SMS sandbox listening on ${sandbox.url}`);
  console.log(`Inbox: ${sandbox.inboxUrl}`);

  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(1);
});
