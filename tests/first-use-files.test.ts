/**
 * The files a built connector reads on its first send, beside lib/index.js: lib/first-use.js (the
 * send flow, the status lookup, the number plan's code) and lib/phone-metadata.json (the number
 * plan's data). Installed as `logto connector add` does, loaded by @logto/cli's own loader, sending
 * to a loopback server: an install that lost either file must refuse the send with a message that
 * says what to do and sends nothing, and must work again once the file is back.
 */
import {
  addConnectorToHost,
  createLogtoHost,
  factoryFor,
  loadLikeLogto,
  type LoadResult,
  type LogtoHost,
} from '@logto-sms/cli';
import { cpSync, renameSync } from 'node:fs';
import path from 'node:path';

import { ConnectorErrorCodes, ConnectorType, type SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { phoneFixture } from '../packages/connector-yunpian-sms/test/phone-fixture.js';

import { ensureBuilt, packageDirectory } from './helpers/build.js';
import {
  rejectionOf,
  sendData,
  sendReply,
  startLoopbackServer,
  type LoopbackServer,
} from './support/index.js';

type Install = { name: string; version: string; directory: string };

let host: LogtoHost;
let loaded: LoadResult;
let provider: LoopbackServer;
// Two installed copies: a module, once imported, stays in the process's module cache, so each case
// needs a copy whose first-use files nothing has imported yet.
const installs: Install[] = [];

beforeAll(async () => {
  await ensureBuilt([phoneFixture.packageName]);
  host = await createLogtoHost();
  const { name, version, directory } = await addConnectorToHost(host, {
    kind: 'directory',
    path: packageDirectory(phoneFixture.packageName),
  });
  cpSync(directory, `${directory}-copy`, { recursive: true });
  installs.push({ name, version, directory }, { name, version, directory: `${directory}-copy` });
  // One load for both, as at a Logto start (the loader caches its result for the process).
  loaded = await loadLikeLogto(host);
  provider = await startLoopbackServer((_request, response) => {
    sendReply(response, phoneFixture.success);
  });
}, 300_000);

afterAll(async () => {
  await provider.close();
  await host.dispose();
});

/** The connector Logto builds from one installed copy. */
const connectorOf = async (install: Install): Promise<SmsConnector> => {
  const factory = factoryFor(loaded, install);
  if (!factory) {
    throw new Error('Logto did not load the installed connector');
  }
  const connector = await factory.createConnector({
    getConfig: async () => phoneFixture.config(provider.url),
  });
  if (connector.type !== ConnectorType.Sms) {
    throw new Error(`expected an SMS connector, got ${connector.type}`);
  }
  return connector;
};

const send = async (connector: SmsConnector) =>
  connector.sendMessage(sendData('+8613800138000'), phoneFixture.config(provider.url));

/** Runs `task` with lib/<file> of `install` moved aside, putting it back afterwards whatever happens. */
const withoutFile = async <T>(
  install: Install,
  file: string,
  task: () => Promise<T>
): Promise<T> => {
  const shipped = path.join(install.directory, 'lib', file);
  renameSync(shipped, `${shipped}.away`);
  try {
    return await task();
  } finally {
    renameSync(`${shipped}.away`, shipped);
  }
};

describe('a built connector whose install lost a first-use file', () => {
  it.each([
    [0, 'first-use.js', /lib\/ is incomplete.*reinstall the connector\. Nothing was sent\./],
    [
      1,
      'phone-metadata.json',
      /lib\/phone-metadata\.json .*reinstall the connector\. Nothing was sent\./,
    ],
  ])(
    'copy %i without lib/%s: General error saying to reinstall, no request; with it back, the same connector sends',
    async (copy, file, message) => {
      const install = installs[copy]!;
      const connector = await connectorOf(install);
      const before = provider.requests.length;
      const error = await withoutFile(install, file, async () => rejectionOf(send(connector)));
      expect(error.code).toBe(ConnectorErrorCodes.General);
      expect(JSON.stringify(error.data)).toMatch(message);
      // The message names the file inside the package, never where the package is installed.
      expect(JSON.stringify(error.data)).not.toContain(host.root);
      expect(provider.requests.length).toBe(before);

      // A failed load is not remembered: the file restored, the next send goes through.
      await send(connector);
      expect(provider.requests.length).toBe(before + 1);
      expect(phoneFixture.recipientOf(provider.requests.at(-1)!)).toBe('13800138000');
    }
  );
});
