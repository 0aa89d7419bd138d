/**
 * The steps of `logto-sms demo`, in order. Each prints its own lines and records what did not
 * behave as expected in the run's problem list; `summarize` turns that list into the exit code.
 */
import type { Sandbox, SandboxMessage } from '@logto-sms/sandbox';
import { randomInt } from 'node:crypto';

import { connectorMetadataGuard } from '@logto/connector-kit';

import { describeConnectorError, isConnectorError } from '../../connector-error.js';
import {
  addConnectorToHost,
  factoryFor,
  loadLikeLogto,
  type ConnectorSourceSpec,
  type HostedConnector,
  type LoadedConnectorFactory,
  type LogtoHost,
} from '../../logto-host/index.js';
import type { Output } from '../../output.js';
import {
  aliyunConfigFor,
  aliyunMasConfigFor,
  tencentConfigFor,
  yunpianConfigFor,
} from '../../sandbox-configs.js';
import { errorMessage } from '../../unknown-values.js';
import { exitCodes } from '../../usage-error.js';
import type { WorkspaceConnector } from '../../workspace.js';

export type DemoSource = { short: WorkspaceConnector; source: ConnectorSourceSpec };

type DemoConnector = {
  short: WorkspaceConnector;
  provider: SandboxMessage['provider'];
  hosted: HostedConnector;
  factory: LoadedConnectorFactory;
  config: unknown;
};

type SendMessage = (data: unknown, config?: unknown) => Promise<unknown>;

/** The ready-to-paste sandbox config of each connector the demo runs. */
const sandboxConfigOf = {
  aliyun: aliyunConfigFor,
  'aliyun-mas': aliyunMasConfigFor,
  yunpian: yunpianConfigFor,
  tencent: tencentConfigFor,
} as const;

/** What every step shares: where to print, the emulator, the Logto host, the problems so far. */
export type DemoRun = {
  output: Output;
  sandbox: Sandbox;
  host: LogtoHost;
  problems: string[];
  /** Codes the provider accepted, so the inbox must show exactly this many. */
  delivered: number;
  /** Records and prints `problem` unless `ok`; returns `ok`. */
  check: (ok: boolean, problem: string) => boolean;
};

export const createDemoRun = (output: Output, sandbox: Sandbox, host: LogtoHost): DemoRun => {
  const problems: string[] = [];
  return {
    output,
    sandbox,
    host,
    problems,
    delivered: 0,
    check: (ok, problem) => {
      if (!ok) {
        problems.push(problem);
        output.line(`  ${output.red('✗')} ${problem}`);
      }
      return ok;
    },
  };
};

const mainland = '8613800138000';
const overseas = '85261234567';

const sixDigits = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

const pad = (text: string, width: number) =>
  text + ' '.repeat(Math.max(0, width - [...text].length));

const countWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];
/** "three connectors": how the demo names what it runs, from the list it actually runs. */
export const connectorCount = (sources: readonly DemoSource[]): string =>
  `${countWords[sources.length] ?? String(sources.length)} connector${sources.length === 1 ? '' : 's'}`;

/** Step 2: `npm pack` each connector and extract it into the Logto host, as `logto connector add` does. */
export const installConnectors = async (
  { output, host }: DemoRun,
  sources: readonly DemoSource[]
): Promise<HostedConnector[]> => {
  const hosted = await output.step(
    `[2/5] Packing the ${connectorCount(sources)} with npm pack and extracting them into a Logto host`,
    async () => Promise.all(sources.map(async ({ source }) => addConnectorToHost(host, source)))
  );
  for (const item of hosted) {
    output.line(
      `      ${item.name}@${item.version}: ${item.packed?.files.join(', ') ?? 'tarball'}`
    );
  }
  output.line(
    output.dim(
      `      Logto host: ${host.root} (node_modules: ${Object.keys(host.provided).join(', ')} only)`
    )
  );
  return hosted;
};

/**
 * Step 3: load the host's connectors with @logto/cli's loader and check each one's metadata.
 *
 * @returns every connector with its emulator config, or `undefined` when the loader skipped one.
 */
export const loadConnectors = async (
  { output, sandbox, host, check }: DemoRun,
  sources: readonly DemoSource[],
  hosted: readonly HostedConnector[]
): Promise<DemoConnector[] | undefined> => {
  const loaded = await output.step(
    "[3/5] Loading them with @logto/cli's loadConnectorFactories",
    async () => loadLikeLogto(host)
  );
  check(
    loaded.logs.length === 0,
    `the loader printed: ${loaded.logs.map((log) => log.text).join(' | ')}`
  );
  const connectors: DemoConnector[] = [];
  for (const [index, { short }] of sources.entries()) {
    const item = present(hosted[index], `${short} was not installed in the Logto host`);
    const factory = factoryFor(loaded, item);
    if (!check(factory !== undefined, `${item.name} was skipped by the loader`) || !factory) {
      continue;
    }
    const metadataOk = connectorMetadataGuard.safeParse(factory.metadata).success;
    check(
      metadataOk,
      `${factory.metadata.id}: metadata fails connector-kit's connectorMetadataGuard`
    );
    output.line(
      `      ${pad(factory.metadata.id, 21)} type ${factory.type}, ${metadataOk ? 'metadata valid' : 'metadata INVALID'}, no loader warnings: ${loaded.logs.length === 0 ? 'yes' : 'no'}`
    );
    const config = sandboxConfigOf[short](sandbox.config, sandbox.url);
    connectors.push({ short, provider: short, hosted: item, factory, config });
  }
  return connectors.length === sources.length ? connectors : undefined;
};

/** `value`, or an Error saying what is missing: a wiring bug in the demo, not bad input. */
const present = <T>(value: T | undefined, missing: string): T => {
  if (value === undefined) {
    throw new Error(missing);
  }
  return value;
};

const sendFor = (sendOf: ReadonlyMap<WorkspaceConnector, SendMessage>, short: WorkspaceConnector) =>
  present(sendOf.get(short), `${short} did not load, so it has no sendMessage`);

/** Creates the connector the way sign-in does: getConfig returns the saved config for its id. */
const sendFunctionOf = async ({ factory, hosted, config }: DemoConnector): Promise<SendMessage> => {
  const created = await factory.createConnector({
    getConfig: async (id: string) => {
      if (id !== factory.metadata.id) {
        throw new Error(`no saved config for ${id}`);
      }
      return config;
    },
  });
  if (!('sendMessage' in created)) {
    throw new Error(`${hosted.name} has no sendMessage`);
  }
  // eslint-disable-next-line no-restricted-syntax -- the demo passes loose data, as Logto's HTTP layer would, which connector-kit's parameter types exclude
  return created.sendMessage as unknown as SendMessage;
};

/** Aliyun MAS serves mainland numbers only: the connector must refuse before anything reaches the emulator. */
const expectMainlandOnlyRefusal = async (
  { output, sandbox, check }: DemoRun,
  send: SendMessage,
  to: string,
  locale: string
): Promise<void> => {
  const before = sandbox.inbox.count();
  try {
    await send({ to, type: 'SignIn', payload: { code: sixDigits(), locale } });
    check(false, `aliyun-mas → ${to} was accepted; Aliyun MAS only serves mainland numbers`);
  } catch (error) {
    const described = isConnectorError(error) ? describeConnectorError(error) : undefined;
    const refused = check(
      described?.code === 'invalid_request_parameters' && sandbox.inbox.count() === before,
      `aliyun-mas → ${to}: expected invalid_request_parameters before any request, got ${described?.code ?? errorMessage(error)}`
    );
    output.line(
      `      ${refused ? output.green('✓') : output.red('✗')} ${pad('aliyun-mas', 10)} → ${pad(to, 13)} refused before sending: ${String(described?.code)} (mainland China numbers only)`
    );
  }
};

/**
 * Step 4: a sign-in code through each connector to a mainland and an overseas number, checked
 * against what the emulator's inbox received (Aliyun MAS must refuse the overseas one).
 *
 * @returns each connector's `sendMessage`, for the next step.
 */
export const sendSignInCodes = async (
  run: DemoRun,
  connectors: readonly DemoConnector[]
): Promise<Map<WorkspaceConnector, SendMessage>> => {
  const { output, sandbox, check } = run;
  output.line('[4/5] Sending sign-in codes (config read through getConfig, as at sign-in)');
  const sendOf = new Map<WorkspaceConnector, SendMessage>();
  for (const connector of connectors) {
    // eslint-disable-next-line no-await-in-loop -- one connector at a time, so the demo's output reads in order
    sendOf.set(connector.short, await sendFunctionOf(connector));
  }
  for (const connector of connectors) {
    for (const [to, locale] of [
      [mainland, 'zh-CN'],
      [overseas, 'en'],
    ] as const) {
      if (connector.short === 'aliyun-mas' && to === overseas) {
        // eslint-disable-next-line no-await-in-loop -- one send at a time: each is checked against the inbox
        await expectMainlandOnlyRefusal(run, sendFor(sendOf, connector.short), to, locale);
        continue;
      }
      const code = sixDigits();
      const since = Date.now();
      try {
        // eslint-disable-next-line no-await-in-loop -- one send at a time: each is checked against the inbox
        const result = await sendFor(
          sendOf,
          connector.short
        )({
          to,
          type: 'SignIn',
          payload: { code, locale },
        });
        run.delivered += 1;
        // eslint-disable-next-line no-await-in-loop -- the inbox is read for this send before the next one
        const message = await sandbox.inbox.waitForMessage(
          { provider: connector.provider, since },
          5000
        );
        const sameCode = check(
          message.code === code,
          `${connector.short} → ${to}: the inbox shows code ${String(message.code)}, sent ${code}`
        );
        output.line(
          `      ${sameCode ? output.green('✓') : output.red('✗')} ${pad(connector.short, 10)} → ${pad(to, 13)} locale ${pad(locale, 5)} delivered as ${message.to}, answer ${JSON.stringify(result)}`
        );
      } catch (error) {
        const reason = isConnectorError(error)
          ? `ConnectorError ${error.code}: ${describeConnectorError(error).errorDescription ?? ''}`
          : errorMessage(error);
        check(false, `${connector.short} → ${to} failed: ${reason}`);
      }
    }
  }
  return sendOf;
};

/** Step 5: a second Aliyun code to the same number within a minute must come back as rate_limit_exceeded, undelivered. */
export const provokeRateLimit = async (
  { output, sandbox, check }: DemoRun,
  sendOf: ReadonlyMap<WorkspaceConnector, SendMessage>
): Promise<void> => {
  output.line(
    `[5/5] Provoking a rate limit: a second Aliyun code to ${mainland} within the same minute`
  );
  const before = sandbox.inbox.count();
  try {
    await sendFor(
      sendOf,
      'aliyun'
    )({
      to: mainland,
      type: 'SignIn',
      payload: { code: sixDigits(), locale: 'zh-CN' },
    });
    check(
      false,
      'the second send within a minute was accepted; expected isv.BUSINESS_LIMIT_CONTROL'
    );
  } catch (error) {
    if (isConnectorError(error)) {
      const described = describeConnectorError(error);
      check(
        described.code === 'rate_limit_exceeded',
        `expected rate_limit_exceeded, got ${described.code}`
      );
      output.line(
        `      ${output.green('✓')} Aliyun ${String(described.providerCode ?? '(no code)')} → ConnectorError ${output.bold(described.code)} → Logto answers HTTP ${described.logtoStatus}: "${described.logtoShows}"`
      );
      if (described.errorDescription) {
        output.line(`        connector says: ${described.errorDescription}`);
      }
    } else {
      check(false, `expected a ConnectorError, got ${errorMessage(error)}`);
    }
  }
  check(sandbox.inbox.count() === before, 'the rate-limited send still put a message in the inbox');
};

/** The inbox as a table, in the order the messages were sent: one per code a provider accepted. */
export const printInbox = ({ output, sandbox, check, delivered }: DemoRun): void => {
  // The inbox lists newest first.
  const messages = sandbox.inbox.list().reverse();
  output.line();
  output.line(
    output.bold(
      `Inbox (${messages.length} messages; the emulator stops with the demo, "logto-sms sandbox" keeps one running)`
    )
  );
  output.line(`  ${pad('provider', 12)}${pad('received as', 15)}${pad('code', 8)}text`);
  for (const message of messages) {
    output.line(
      `  ${pad(message.provider, 12)}${pad(message.to, 15)}${pad(message.code ?? '-', 8)}${message.text}`
    );
  }
  check(
    messages.length === delivered,
    `expected ${delivered} messages in the inbox, found ${messages.length}`
  );
  output.line();
};

/** The closing lines and the exit code: 1 when any step recorded a problem. */
export const summarize = ({ output, problems, delivered }: DemoRun): number => {
  if (problems.length > 0) {
    output.line(output.red(`Demo finished with ${problems.length} problem(s):`));
    for (const problem of problems) {
      output.line(`  - ${problem}`);
    }
    return exitCodes.failed;
  }
  output.line(
    output.green(
      `Demo finished: ${delivered} codes delivered, the overseas number refused by Aliyun MAS, the rate limit mapped to rate_limit_exceeded, no loader warnings.`
    )
  );
  output.line(
    `Next: "logto-sms sandbox" to keep an emulator running, "logto-sms send --help" to test your own config.`
  );
  return exitCodes.ok;
};
