/**
 * The steps of `logto-sms send`, in order: load the connector like Logto, check the config like
 * the Console, create the connector like sign-in, send. A step that fails reports it (text or
 * JSON) and returns `undefined` or `false`, and the command stops with exit code 1.
 */
import {
  describeConnectorError,
  fixFromData,
  isConnectorError,
  readIssues,
  type DescribedError,
} from '../../connector-error.js';
import { explainConnectorErrorCode } from '../../explain.js';
import {
  factoryFor,
  loadLikeLogto,
  type HostedConnector,
  type LoadedConnectorFactory,
  type LogtoHost,
} from '../../logto-host/index.js';
import type { Output } from '../../output.js';
import type { Redactor } from '../../redact.js';
import { exitCodes } from '../../usage-error.js';
import { progressFor, type Progress } from '../hosted-run.js';

import type { SendOptions } from './args.js';
import { connectorInfo, explainLines, type ConnectorInfo, type SendJson } from './render.js';
import { answerForDisplay, connectionRefusedFix, loopbackInboxUrl, whatWasSent } from './sent.js';

type SendMessage = (data: unknown, config?: unknown) => Promise<unknown>;

/** What every step shares. */
export type SendRun = {
  options: SendOptions;
  output: Output;
  emitJson: (value: SendJson) => void;
  /** Runs a slow task behind a progress line (none with `--json`). */
  progress: Progress;
  /** Masks the verification code where it can appear (message text, provider messages). */
  codeRedactor: Redactor;
};

export const createSendRun = (
  options: SendOptions,
  output: Output,
  emitJson: (value: SendJson) => void,
  codeRedactor: Redactor
): SendRun => ({
  options,
  output,
  emitJson,
  progress: progressFor(output, options.json),
  codeRedactor,
});

// The id each connector returns: Aliyun `bizId`, YunPian `sid`, Tencent `serialNo`.
const messageIdKeys = ['bizId', 'sid', 'serialNo'] as const;

/** The provider's message id in a send result, if the connector returned one. */
export const providerMessageId = (result: unknown): string | undefined => {
  if (typeof result !== 'object' || result === null) {
    return undefined;
  }
  const found = messageIdKeys
    .map((key): unknown => Reflect.get(result, key))
    .find((value) => typeof value === 'string' && value !== '');
  return typeof found === 'string' ? found : undefined;
};

export type LoadedForSend = {
  factory: LoadedConnectorFactory;
  info: ConnectorInfo;
  /** What the loader printed while loading. */
  warnings: string[];
};

/** Step 1: load the connector installed in the Logto host with Logto's own loader. */
export const loadConnector = async (
  { options, output, emitJson, progress }: SendRun,
  host: LogtoHost,
  hosted: HostedConnector
): Promise<LoadedForSend | undefined> => {
  const loaded = await progress("Loading with @logto/cli's loadConnectorFactories", async () =>
    loadLikeLogto(host)
  );
  const warnings = loaded.logs.map((log) => log.text);
  const factory = factoryFor(loaded, hosted);
  if (!factory) {
    const message = `Logto would skip ${hosted.name}: ${warnings.join(' ') || 'the loader gave no reason'}`;
    if (options.json) {
      emitJson({ ok: false, stage: 'load', error: { message }, warnings });
    } else {
      output.line(`${output.red('✗ Not loadable:')} ${message}`);
    }
    return undefined;
  }
  const info = connectorInfo(factory, hosted.name, hosted.version);
  if (!options.json) {
    output.line(
      `Loaded ${output.bold(info.id)} (${info.package} ${info.version}, type ${factory.type})`
    );
    for (const warning of warnings) {
      output.line(`${output.yellow('warning from the loader:')} ${warning}`);
    }
  }
  return { factory, info, warnings };
};

/** Step 2: what the Console would refuse to save, refused before anything is sent. */
export const checkConfig = (
  { options, output, emitJson }: SendRun,
  { factory, info, warnings }: LoadedForSend,
  config: Record<string, unknown>
): boolean => {
  const checked = factory.configGuard.safeParse(config);
  if (checked.success) {
    return true;
  }
  const issues = readIssues(checked.error) ?? [];
  const fix = fixFromData({ issues });
  const described: DescribedError = {
    ...explainConnectorErrorCode('invalid_config'),
    errorDescription:
      "The config does not pass the connector's configGuard; the Console would refuse to save it.",
    ...(fix ? { fix } : {}),
    issues,
  };
  if (options.json) {
    emitJson({ ok: false, stage: 'config', connector: info, error: described, warnings });
  } else {
    for (const line of explainLines(output, described)) {
      output.line(line);
    }
  }
  return false;
};

/** Step 3: the connector as Logto creates it, its `getConfig` answering with `config`. */
export const createConnectorLikeLogto = async (
  { options, output, emitJson }: SendRun,
  { factory, info, warnings }: LoadedForSend,
  config: Record<string, unknown>
): Promise<SendMessage | undefined> => {
  const connector = await factory.createConnector({
    getConfig: async (id: string) => {
      if (id !== factory.metadata.id) {
        throw new Error(`No saved config for connector ${id}`);
      }
      return config;
    },
  });
  if ('sendMessage' in connector && typeof connector.sendMessage === 'function') {
    // eslint-disable-next-line no-restricted-syntax -- the CLI passes loose data, as Logto's HTTP layer would, which connector-kit's parameter types exclude
    return connector.sendMessage as unknown as SendMessage;
  }
  const message = `${info.package} has no sendMessage; it is not an SMS or email connector.`;
  if (options.json) {
    emitJson({ ok: false, stage: 'load', connector: info, error: { message }, warnings });
  } else {
    output.line(`${output.red('✗')} ${message}`);
  }
  return undefined;
};

/** A successful send: what went out and where to read it, as JSON or text. */
const printSent = (
  {
    options,
    output,
    emitJson,
    codeRedactor,
  }: Pick<SendRun, 'options' | 'output' | 'emitJson' | 'codeRedactor'>,
  { info, warnings }: Pick<LoadedForSend, 'info' | 'warnings'>,
  result: unknown,
  config: Record<string, unknown>
): void => {
  const mode = options.saved ? 'sign-in' : 'console';
  const answer = answerForDisplay(result, codeRedactor);
  const sent = whatWasSent(answer);
  const inboxUrl = loopbackInboxUrl(config);
  if (options.json) {
    emitJson({
      ok: true,
      connector: info,
      to: options.to,
      type: options.type,
      mode,
      ...sent,
      ...(inboxUrl ? { inboxUrl } : {}),
      result: answer,
      warnings,
    });
  } else {
    output.line(`${output.green('✓ Sent')} through ${info.id} to ${options.to}.`);
    if (sent.providerRecipient) {
      output.line(`  Provider received: ${sent.providerRecipient}`);
    }
    if (sent.template) {
      output.line(`  Template used:     ${sent.template}`);
    }
    if (inboxUrl) {
      output.line(`  Read it in:        ${inboxUrl}`);
    }
    output.line(`  Provider answer:   ${JSON.stringify(answer)}`);
    const messageId = providerMessageId(result);
    if (messageId !== undefined) {
      output.line(
        `  Message id:        ${messageId} (did it arrive? logto-sms status ${options.target} --config ${options.configFile} --to ${options.to} --id '${messageId}')`
      );
    }
  }
};

/** Step 4: one `sendMessage` call as sign-in (`--saved`) or the Console's "Send" button makes it. */
export const sendCode = async (
  { options, output, emitJson, progress, codeRedactor }: SendRun,
  { info, warnings }: LoadedForSend,
  sendMessage: SendMessage,
  config: Record<string, unknown>
): Promise<number> => {
  const payload = {
    code: options.code,
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  };
  const data = { to: options.to, type: options.type, payload };
  try {
    const result = await progress(`Sending to ${options.to} (type ${options.type})`, async () =>
      // Sign-in passes no config (the connector reads the saved one); the Console passes the form.
      options.saved ? sendMessage(data) : sendMessage(data, config)
    );
    printSent({ options, output, emitJson, codeRedactor }, { info, warnings }, result, config);
    return exitCodes.ok;
  } catch (error) {
    if (!isConnectorError(error)) {
      // Logto answers a non-ConnectorError with HTTP 500 and no explanation: a connector bug.
      const message = `The connector threw a plain ${error instanceof Error ? error.name : typeof error} instead of a ConnectorError; Logto would answer HTTP 500. ${error instanceof Error ? error.message : String(error)}`;
      if (options.json) {
        emitJson({
          ok: false,
          stage: 'send',
          connector: info,
          error: { code: 'not_a_connector_error', message },
          warnings,
        });
      } else {
        output.line(`${output.red('✗ Send failed:')} ${message}`);
      }
      return exitCodes.failed;
    }
    const described = codeRedactor.deep(describeConnectorError(error));
    const refused = connectionRefusedFix(config, described.errorDescription);
    if (refused) {
      described.fix = refused;
    }
    if (options.json) {
      emitJson({ ok: false, stage: 'send', connector: info, error: described, warnings });
    } else {
      for (const line of explainLines(output, described)) {
        output.line(line);
      }
    }
    return exitCodes.failed;
  }
};
