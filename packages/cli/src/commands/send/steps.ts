/**
 * The steps of `logto-sms send`, in order: load the connector like Logto, check the config like
 * the Console, create the connector like sign-in, send. A step that fails reports it (text or
 * JSON) and returns `undefined` or `false`, and the command stops with exit code 1.
 */
import { describeConnectorError, isConnectorError, readIssues, type DescribedError } from '../../connector-error.js';
import { explainConnectorErrorCode } from '../../explain.js';
import {
  addConnectorToHost,
  factoryFor,
  loadLikeLogto,
  type ConnectorSourceSpec,
  type LoadedConnectorFactory,
  type LogtoHost,
} from '../../logto-host/index.js';
import type { Output } from '../../output.js';
import { exitCodes } from '../../usage-error.js';

import type { SendOptions } from './args.js';
import { connectorInfo, explainLines, type ConnectorInfo, type SendJson } from './render.js';

type SendMessage = (data: unknown, config?: unknown) => Promise<unknown>;

/** What every step shares. */
export type SendRun = {
  options: SendOptions;
  output: Output;
  emitJson: (value: SendJson) => void;
  /** Runs a slow task behind a progress line (none with `--json`). */
  progress: <T>(label: string, task: () => Promise<T>) => Promise<T>;
};

export const createSendRun = (options: SendOptions, output: Output, emitJson: (value: SendJson) => void): SendRun => ({
  options,
  output,
  emitJson,
  progress: async (label, task) => (options.json ? task() : output.step(label, task)),
});

export type LoadedForSend = {
  factory: LoadedConnectorFactory;
  info: ConnectorInfo;
  /** What the loader printed while loading. */
  warnings: string[];
};

/** Step 1: pack (or take the tarball), extract into the Logto host and load with Logto's loader. */
export const loadConnector = async (
  { options, output, emitJson, progress }: SendRun,
  host: LogtoHost,
  source: ConnectorSourceSpec
): Promise<LoadedForSend | undefined> => {
  const hosted = await progress(
    source.kind === 'directory' ? 'Packing with npm pack and extracting into a Logto host' : 'Extracting into a Logto host',
    async () => addConnectorToHost(host, source)
  );
  const loaded = await progress("Loading with @logto/cli's loadConnectorFactories", async () => loadLikeLogto(host));
  const warnings = loaded.logs.map((log) => log.text);
  const factory = factoryFor(loaded, hosted);
  if (!factory) {
    const message = `Logto would skip ${hosted.name}: ${warnings.join(' ') || 'the loader gave no reason'}`;
    if (options.json) emitJson({ ok: false, stage: 'load', error: { message }, warnings });
    else output.line(`${output.red('✗ Not loadable:')} ${message}`);
    return undefined;
  }
  const info = connectorInfo(factory, hosted.name, hosted.version);
  if (!options.json) {
    output.line(`Loaded ${output.bold(info.id)} (${info.package} ${info.version}, type ${factory.type})`);
    for (const warning of warnings) output.line(`${output.yellow('warning from the loader:')} ${warning}`);
  }
  return { factory, info, warnings };
};

/** Step 2: what the Console would refuse to save, refused before anything is sent. */
export const checkConfig = ({ options, output, emitJson }: SendRun, { factory, info, warnings }: LoadedForSend, config: unknown): boolean => {
  const checked = factory.configGuard.safeParse(config);
  if (checked.success) return true;
  const described: DescribedError = {
    ...explainConnectorErrorCode('invalid_config'),
    errorDescription: "The config does not pass the connector's configGuard; the Console would refuse to save it.",
    issues: readIssues(checked.error) ?? [],
  };
  if (options.json) emitJson({ ok: false, stage: 'config', connector: info, error: described, warnings });
  else for (const line of explainLines(output, described)) output.line(line);
  return false;
};

/** Step 3: the connector as Logto creates it, its `getConfig` answering with `config`. */
export const createConnectorLikeLogto = async (
  { options, output, emitJson }: SendRun,
  { factory, info, warnings }: LoadedForSend,
  config: unknown
): Promise<SendMessage | undefined> => {
  const connector = await factory.createConnector({
    getConfig: async (id: string) => {
      if (id !== factory.metadata.id) throw new Error(`No saved config for connector ${id}`);
      return config;
    },
  });
  if ('sendMessage' in connector && typeof connector.sendMessage === 'function') return connector.sendMessage as unknown as SendMessage;
  const message = `${info.package} has no sendMessage; it is not an SMS or email connector.`;
  if (options.json) emitJson({ ok: false, stage: 'load', connector: info, error: { message }, warnings });
  else output.line(`${output.red('✗')} ${message}`);
  return undefined;
};

/** Step 4: one `sendMessage` call as sign-in (`--saved`) or the Console's "Send" button makes it. */
export const sendCode = async (
  { options, output, emitJson, progress }: SendRun,
  { info, warnings }: LoadedForSend,
  sendMessage: SendMessage,
  config: unknown
): Promise<number> => {
  const payload = { code: options.code, ...(options.locale === undefined ? {} : { locale: options.locale }) };
  const data = { to: options.to, type: options.type, payload };
  const mode = options.saved ? 'sign-in' : 'console';
  try {
    const result = await progress(`Sending to ${options.to} (type ${options.type})`, async () =>
      // Sign-in passes no config (the connector reads the saved one); the Console passes the form.
      options.saved ? sendMessage(data) : sendMessage(data, config)
    );
    if (options.json) emitJson({ ok: true, connector: info, to: options.to, type: options.type, mode, result, warnings });
    else {
      output.line(`${output.green('✓ Sent')} through ${info.id} to ${options.to}.`);
      output.line(`  Provider answer: ${JSON.stringify(result)}`);
    }
    return exitCodes.ok;
  } catch (error) {
    if (!isConnectorError(error)) {
      // Logto answers a non-ConnectorError with HTTP 500 and no explanation: a connector bug.
      const message = `The connector threw a plain ${error instanceof Error ? error.name : typeof error} instead of a ConnectorError; Logto would answer HTTP 500. ${error instanceof Error ? error.message : String(error)}`;
      if (options.json) emitJson({ ok: false, stage: 'send', connector: info, error: { code: 'not_a_connector_error', message }, warnings });
      else output.line(`${output.red('✗ Send failed:')} ${message}`);
      return exitCodes.failed;
    }
    const described = describeConnectorError(error);
    if (options.json) emitJson({ ok: false, stage: 'send', connector: info, error: described, warnings });
    else for (const line of explainLines(output, described)) output.line(line);
    return exitCodes.failed;
  }
};
