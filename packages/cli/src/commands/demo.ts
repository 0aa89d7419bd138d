import { randomInt } from 'node:crypto';

import { connectorMetadataGuard } from '@logto/connector-kit';
import { startSandbox, type Sandbox, type SandboxMessage } from '@logto-sms/sandbox';

import { parseCommandArgs } from '../args.js';
import { describeConnectorError, isConnectorError } from '../connector-error.js';
import {
  addConnectorToHost,
  createLogtoHost,
  factoryFor,
  loadLikeLogto,
  type HostedConnector,
  type LoadedConnectorFactory,
} from '../logto-host/index.js';
import type { Output } from '../output.js';
import { aliyunConfigFor, aliyunMasConfigFor, yunpianConfigFor } from '../sandbox-configs.js';
import { exitCodes } from '../usage-error.js';
import { resolveConnectorSource, type WorkspaceConnector } from '../workspace.js';

export const demoHelp = `Usage: logto-sms demo

A one-command tour, finished in seconds, with nothing to configure:
  1. starts the emulator on a free loopback port;
  2. packs the three connectors (Aliyun SMS, Aliyun MAS, YunPian) with npm pack and loads them
     through @logto/cli's loader, exactly as a Logto instance would (extracted without
     dependencies into a Logto-shaped directory);
  3. sends a code through each to a mainland (8613800138000) and an overseas (85261234567)
     number, the way sign-in does (Aliyun MAS is mainland-only: it refuses the overseas number
     before sending);
  4. provokes Aliyun's per-number rate limit and shows how the error reaches Logto;
  5. prints what arrived in the inbox.

Exit codes: 0 everything behaved as expected, 1 something did not (the output says what).`;

type DemoConnector = {
  short: WorkspaceConnector;
  provider: SandboxMessage['provider'];
  hosted: HostedConnector;
  factory?: LoadedConnectorFactory;
  config: unknown;
};

type SendMessage = (data: unknown, config?: unknown) => Promise<unknown>;

const mainland = '8613800138000';
const overseas = '85261234567';

const sixDigits = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

/** Creates the connector the way sign-in does: getConfig returns the saved config for its id. */
const sendFunctionOf = async (connector: DemoConnector): Promise<SendMessage> => {
  const factory = connector.factory;
  if (!factory) throw new Error(`${connector.hosted.name} did not load`);
  const created = await factory.createConnector({
    getConfig: async (id: string) => {
      if (id !== factory.metadata.id) throw new Error(`no saved config for ${id}`);
      return connector.config;
    },
  });
  if (!('sendMessage' in created)) throw new Error(`${connector.hosted.name} has no sendMessage`);
  return created.sendMessage as unknown as SendMessage;
};

export const runDemo = async (argv: readonly string[], output: Output): Promise<number> => {
  const { values } = parseCommandArgs('demo', argv, {}, { maxPositionals: 0 });
  if (values.help) {
    output.line(demoHelp);
    return exitCodes.ok;
  }
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) {
      problems.push(problem);
      output.line(`  ${output.red('✗')} ${problem}`);
    }
    return ok;
  };

  // Validate the inputs before starting anything, so a missing build is a clear usage error.
  const sources = (['aliyun', 'aliyun-mas', 'yunpian'] as const).map((short) => ({
    short,
    source: resolveConnectorSource('demo', short),
  }));

  output.line(output.bold('logto-sms demo: three connectors, one local emulator, the loader Logto itself uses'));
  output.line();
  const sandbox: Sandbox = await startSandbox({ host: '127.0.0.1', port: 0, log: () => undefined });
  const host = await createLogtoHost();
  try {
    output.line(`[1/5] Emulator listening on ${sandbox.url} (inbox: ${sandbox.inboxUrl})`);

    const hosted = await output.step('[2/5] Packing the three connectors with npm pack and extracting them into a Logto host', async () =>
      Promise.all(sources.map(async ({ source }) => addConnectorToHost(host, source)))
    );
    for (const item of hosted) {
      output.line(`      ${item.name}@${item.version}: ${item.packed?.files.join(', ') ?? 'tarball'}`);
    }
    output.line(output.dim(`      Logto host: ${host.root} (node_modules: ${Object.keys(host.provided).join(', ')} only)`));

    const loaded = await output.step("[3/5] Loading them with @logto/cli's loadConnectorFactories", async () => loadLikeLogto(host));
    check(loaded.logs.length === 0, `the loader printed: ${loaded.logs.map((log) => log.text).join(' | ')}`);
    const connectors: DemoConnector[] = sources.map(({ short }, index) => {
      const item = hosted[index]!;
      const configFor = { aliyun: aliyunConfigFor, 'aliyun-mas': aliyunMasConfigFor, yunpian: yunpianConfigFor }[short];
      const config = configFor(sandbox.config, sandbox.url);
      return { short, provider: short, hosted: item, factory: factoryFor(loaded, item), config };
    });
    for (const connector of connectors) {
      const { factory } = connector;
      if (!check(factory !== undefined, `${connector.hosted.name} was skipped by the loader`) || !factory) continue;
      const metadataOk = connectorMetadataGuard.safeParse(factory.metadata).success;
      check(metadataOk, `${factory.metadata.id}: metadata fails connector-kit's connectorMetadataGuard`);
      output.line(
        `      ${pad(factory.metadata.id, 21)} type ${factory.type}, ${metadataOk ? 'metadata valid' : 'metadata INVALID'}, no loader warnings: ${loaded.logs.length === 0 ? 'yes' : 'no'}`
      );
    }
    if (connectors.some((connector) => !connector.factory)) return exitCodes.failed;

    output.line('[4/5] Sending sign-in codes (config read through getConfig, as at sign-in)');
    const sendOf = new Map<WorkspaceConnector, SendMessage>();
    for (const connector of connectors) sendOf.set(connector.short, await sendFunctionOf(connector));
    const deliveries: Array<{ connector: DemoConnector; to: string; code: string; message?: SandboxMessage }> = [];
    for (const connector of connectors) {
      for (const [to, locale] of [
        [mainland, 'zh-CN'],
        [overseas, 'en'],
      ] as const) {
        const code = sixDigits();
        const since = Date.now();
        if (connector.short === 'aliyun-mas' && to === overseas) {
          // Mainland only: the connector must refuse before anything reaches the emulator.
          const before = sandbox.inbox.count();
          try {
            await sendOf.get(connector.short)!({ to, type: 'SignIn', payload: { code, locale } });
            check(false, `aliyun-mas → ${to} was accepted; Aliyun MAS only serves mainland numbers`);
          } catch (error) {
            const described = isConnectorError(error) ? describeConnectorError(error) : undefined;
            const refused = check(
              described?.code === 'invalid_request_parameters' && sandbox.inbox.count() === before,
              `aliyun-mas → ${to}: expected invalid_request_parameters before any request, got ${described?.code ?? (error as Error).message}`
            );
            output.line(`      ${refused ? output.green('✓') : output.red('✗')} ${pad(connector.short, 10)} → ${pad(to, 13)} refused before sending: ${String(described?.code)} (mainland China numbers only)`);
          }
          continue;
        }
        try {
          const result = await sendOf.get(connector.short)!({ to, type: 'SignIn', payload: { code, locale } });
          const message = await sandbox.inbox.waitForMessage({ provider: connector.provider, since }, 5000);
          deliveries.push({ connector, to, code, message });
          const sameCode = check(message.code === code, `${connector.short} → ${to}: the inbox shows code ${String(message.code)}, sent ${code}`);
          output.line(
            `      ${sameCode ? output.green('✓') : output.red('✗')} ${pad(connector.short, 10)} → ${pad(to, 13)} locale ${pad(locale, 5)} delivered as ${message.to}, answer ${JSON.stringify(result)}`
          );
        } catch (error) {
          deliveries.push({ connector, to, code });
          const reason = isConnectorError(error)
            ? `ConnectorError ${error.code}: ${describeConnectorError(error).errorDescription ?? ''}`
            : (error as Error).message;
          check(false, `${connector.short} → ${to} failed: ${reason}`);
        }
      }
    }

    output.line(`[5/5] Provoking a rate limit: a second Aliyun code to ${mainland} within the same minute`);
    const before = sandbox.inbox.count();
    try {
      await sendOf.get('aliyun')!({ to: mainland, type: 'SignIn', payload: { code: sixDigits(), locale: 'zh-CN' } });
      check(false, 'the second send within a minute was accepted; expected isv.BUSINESS_LIMIT_CONTROL');
    } catch (error) {
      if (!isConnectorError(error)) {
        check(false, `expected a ConnectorError, got ${(error as Error).message}`);
      } else {
        const described = describeConnectorError(error);
        check(described.code === 'rate_limit_exceeded', `expected rate_limit_exceeded, got ${described.code}`);
        output.line(
          `      ${output.green('✓')} Aliyun ${String(described.providerCode ?? '(no code)')} → ConnectorError ${output.bold(described.code)} → Logto answers HTTP ${described.logtoStatus}: "${described.logtoShows}"`
        );
        if (described.errorDescription) output.line(`        connector says: ${described.errorDescription}`);
      }
    }
    check(sandbox.inbox.count() === before, 'the rate-limited send still put a message in the inbox');

    // The inbox lists newest first; print in the order they were sent.
    const messages = sandbox.inbox.list().reverse();
    output.line();
    output.line(output.bold(`Inbox (${messages.length} messages; the emulator stops with the demo, "logto-sms sandbox" keeps one running)`));
    output.line(`  ${pad('provider', 12)}${pad('received as', 15)}${pad('code', 8)}text`);
    for (const message of messages) {
      output.line(`  ${pad(message.provider, 12)}${pad(message.to, 15)}${pad(message.code ?? '-', 8)}${message.text}`);
    }
    check(messages.length === 5, `expected 5 messages in the inbox, found ${messages.length}`);
    output.line();
    if (problems.length > 0) {
      output.line(output.red(`Demo finished with ${problems.length} problem(s):`));
      for (const problem of problems) output.line(`  - ${problem}`);
      return exitCodes.failed;
    }
    output.line(output.green('Demo finished: 5 codes delivered, the overseas number refused by Aliyun MAS, the rate limit mapped to rate_limit_exceeded, no loader warnings.'));
    output.line(`Next: "logto-sms sandbox" to keep an emulator running, "logto-sms send --help" to test your own config.`);
    return exitCodes.ok;
  } finally {
    await host.dispose();
    await sandbox.close();
  }
};

