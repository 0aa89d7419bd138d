import { readConfigFile } from '../config-file.js';
import type { Output } from '../output.js';
import { collectSecrets, createRedactor } from '../redact.js';
import { exitCodes } from '../usage-error.js';
import { resolveConnectorSource } from '../workspace.js';

import { jsonFailureBeforeRun, readCommandOptions, withHostedConnector } from './hosted-run.js';
import { parseSendArgs, sendHelp } from './send/args.js';
import type { SendJson } from './send/render.js';
import {
  checkConfig,
  createConnectorLikeLogto,
  createSendRun,
  loadConnector,
  sendCode,
} from './send/steps.js';

export { sendHelp } from './send/args.js';
export type { SendJson } from './send/render.js';

export { providerMessageId } from './send/steps.js';

/**
 * `logto-sms send`: what the Console's "Send" button does, from a terminal.
 *
 * @param argv the arguments after `send` (see `sendHelp`).
 * @returns the exit code: 0 sent, 1 the connector did not load, refused the config or failed to
 * send, 2 a usage error reported as JSON (with `--json`).
 * @throws UsageError for bad arguments or an unreadable config file (without `--json`).
 */
export const runSend = async (argv: readonly string[], output: Output): Promise<number> => {
  const options = readCommandOptions(
    argv,
    {
      parse: parseSendArgs,
      help: sendHelp,
      usageJson: (message) =>
        ({
          ok: false,
          stage: 'usage',
          error: { message },
          warnings: [],
        }) satisfies SendJson,
    },
    output
  );
  if (typeof options === 'number') {
    return options;
  }
  const { json } = options;

  // Secrets are masked in everything printed. The code is masked only where it can appear (the
  // connector's and the provider's words, the provider's answer), never inside the phone number,
  // which may well contain the same digits (8613900000020 holds 000000).
  let redactor = createRedactor([]);
  const codeRedactor = createRedactor([options.code]);
  // Redacted as a value first (so the JSON stays valid), then once more as text by `output`.
  const emitJson = (value: SendJson) => {
    output.line(JSON.stringify(redactor.deep(value), null, 2));
  };
  try {
    const source = resolveConnectorSource('send', options.target);
    const config = await readConfigFile('send', options.configFile);
    redactor = createRedactor(collectSecrets(config));
    output.setRedactor(redactor);
    return await sendWith(source, config, createSendRun(options, output, emitJson, codeRedactor));
  } catch (error) {
    return jsonFailureBeforeRun(error, json, (stage, message) => {
      emitJson({ ok: false, stage, error: { message }, warnings: [] });
    });
  }
};

/** Pack and load like Logto, check the config like the Console, then send: each a step of ./send/steps.ts. */
const sendWith = async (
  source: ReturnType<typeof resolveConnectorSource>,
  config: Record<string, unknown>,
  run: ReturnType<typeof createSendRun>
): Promise<number> =>
  withHostedConnector(source, run.progress, async (hosted, host) => {
    const loaded = await loadConnector(run, host, hosted);
    if (!loaded) {
      return exitCodes.failed;
    }
    if (!checkConfig(run, loaded, config)) {
      return exitCodes.failed;
    }
    const sendMessage = await createConnectorLikeLogto(run, loaded, config);
    if (!sendMessage) {
      return exitCodes.failed;
    }
    return sendCode(run, loaded, sendMessage, config);
  });
