import { startSandbox } from '@logto-sms/sandbox';

import { parseCommandArgs } from '../args.js';
import { createLogtoHost } from '../logto-host/index.js';
import type { Output } from '../output.js';
import { exitCodes } from '../usage-error.js';
import { resolveConnectorSource } from '../workspace.js';

import {
  connectorCount,
  createDemoRun,
  installConnectors,
  loadConnectors,
  printInbox,
  provokeRateLimit,
  sendSignInCodes,
  summarize,
} from './demo/steps.js';

export const demoHelp = `Usage: logto-sms demo

A one-command tour, finished in seconds, with nothing to configure:
  1. starts the emulator on a free loopback port;
  2. packs the four connectors (Aliyun SMS, Aliyun MAS, YunPian, Tencent) with npm pack and loads
     them through @logto/cli's loader, exactly as a Logto instance would (extracted without
     dependencies into a Logto-shaped directory);
  3. sends a code through each to a mainland (8613800138000) and an overseas (85261234567)
     number, the way sign-in does (Aliyun MAS is mainland-only: it refuses the overseas number
     before sending);
  4. provokes Aliyun's per-number rate limit and shows how the error reaches Logto;
  5. prints what arrived in the inbox.

Exit codes: 0 everything behaved as expected, 1 something did not (the output says what).`;

/**
 * `logto-sms demo`: the five steps of `demoHelp`, each a function of ./demo/steps.ts, against a
 * throw-away emulator and Logto host.
 *
 * @returns the exit code: 0 when every check held, 1 otherwise (the output lists the problems).
 * @throws UsageError for arguments, or when a connector has no build to pack.
 */
export const runDemo = async (argv: readonly string[], output: Output): Promise<number> => {
  const { values } = parseCommandArgs('demo', argv, {}, { maxPositionals: 0 });
  if (values.help) {
    output.line(demoHelp);
    return exitCodes.ok;
  }
  // Validate the inputs before starting anything, so a missing build is a clear usage error.
  const sources = (['aliyun', 'aliyun-mas', 'yunpian', 'tencent'] as const).map((short) => ({
    short,
    source: resolveConnectorSource('demo', short),
  }));

  output.line(
    output.bold(
      `logto-sms demo: ${connectorCount(sources)}, one local emulator, the loader Logto itself uses`
    )
  );
  output.line();
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, log: () => undefined });
  const host = await createLogtoHost();
  const run = createDemoRun(output, sandbox, host);
  try {
    output.line(`[1/5] Emulator listening on ${sandbox.url} (inbox: ${sandbox.inboxUrl})`);
    const hosted = await installConnectors(run, sources);
    const connectors = await loadConnectors(run, sources, hosted);
    if (!connectors) {
      return exitCodes.failed;
    }
    const senders = await sendSignInCodes(run, connectors);
    await provokeRateLimit(run, senders);
    printInbox(run);
    return summarize(run);
  } finally {
    await host.dispose();
    await sandbox.close();
  }
};
