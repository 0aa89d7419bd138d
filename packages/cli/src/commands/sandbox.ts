import { loadSandboxConfigFile, startSandbox, type SandboxConfigInput } from '@logto-sms/sandbox';

import { parseCommandArgs, portOption, stringOption } from '../args.js';
import type { Output } from '../output.js';
import { aliyunConfigFor, aliyunMasConfigFor, yunpianConfigFor } from '../sandbox-configs.js';
import { UsageError, exitCodes } from '../usage-error.js';

export const sandboxHelp = `Usage: logto-sms sandbox [--port 4010] [--host 127.0.0.1] [--config sandbox.json]

Starts the local emulator of the Aliyun SMS, Aliyun Message Authentication Service and YunPian
APIs with a web inbox, and prints a
ready-to-paste config for each connector pointing at it. Runs until Ctrl-C.

Options:
  --port <port>          port to listen on (default 4010; 0 picks a free one)
  --host <address>       address to bind (default 127.0.0.1)
  --config <file.json>   sandbox config overrides: credentials, templates, rate limits, ...
  -h, --help             show this help

The sandbox accepts only its own fake credentials; messages never leave this machine.`;

export const pointLogtoNote = (url: string) => `How to point a local Logto at it:
  1. Install the connectors in Logto: "logto connector add @logto-sms/connector-aliyun-sms"
     (or extract the npm-pack tarball into packages/core/connectors/), then restart Logto.
  2. Console > Connectors > SMS: choose the connector and paste the config above.
     The connectors accept http:// only for loopback hosts, so Logto must run on this machine
     (with Docker, use --network host so 127.0.0.1 reaches the sandbox).
  3. Press "Send" in the Console, or sign in with a phone number: the message shows up at
     ${url}/inbox, not on a real phone.`;

/** Resolves on the first SIGINT/SIGTERM; removes its listeners once it has. */
const untilSignal = async (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

export const runSandbox = async (argv: readonly string[], output: Output): Promise<number> => {
  const { values } = parseCommandArgs(
    'sandbox',
    argv,
    { port: { type: 'string' }, host: { type: 'string' }, config: { type: 'string' } },
    { maxPositionals: 0 }
  );
  if (values.help) {
    output.line(sandboxHelp);
    return exitCodes.ok;
  }
  const port = portOption('sandbox', stringOption(values, 'port'), 4010);
  const host = stringOption(values, 'host') ?? '127.0.0.1';
  const configFile = stringOption(values, 'config');
  let config: SandboxConfigInput | undefined;
  if (configFile) {
    try {
      config = await loadSandboxConfigFile(configFile);
    } catch (error) {
      throw new UsageError((error as Error).message, 'sandbox');
    }
  }

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      host,
      port,
      ...(config ? { config } : {}),
      log: (line) => output.line(output.dim(line)),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`Port ${port} on ${host} is in use; pass --port <another> (or 0).`, 'sandbox');
    throw error;
  }

  // The connectors only allow plain http to loopback hosts, so print a loopback endpoint even when
  // the sandbox listens on every interface.
  const endpoint = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${sandbox.port}`;
  output.line(output.bold('logto-sms sandbox: local Aliyun SMS + Aliyun MAS + YunPian emulator'));
  output.line(`  API endpoint  ${endpoint}`);
  output.line(`  Inbox         ${output.cyan(sandbox.inboxUrl)}`);
  output.line();
  output.line(output.bold('Aliyun SMS connector (logto-sms-aliyun), config to paste:'));
  output.line(JSON.stringify(aliyunConfigFor(sandbox.config, endpoint), null, 2));
  output.line();
  output.line(output.bold('Aliyun MAS connector (logto-sms-aliyun-mas), config to paste:'));
  output.line(JSON.stringify(aliyunMasConfigFor(sandbox.config, endpoint), null, 2));
  output.line(output.dim('Aliyun MAS delivers to mainland China numbers only, with the gift signature and system templates above.'));
  output.line();
  output.line(output.bold('YunPian connector (logto-sms-yunpian), config to paste:'));
  output.line(JSON.stringify(yunpianConfigFor(sandbox.config, endpoint), null, 2));
  output.line(
    output.dim(
      'YunPian keeps domestic and international templates apart: mainland numbers get the default (Chinese) text, overseas numbers need the "en" locale text.'
    )
  );
  output.line();
  output.line(pointLogtoNote(endpoint));
  output.line();
  output.line('Press Ctrl-C to stop. Requests are logged below.');

  const signal = await untilSignal();
  output.line(`\n${signal} received, stopping the sandbox …`);
  await sandbox.close();
  output.line('Stopped.');
  return exitCodes.ok;
};
