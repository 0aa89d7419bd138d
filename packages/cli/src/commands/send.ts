import { readConfigFile } from '../config-file.js';
import { describeConnectorError, fixFromData, isConnectorError, readIssues, type DescribedError } from '../connector-error.js';
import { explainConnectorErrorCode } from '../explain.js';
import { factoryFor, loadLikeLogto } from '../logto-host/index.js';
import type { Output } from '../output.js';
import { collectSecrets, createRedactor } from '../redact.js';
import { UsageError, exitCodes } from '../usage-error.js';
import { jsonFailureBeforeRun, progressFor, withHostedConnector } from './hosted-run.js';
import { resolveConnectorSource } from '../workspace.js';
import { parseSendArgs, sendHelp, type SendOptions } from './send/args.js';
import { connectorInfo, explainLines, type SendJson } from './send/render.js';
import { answerForDisplay, connectionRefusedFix, loopbackInboxUrl, whatWasSent } from './send/sent.js';

export { sendHelp } from './send/args.js';
export type { SendJson } from './send/render.js';

// The id each connector returns: Aliyun `bizId`, YunPian `sid`, Tencent `serialNo`.
const messageIdKeys = ['bizId', 'sid', 'serialNo'] as const;

/** The provider's message id in a send result, if the connector returned one. */
export const providerMessageId = (result: unknown): string | undefined => {
  if (typeof result !== 'object' || result === null) return undefined;
  const record = result as Record<string, unknown>;
  const found = messageIdKeys.map((key) => record[key]).find((value) => typeof value === 'string' && value !== '');
  return typeof found === 'string' ? found : undefined;
};

/**
 * `logto-sms send`: what the Console's "Send" button does, from a terminal. Returns the exit code.
 */
export const runSend = async (argv: readonly string[], output: Output): Promise<number> => {
  const jsonRequested = argv.includes('--json');
  let options: SendOptions | 'help';
  try {
    options = parseSendArgs(argv);
  } catch (error) {
    if (error instanceof UsageError && jsonRequested) {
      output.line(JSON.stringify({ ok: false, stage: 'usage', error: { message: error.message }, warnings: [] } satisfies SendJson));
      return exitCodes.usage;
    }
    throw error;
  }
  if (options === 'help') {
    output.line(sendHelp);
    return exitCodes.ok;
  }
  const { json } = options;

  // Secrets are masked in everything printed. The code is masked only where it can appear (the
  // connector's and the provider's words, the provider's answer), never inside the phone number,
  // which may well contain the same digits (8613900000020 holds 000000).
  let redactor = createRedactor([]);
  const codeRedactor = createRedactor([options.code]);
  // Redacted as a value first (so the JSON stays valid), then once more as text by `output`.
  const emitJson = (value: SendJson) => output.line(JSON.stringify(redactor.deep(value), null, 2));
  try {
    const source = resolveConnectorSource('send', options.target);
    const config = await readConfigFile('send', options.configFile);
    redactor = createRedactor(collectSecrets(config));
    output.setRedactor(redactor);
    return await sendWith(source, config, options, output, emitJson, codeRedactor);
  } catch (error) {
    return jsonFailureBeforeRun(error, json, (stage, message) => emitJson({ ok: false, stage, error: { message }, warnings: [] }));
  }
};

const sendWith = async (
  source: ReturnType<typeof resolveConnectorSource>,
  config: Record<string, unknown>,
  options: SendOptions,
  output: Output,
  emitJson: (value: SendJson) => void,
  codeRedactor: ReturnType<typeof createRedactor>
): Promise<number> => {
  const { json } = options;
  const progress = progressFor(output, json);
  return withHostedConnector(source, progress, async (hosted, host) => {
    const loaded = await progress("Loading with @logto/cli's loadConnectorFactories", async () => loadLikeLogto(host));
    const warnings = loaded.logs.map((log) => log.text);
    const factory = factoryFor(loaded, hosted);
    if (!factory) {
      const message = `Logto would skip ${hosted.name}: ${warnings.join(' ') || 'the loader gave no reason'}`;
      if (json) emitJson({ ok: false, stage: 'load', error: { message }, warnings });
      else output.line(`${output.red('✗ Not loadable:')} ${message}`);
      return exitCodes.failed;
    }
    const info = connectorInfo(factory, hosted.name, hosted.version);
    if (!json) {
      output.line(`Loaded ${output.bold(info.id)} (${info.package} ${info.version}, type ${factory.type})`);
      for (const warning of warnings) output.line(`${output.yellow('warning from the loader:')} ${warning}`);
    }

    // What the Console would refuse before anything is sent.
    const checked = factory.configGuard.safeParse(config);
    if (!checked.success) {
      const issues = readIssues(checked.error) ?? [];
      const fix = fixFromData({ issues });
      const described: DescribedError = {
        ...explainConnectorErrorCode('invalid_config'),
        errorDescription: "The config does not pass the connector's configGuard; the Console would refuse to save it.",
        ...(fix ? { fix } : {}),
        issues,
      };
      if (json) emitJson({ ok: false, stage: 'config', connector: info, error: described, warnings });
      else for (const line of explainLines(output, described)) output.line(line);
      return exitCodes.failed;
    }

    const connector = await factory.createConnector({
      getConfig: async (id: string) => {
        if (id !== factory.metadata.id) throw new Error(`No saved config for connector ${id}`);
        return config;
      },
    });
    if (!('sendMessage' in connector) || typeof connector.sendMessage !== 'function') {
      const message = `${info.package} has no sendMessage; it is not an SMS or email connector.`;
      if (json) emitJson({ ok: false, stage: 'load', connector: info, error: { message }, warnings });
      else output.line(`${output.red('✗')} ${message}`);
      return exitCodes.failed;
    }

    const payload = { code: options.code, ...(options.locale === undefined ? {} : { locale: options.locale }) };
    const data = { to: options.to, type: options.type, payload };
    const mode = options.saved ? 'sign-in' : 'console';
    try {
      const result = await progress(`Sending to ${options.to} (type ${options.type})`, async () =>
        // Sign-in passes no config (the connector reads the saved one); the Console passes the form.
        options.saved ? connector.sendMessage(data as never) : connector.sendMessage(data as never, config)
      );
      const answer = answerForDisplay(result, codeRedactor);
      const sent = whatWasSent(answer);
      const inboxUrl = loopbackInboxUrl(config);
      if (json) {
        emitJson({ ok: true, connector: info, to: options.to, type: options.type, mode, ...sent, ...(inboxUrl ? { inboxUrl } : {}), result: answer, warnings });
      } else {
        output.line(`${output.green('✓ Sent')} through ${info.id} to ${options.to}.`);
        if (sent.providerRecipient) output.line(`  Provider received: ${sent.providerRecipient}`);
        if (sent.template) output.line(`  Template used:     ${sent.template}`);
        if (inboxUrl) output.line(`  Read it in:        ${inboxUrl}`);
        output.line(`  Provider answer:   ${JSON.stringify(answer)}`);
        const messageId = providerMessageId(result);
        if (messageId !== undefined) {
          output.line(`  Message id:        ${messageId} (did it arrive? logto-sms status ${options.target} --config ${options.configFile} --to ${options.to} --id '${messageId}')`);
        }
      }
      return exitCodes.ok;
    } catch (error) {
      if (!isConnectorError(error)) {
        // Logto answers a non-ConnectorError with HTTP 500 and no explanation: a connector bug.
        const message = `The connector threw a plain ${error instanceof Error ? error.name : typeof error} instead of a ConnectorError; Logto would answer HTTP 500. ${error instanceof Error ? error.message : String(error)}`;
        if (json) emitJson({ ok: false, stage: 'send', connector: info, error: { code: 'not_a_connector_error', message }, warnings });
        else output.line(`${output.red('✗ Send failed:')} ${message}`);
        return exitCodes.failed;
      }
      const described = codeRedactor.deep(describeConnectorError(error));
      const refused = connectionRefusedFix(config, described.errorDescription);
      if (refused) described.fix = refused;
      if (json) emitJson({ ok: false, stage: 'send', connector: info, error: described, warnings });
      else for (const line of explainLines(output, described)) output.line(line);
      return exitCodes.failed;
    }
  });
};
