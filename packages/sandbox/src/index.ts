import { createAliyunEndpoint } from './aliyun/endpoint.js';
import { resolveConfig } from './config/resolve-config.js';
import { FaultRegistry } from './faults/registry.js';
import { Inbox } from './inbox/inbox.js';
import { createSandboxServer } from './server/http-server.js';
import { createRequestGuard, isLoopbackHost } from './server/request-guard.js';
import type { ProviderEndpoint } from './server/provider-endpoint.js';
import type { FaultSpec, MessageFilter, RegisteredFault, SandboxConfig, SandboxConfigInput, SandboxMessage } from './types.js';
import { createYunpianEndpoint, singleSendPath } from './yunpian/endpoint.js';

export { defaultSandboxConfig } from './config/defaults.js';
export { loadSandboxConfigFile } from './config/resolve-config.js';
export { terminalSafe } from './shared/terminal-safe.js';
export type {
  AliyunAccessKey,
  AliyunStsCredential,
  AliyunTemplate,
  FaultKind,
  FaultSpec,
  MessageFilter,
  Provider,
  RegisteredFault,
  SandboxConfig,
  SandboxConfigInput,
  SandboxMessage,
  YunpianAccount,
  YunpianTemplate,
} from './types.js';

export type SandboxOptions = {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Deep-merged over the embedded defaults (arrays replace). */
  config?: SandboxConfigInput;
  /** Clock override in epoch ms, for clock-skew and rate-limit tests. */
  now?: () => number;
  /** Receives one line per provider request. Lines never contain apikeys, secrets or signatures. */
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

export type Sandbox = {
  url: string;
  port: number;
  inboxUrl: string;
  config: SandboxConfig;
  inbox: {
    list(filter?: MessageFilter): SandboxMessage[];
    clear(): void;
    waitForMessage(filter?: MessageFilter, timeoutMs?: number): Promise<SandboxMessage>;
    count(): number;
  };
  faults: { add(fault: FaultSpec): string; clear(): void; list(): RegisteredFault[] };
  close(): Promise<void>;
};

const exposureWarning = (host: string, port: number): string =>
  [
    `WARNING: the SMS sandbox is listening on ${host}:${port}, which other machines on the network can reach.`,
    'Its inbox shows every verification code and its control API arms faults for anyone who can connect.',
    'Bind 127.0.0.1 unless another machine really has to reach it.',
  ].join('\n');

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const config = resolveConfig(options.config);
  const now = options.now ?? Date.now;
  const inbox = new Inbox(config.inbox.maxMessages, now);
  const faults = new FaultRegistry();
  const endpoints = new Map<string, ProviderEndpoint>([
    ['/', createAliyunEndpoint({ config, now, inbox })],
    [singleSendPath, createYunpianEndpoint({ config, now, inbox })],
  ]);
  const host = options.host ?? '127.0.0.1';
  const guard = createRequestGuard({
    boundHost: host,
    allowedHosts: [...[...endpoints.values()].flatMap((endpoint) => endpoint.hosts ?? []), ...(options.allowedHosts ?? [])],
  });
  const server = createSandboxServer({ config, inbox, faults, endpoints, log: options.log, guard });
  const port = await server.listen(host, options.port ?? 0);
  if (!isLoopbackHost(host)) (options.warn ?? console.warn)(exposureWarning(host, port));
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    inboxUrl: `${url}/inbox`,
    config,
    inbox: {
      list: (filter) => inbox.list(filter),
      clear: () => inbox.clear(),
      waitForMessage: (filter, timeoutMs) => inbox.waitForMessage(filter, timeoutMs),
      count: () => inbox.count(),
    },
    faults: {
      add: (fault) => faults.add(fault),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    close: () => (closing ??= server.close()),
  };
};
