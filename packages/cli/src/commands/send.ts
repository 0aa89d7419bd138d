import { readConfigFile } from '../config-file.js';
import { describeConnectorError, isConnectorError, readIssues, type DescribedError } from '../connector-error.js';
import { explainConnectorErrorCode } from '../explain.js';
import { addConnectorToHost, createLogtoHost, factoryFor, loadLikeLogto } from '../logto-host/index.js';
import type { Output } from '../output.js';
import { collectSecrets, createRedactor } from '../redact.js';
import { UsageError, exitCodes } from '../usage-error.js';
import { resolveConnectorSource } from '../workspace.js';
import { parseSendArgs, sendHelp, type SendOptions } from './send/args.js';
import { connectorInfo, explainLines, oneLine, type SendJson } from './send/render.js';

export { sendHelp } from './send/args.js';
export type { SendJson } from './send/render.js';

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

  let redactor = createRedactor([options.code]);
  // Redacted as a value first (so the JSON stays valid), then once more as text by `output`.
  const emitJson = (value: SendJson) => output.line(JSON.stringify(redactor.deep(value), null, 2));
  try {
    const source = resolveConnectorSource('send', options.target);
    const config = await readConfigFile('send', options.configFile);
    redactor = createRedactor([...collectSecrets(config), options.code]);
    output.setRedactor(redactor);
    return await sendWith(source, config, options, output, emitJson);
  } catch (error) {
    if (!json) throw error;
    if (error instanceof UsageError) {
      emitJson({ ok: false, stage: 'usage', error: { message: error.message }, warnings: [] });
      return exitCodes.usage;
    }
    // npm or tar missing, an unreadable tarball, …: scripts still get one JSON object.
    emitJson({ ok: false, stage: 'load', error: { message: error instanceof Error ? error.message : String(error) }, warnings: [] });
    return exitCodes.failed;
  }
};

const sendWith = async (
  source: ReturnType<typeof resolveConnectorSource>,
  config: Record<string, unknown>,
  options: SendOptions,
  output: Output,
  emitJson: (value: SendJson) => void
): Promise<number> => {
  const { json } = options;
  const progress = async <T>(label: string, task: () => Promise<T>) => (json ? task() : output.step(label, task));
  const host = await createLogtoHost();
  try {
    const hosted = await progress(
      source.kind === 'directory' ? 'Packing with npm pack and extracting into a Logto host' : 'Extracting into a Logto host',
      async () => addConnectorToHost(host, source)
    );
    const loaded = await progress("Loading with @logto/cli's loadConnectorFactories", async () => loadLikeLogto(host));
    const warnings = loaded.logs.map((log) => log.text);
    const factory = factoryFor(loaded, hosted);
    if (!factory) {
      const message = `Logto would skip ${hosted.name}: ${warnings.join(' ') || 'the loader gave no reason'}`;
      if (json) emitJson({ ok: false, stage: 'load', error: { message }, warnings });
      else output.line(`${output.red('✗ Not loadable:')} ${oneLine(message)}`);
      return exitCodes.failed;
    }
    const info = connectorInfo(factory, hosted.name, hosted.version);
    if (!json) {
      output.line(`Loaded ${output.bold(oneLine(info.id))} (${oneLine(`${info.package} ${info.version}, type ${factory.type}`)})`);
      for (const warning of warnings) output.line(`${output.yellow('warning from the loader:')} ${oneLine(warning)}`);
    }

    // What the Console would refuse before anything is sent.
    const checked = factory.configGuard.safeParse(config);
    if (!checked.success) {
      const described: DescribedError = {
        ...explainConnectorErrorCode('invalid_config'),
        errorDescription: "The config does not pass the connector's configGuard; the Console would refuse to save it.",
        issues: readIssues(checked.error) ?? [],
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
      else output.line(`${output.red('✗')} ${oneLine(message)}`);
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
      if (json) emitJson({ ok: true, connector: info, to: options.to, type: options.type, mode, result, warnings });
      else {
        output.line(`${output.green('✓ Sent')} through ${oneLine(info.id)} to ${options.to}.`);
        output.line(`  Provider answer: ${JSON.stringify(result)}`);
      }
      return exitCodes.ok;
    } catch (error) {
      if (!isConnectorError(error)) {
        // Logto answers a non-ConnectorError with HTTP 500 and no explanation: a connector bug.
        const message = `The connector threw a plain ${error instanceof Error ? error.name : typeof error} instead of a ConnectorError; Logto would answer HTTP 500. ${error instanceof Error ? error.message : String(error)}`;
        if (json) emitJson({ ok: false, stage: 'send', connector: info, error: { code: 'not_a_connector_error', message }, warnings });
        else output.line(`${output.red('✗ Send failed:')} ${oneLine(message)}`);
        return exitCodes.failed;
      }
      const described = describeConnectorError(error);
      if (json) emitJson({ ok: false, stage: 'send', connector: info, error: described, warnings });
      else for (const line of explainLines(output, described)) output.line(line);
      return exitCodes.failed;
    }
  } finally {
    await host.dispose();
  }
};
