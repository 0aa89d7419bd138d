import { createAliyunEndpoint } from './aliyun/endpoint.js';
import { resolveConfig } from './config/resolve-config.js';
import { SandboxListenError } from './errors.js';
import { FaultRegistry } from './faults/registry.js';
import { Inbox } from './inbox/inbox.js';
import { createSandboxServer } from './server/http-server.js';
import type { ProviderEndpoint } from './server/provider-endpoint.js';
import { createRequestGuard, isLoopbackHost } from './server/request-guard.js';
import { createTencentEndpoint } from './tencent/endpoint.js';
import type {
  FaultSpec,
  MessageFilter,
  RegisteredFault,
  SandboxConfig,
  SandboxConfigInput,
  SandboxMessage,
  SandboxRefusal,
} from './types.js';
import { createYunpianEndpoint, singleSendPath } from './yunpian/endpoint.js';
import { createYunpianRecordEndpoints } from './yunpian/records.js';

export { defaultSandboxConfig } from './config/defaults.js';
export { SandboxConfigError, SandboxListenError, SandboxUsageError } from './errors.js';
export { WaitTimeoutError } from './inbox/inbox.js';
export {
  defaultSandboxHost,
  defaultSandboxPort,
  parseSandboxCommandLine,
  sandboxHelp,
  type SandboxCommandLine,
} from './command-line.js';
export { loadSandboxConfigFile } from './config/resolve-config.js';
export { terminalSafe } from './shared/terminal-safe.js';
export type {
  AliyunAccessKey,
  AliyunStsCredential,
  AliyunTemplate,
  DeliveryOutcome,
  DeliveryState,
  FaultKind,
  FaultSpec,
  MessageFilter,
  Provider,
  RegisteredFault,
  SandboxConfig,
  SandboxConfigInput,
  SandboxDelivery,
  SandboxMessage,
  SandboxRefusal,
  TencentSecret,
  TencentSignature,
  TencentStsCredential,
  TencentTemplate,
  YunpianAccount,
  YunpianTemplate,
} from './types.js';

/** How to start the emulator. Every field is optional. */
export type SandboxOptions = {
  /** Address to bind; a loopback address keeps the emulator private to this machine. @default '127.0.0.1' */
  host?: string;
  /** TCP port. @default 0 (an ephemeral port; read the chosen one from `Sandbox.port`) */
  port?: number;
  /** Overrides deep-merged over the embedded defaults (`defaultSandboxConfig`); arrays replace. */
  config?: SandboxConfigInput;
  /** The clock, in epoch milliseconds, for clock-skew and rate-limit tests. @default Date.now */
  now?: () => number;
  /** Receives one line per provider request. Lines never contain apikeys, secrets or signatures. @default no logging */
  log?: (line: string) => void;
  /**
   * Host names besides loopback (`localhost`, 127.0.0.0/8, ::1) and the bound address that requests
   * may name in their Host header, e.g. `host.docker.internal` for a Logto in a container. Any
   * other Host is refused (403), which is what stops DNS-rebinding pages. Default none.
   */
  allowedHosts?: readonly string[];
  /** Receives the warning printed when `host` is not a loopback address. Default `console.warn`. */
  warn?: (message: string) => void;
};

/** A running emulator. */
export type Sandbox = {
  /** Base URL of the provider APIs, e.g. `http://127.0.0.1:4010`: the connectors' `endpoint`. */
  url: string;
  /** The port actually bound (the ephemeral one when `port` was 0). */
  port: number;
  /** `${url}/inbox`: the web page listing received messages. */
  inboxUrl: string;
  /** The resolved config (defaults plus overrides). */
  config: SandboxConfig;
  inbox: {
    /** Messages accepted so far, newest first, optionally filtered. */
    list(filter?: MessageFilter): SandboxMessage[];
    clear(): void;
    /**
     * The next message matching `filter` to arrive; with `filter.since`, one already received at
     * or after that instant counts too, so a test can send first and wait afterwards.
     *
     * @param timeoutMs milliseconds to wait. @default 30000
     * @throws WaitTimeoutError when none arrives in time; an Error when the sandbox closes meanwhile.
     */
    waitForMessage(filter?: MessageFilter, timeoutMs?: number): Promise<SandboxMessage>;
    count(): number;
    /** Requests answered with an error or a fault, newest first (the inbox page shows them as refused). */
    refusals(filter?: Pick<MessageFilter, 'to' | 'provider'>): SandboxRefusal[];
  };
  /** Injected failures (hang, 5xx, truncated answer, …) for the next matching provider requests. */
  faults: { add(fault: FaultSpec): string; clear(): void; list(): RegisteredFault[] };
  /** Stops listening, ends open connections and timers. Idempotent: every call returns the same promise. */
  close(): Promise<void>;
};

const exposureWarning = (host: string, port: number): string =>
  [
    `WARNING: the SMS sandbox is listening on ${host}:${port}, which other machines on the network can reach.`,
    'Its inbox shows every verification code and its control API arms faults for anyone who can connect.',
    'Bind 127.0.0.1 unless another machine really has to reach it.',
  ].join('\n');

/**
 * Starts the emulator of the Aliyun SMS (`SendSms`, V1 and V3 signatures) and YunPian
 * (`single_send`) APIs, with the inbox and the fault registry, on `host:port`.
 *
 * @throws SandboxConfigError when `config` (merged over the defaults) is invalid; nothing listens then.
 * @throws SandboxListenError when the address cannot be bound; its `code` is Node's (`EADDRINUSE`, …).
 */
export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const config = resolveConfig(options.config);
  const now = options.now ?? Date.now;
  const inbox = new Inbox(config.inbox.maxMessages, now);
  const faults = new FaultRegistry();
  // Tencent and Aliyun both answer at '/': Tencent claims the TC3-signed calls, Aliyun the rest.
  const endpoints = new Map<string, ProviderEndpoint[]>([
    [
      '/',
      [createTencentEndpoint({ config, now, inbox }), createAliyunEndpoint({ config, now, inbox })],
    ],
    [singleSendPath, [createYunpianEndpoint({ config, now, inbox })]],
    ...[...createYunpianRecordEndpoints({ config, inbox })].map(
      ([path, endpoint]): [string, ProviderEndpoint[]] => [path, [endpoint]]
    ),
  ]);
  const host = options.host ?? '127.0.0.1';
  const guard = createRequestGuard({
    boundHost: host,
    allowedHosts: [
      ...[...endpoints.values()].flat().flatMap((endpoint) => endpoint.hosts ?? []),
      ...(options.allowedHosts ?? []),
    ],
  });
  const server = createSandboxServer({ config, inbox, faults, endpoints, log: options.log, guard });
  let port: number;
  try {
    port = await server.listen(host, options.port ?? 0);
  } catch (error) {
    throw new SandboxListenError(host, options.port ?? 0, error);
  }
  if (!isLoopbackHost(host)) {
    (options.warn ?? console.warn)(exposureWarning(host, port));
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    inboxUrl: `${url}/inbox`,
    config,
    inbox: {
      list: (filter) => inbox.list(filter),
      clear: () => {
        inbox.clear();
      },
      waitForMessage: async (filter, timeoutMs) => inbox.waitForMessage(filter, timeoutMs),
      count: () => inbox.count(),
      refusals: (filter) => inbox.refusals(filter),
    },
    faults: {
      add: (fault) => faults.add(fault),
      clear: () => {
        faults.clear();
      },
      list: () => faults.list(),
    },
    close: async () => {
      closing ??= server.close();
      return closing;
    },
  };
};
