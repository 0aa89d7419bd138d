import {
  loadSandboxConfigFile,
  parseSandboxCommandLine,
  SandboxConfigError,
  SandboxListenError,
  sandboxHelp,
  SandboxUsageError,
  startSandbox,
  type SandboxCommandLine,
  type SandboxConfigInput,
} from '@logto-sms/sandbox';

import type { Output } from '../output.js';
import {
  aliyunConfigFor,
  aliyunMasConfigFor,
  tencentConfigFor,
  yunpianConfigFor,
} from '../sandbox-configs.js';
import { UsageError, exitCodes } from '../usage-error.js';

/** The emulator's own help (one text for `logto-sms sandbox` and `logto-sms-sandbox`). */
export const sandboxCommandHelp = sandboxHelp('logto-sms sandbox');

export const pointLogtoNote = (url: string) => `How to point a local Logto at it:
  1. Install the connectors in Logto: extract each connector's npm-pack tarball into
     packages/core/connectors/logto-sms-aliyun, .../logto-sms-aliyun-mas, .../logto-sms-yunpian and
     .../logto-sms-tencent (see the connector READMEs), then restart Logto.
  2. Console > Connectors > SMS: choose the connector and paste the config above.
     The connectors accept http:// only for loopback hosts, so Logto must run on this machine.
     Logto in Docker Desktop: start this sandbox with --host 0.0.0.0 --allow-host host.docker.internal,
     start Logto with the
     environment variable LOGTO_SMS_ALLOWED_HTTP_HOSTS=host.docker.internal and use
     http://host.docker.internal:<port> as endpoint.
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

/** The sandbox flags, with a mistake reported the way every CLI command reports one. */
const readCommandLine = (argv: readonly string[]): SandboxCommandLine => {
  try {
    return parseSandboxCommandLine(argv);
  } catch (error) {
    if (error instanceof SandboxUsageError) {
      throw new UsageError(error.message, 'sandbox');
    }
    throw error;
  }
};

/** The `--config` file's sandbox config; a file that cannot be used is a usage error. */
const readSandboxConfig = async (configFile: string): Promise<SandboxConfigInput> => {
  try {
    return await loadSandboxConfigFile(configFile);
  } catch (error) {
    if (error instanceof SandboxConfigError) {
      throw new UsageError(error.message, 'sandbox');
    }
    throw error;
  }
};

/**
 * `logto-sms sandbox`: starts the emulator, prints a config to paste for each connector, and runs
 * until SIGINT/SIGTERM.
 *
 * @returns the exit code (0 after a signal stopped it).
 * @throws UsageError for a bad flag, an unusable `--config` file or a port in use.
 */
export const runSandbox = async (argv: readonly string[], output: Output): Promise<number> => {
  const { help, port, host, configFile, quiet, allowedHosts } = readCommandLine(argv);
  if (help) {
    output.line(sandboxCommandHelp);
    return exitCodes.ok;
  }
  const config = configFile ? await readSandboxConfig(configFile) : undefined;

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      host,
      port,
      ...(config ? { config } : {}),
      allowedHosts,
      ...(quiet
        ? {}
        : {
            log: (line: string) => {
              output.line(output.dim(line));
            },
          }),
      warn: (message) => {
        output.error(output.yellow(message));
      },
    });
  } catch (error) {
    if (error instanceof SandboxListenError && error.code === 'EADDRINUSE') {
      throw new UsageError(
        `Port ${port} on ${host} is in use; pass --port <another> (or 0).`,
        'sandbox'
      );
    }
    throw error;
  }

  // The connectors only allow plain http to loopback hosts, so print a loopback endpoint even when
  // the sandbox listens on every interface.
  const endpoint = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${sandbox.port}`;
  output.line(
    output.bold(
      'logto-sms sandbox: local Aliyun SMS + Aliyun MAS + YunPian + Tencent Cloud SMS emulator'
    )
  );
  output.line(`  API endpoint  ${endpoint}`);
  output.line(`  Inbox         ${output.cyan(sandbox.inboxUrl)}`);
  output.line();
  output.line(output.bold('Aliyun SMS connector (logto-sms-aliyun), config to paste:'));
  output.line(JSON.stringify(aliyunConfigFor(sandbox.config, endpoint), null, 2));
  output.line();
  output.line(output.bold('Aliyun MAS connector (logto-sms-aliyun-mas), config to paste:'));
  output.line(JSON.stringify(aliyunMasConfigFor(sandbox.config, endpoint), null, 2));
  output.line(
    output.dim(
      'Aliyun MAS delivers to mainland China numbers only, with the gift signature and system templates above.'
    )
  );
  output.line();
  output.line(output.bold('YunPian connector (logto-sms-yunpian), config to paste:'));
  output.line(JSON.stringify(yunpianConfigFor(sandbox.config, endpoint), null, 2));
  output.line(
    output.dim(
      'YunPian keeps domestic and international templates apart: each template above has a "china" text (an approved domestic template) and an "overseas" text (an approved international one); the connector picks by the number\'s region, whatever the language.'
    )
  );
  output.line();
  output.line(output.bold('Tencent Cloud SMS connector (logto-sms-tencent), config to paste:'));
  output.line(JSON.stringify(tencentConfigFor(sandbox.config, endpoint), null, 2));
  output.line();
  output.line(pointLogtoNote(endpoint));
  output.line();
  output.line(quiet ? 'Press Ctrl-C to stop.' : 'Press Ctrl-C to stop. Requests are logged below.');

  const signal = await untilSignal();
  output.line(`\n${signal} received, stopping the sandbox …`);
  await sandbox.close();
  output.line('Stopped.');
  return exitCodes.ok;
};
