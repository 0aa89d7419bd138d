import {
  addConnectorToHost,
  createLogtoHost,
  factoryFor,
  loadLikeLogto,
  type HostedConnector,
  type LoadedConnectorFactory,
  type LoadResult,
  type LogtoHost,
} from '@logto-sms/cli';

import { errorData, rejectionOf, sendData } from '../support/index.js';

import { ensureBuilt, packageDirectory } from './build.js';

export type LoadedConnector = { hosted: HostedConnector; factory: LoadedConnectorFactory };

export type LogtoWithConnectors = {
  host: LogtoHost;
  load: LoadResult;
  aliyun: LoadedConnector;
  aliyunMas: LoadedConnector;
  yunpian: LoadedConnector;
  tencent: LoadedConnector;
};

/**
 * Builds (if stale), packs every connector, extracts them into a fresh Logto-shaped directory and
 * loads them with @logto/cli's loader: the real lib/index.js, as a Logto instance would run it.
 * Call once per test file (the loader caches per process; each test file is its own process).
 */
export const loadBuiltConnectors = async (): Promise<LogtoWithConnectors> => {
  const packages = [
    'connector-aliyun-sms',
    'connector-aliyun-mas',
    'connector-yunpian-sms',
    'connector-tencent-sms',
  ];
  await ensureBuilt(packages);
  const host = await createLogtoHost();
  const [aliyun, aliyunMas, yunpian, tencent] = await Promise.all(
    packages.map(async (name) =>
      addConnectorToHost(host, { kind: 'directory', path: packageDirectory(name) })
    )
  );
  const load = await loadLikeLogto(host);
  const pick = (hosted: HostedConnector | undefined): LoadedConnector => {
    if (!hosted) {
      throw new Error('connector was not installed');
    }
    const factory = factoryFor(load, hosted);
    if (!factory) {
      throw new Error(
        `Logto's loader skipped ${hosted.name}: ${load.logs.map((log) => log.text).join(' | ')}`
      );
    }
    return { hosted, factory };
  };
  return {
    host,
    load,
    aliyun: pick(aliyun),
    aliyunMas: pick(aliyunMas),
    yunpian: pick(yunpian),
    tencent: pick(tencent),
  };
};

export type SmsSender = {
  /** As at sign-in: no config argument, the connector reads it through getConfig. */
  signIn: (to: string, payload: Record<string, unknown>, type?: string) => Promise<unknown>;
  /** As the Console's "Send" button: type Generic and the unsaved config as the second argument. */
  consoleTest: (to: string, code?: string) => Promise<unknown>;
};

/** A connector instance from a loaded factory, with `config` as the saved config. */
export const senderFor = async (
  { factory }: LoadedConnector,
  config: unknown
): Promise<SmsSender> => {
  const connector = await factory.createConnector({
    getConfig: async (id: string) => {
      if (id !== factory.metadata.id) {
        throw new Error(`getConfig called with ${id}`);
      }
      return config;
    },
  });
  if (!('sendMessage' in connector)) {
    throw new Error(`${factory.metadata.id} has no sendMessage`);
  }
  return {
    signIn: async (to, payload, type = 'SignIn') =>
      connector.sendMessage(sendData(to, payload, type)),
    consoleTest: async (to, code = '000000') =>
      connector.sendMessage(sendData(to, { code }, 'Generic'), config),
  };
};

/** The ConnectorError `task` rejects with, its `data` as a record (fails the test otherwise). */
export const connectorErrorOf = async (
  task: () => Promise<unknown>
): Promise<{ code: string; data: Record<string, unknown>; message: string }> => {
  const error = await rejectionOf(task);
  return { code: error.code, data: errorData(error), message: error.message };
};

export const randomCode = () => String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
