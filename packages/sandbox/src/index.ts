import { createAliyunEndpoint } from './aliyun/endpoint.js';
import { resolveConfig } from './config/resolve-config.js';
import { FaultRegistry } from './faults/registry.js';
import { Inbox } from './inbox/inbox.js';
import { createSandboxServer } from './server/http-server.js';
import type { ProviderEndpoint } from './server/provider-endpoint.js';
import { createTencentEndpoint } from './tencent/endpoint.js';
import type { FaultSpec, MessageFilter, RegisteredFault, SandboxConfig, SandboxConfigInput, SandboxMessage } from './types.js';
import { createYunpianEndpoint, singleSendPath } from './yunpian/endpoint.js';

export { defaultSandboxConfig } from './config/defaults.js';
export { loadSandboxConfigFile } from './config/resolve-config.js';
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
  TencentSecret,
  TencentSignature,
  TencentStsCredential,
  TencentTemplate,
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

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const config = resolveConfig(options.config);
  const now = options.now ?? Date.now;
  const inbox = new Inbox(config.inbox.maxMessages, now);
  const faults = new FaultRegistry();
  // Tencent and Aliyun both answer at '/': Tencent claims the TC3-signed calls, Aliyun the rest.
  const endpoints = new Map<string, ProviderEndpoint[]>([
    ['/', [createTencentEndpoint({ config, now, inbox }), createAliyunEndpoint({ config, now, inbox })]],
    [singleSendPath, [createYunpianEndpoint({ config, now, inbox })]],
  ]);
  const server = createSandboxServer({ config, inbox, faults, endpoints, log: options.log });
  const host = options.host ?? '127.0.0.1';
  const port = await server.listen(host, options.port ?? 0);
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
