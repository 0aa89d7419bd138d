/**
 * The files a built connector reads on its first send, beside lib/index.js: lib/first-use.js (the
 * send flow, the status lookup, the number plan's code) and lib/phone-metadata.json (the number
 * plan's data). Installed as `logto connector add` does, loaded by @logto/cli's own loader, sending
 * to a loopback server: an install that lost or damaged either file must refuse the send with a
 * message that says what to do and send nothing, and must work again once the file is back (a damaged
 * lib/first-use.js stays in Node's module cache, so that message also says to restart Logto).
 */
import {
  addConnectorToHost,
  createLogtoHost,
  factoryFor,
  loadLikeLogto,
  type LoadResult,
  type LogtoHost,
} from '@logto-sms/cli';
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ConnectorErrorCodes, ConnectorType, type SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { phoneFixture } from '../packages/connector-yunpian-sms/test/phone-fixture.js';

import { ensureBuilt, packageDirectory } from './helpers/build.js';
import {
  fieldOf,
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

/** How a case damages one file of lib/: moved away, or its text replaced. */
type Damage = {
  file: 'first-use.js' | 'phone-metadata.json';
  replaceWith?: (text: string) => string;
};

const cases: Array<[name: string, damage: Damage, message: RegExp, recovers: boolean]> = [
  [
    'without lib/first-use.js',
    { file: 'first-use.js' },
    /lib\/ is incomplete or damaged\); reinstall the connector and restart Logto\. Nothing was sent\./,
    true,
  ],
  [
    'without lib/phone-metadata.json',
    { file: 'phone-metadata.json' },
    /could not read lib\/phone-metadata\.json .*missing or damaged\): reinstall the connector\./,
    true,
  ],
  [
    'with lib/phone-metadata.json cut short',
    { file: 'phone-metadata.json', replaceWith: (text) => text.slice(0, text.length / 2) },
    /could not read lib\/phone-metadata\.json .*missing or damaged\): reinstall the connector\./,
    true,
  ],
  [
    'with lib/phone-metadata.json valid JSON but not the number plan',
    { file: 'phone-metadata.json', replaceWith: () => '{}' },
    /could not read lib\/phone-metadata\.json .*missing or damaged\): reinstall the connector\./,
    true,
  ],
  [
    'with lib/first-use.js damaged',
    { file: 'first-use.js', replaceWith: (text) => text.slice(0, text.length / 2) },
    /lib\/ is incomplete or damaged\); reinstall the connector and restart Logto\. Nothing was sent\./,
    false,
  ],
];

// One installed copy per case: a module, once imported, stays in the process's module cache, so
// each case needs a copy whose first-use files nothing has imported yet.
const installs = new Map<string, Install>();

beforeAll(async () => {
  await ensureBuilt([phoneFixture.packageName]);
  host = await createLogtoHost();
  const { name, version, directory } = await addConnectorToHost(host, {
    kind: 'directory',
    path: packageDirectory(phoneFixture.packageName),
  });
  for (const [index, [caseName]] of cases.entries()) {
    const copy = `${directory}-case-${index}`;
    cpSync(directory, copy, { recursive: true });
    installs.set(caseName, { name, version, directory: copy });
  }
  // One load for all, as at a Logto start (the loader caches its result for the process).
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

/** Runs `task` with lib/<file> of `install` damaged, putting the shipped file back afterwards whatever happens. */
const withDamage = async <T>(
  install: Install,
  { file, replaceWith }: Damage,
  task: () => Promise<T>
): Promise<T> => {
  const shipped = path.join(install.directory, 'lib', file);
  const text = readFileSync(shipped, 'utf8');
  renameSync(shipped, `${shipped}.away`);
  if (replaceWith) {
    writeFileSync(shipped, replaceWith(text));
  }
  try {
    return await task();
  } finally {
    renameSync(`${shipped}.away`, shipped);
  }
};

describe('a built connector whose install lost or damaged a first-use file', () => {
  it.each(cases)(
    '%s: General error saying what to do, no request; with the file back, the same connector sends',
    async (caseName, damage, message, recovers) => {
      const install = installs.get(caseName)!;
      const connector = await connectorOf(install);
      const before = provider.requests.length;
      const error = await withDamage(install, damage, async () => rejectionOf(send(connector)));
      expect(error.code).toBe(ConnectorErrorCodes.General);
      expect(JSON.stringify(error.data)).toMatch(message);
      // The message names the file inside the package, never where the package is installed.
      expect(JSON.stringify(error.data)).not.toContain(host.root);
      expect(provider.requests.length).toBe(before);

      if (recovers) {
        // A failed load is not remembered: the file restored, the next send goes through.
        await send(connector);
        expect(provider.requests.length).toBe(before + 1);
        expect(phoneFixture.recipientOf(provider.requests.at(-1)!)).toBe('13800138000');
      } else {
        // Node keeps the damaged module for the life of the process: hence "restart Logto".
        expect(JSON.stringify((await rejectionOf(send(connector))).data)).toMatch(message);
        expect(provider.requests.length).toBe(before);
      }
    }
  );
});

describe("a built connector's delivery-status lookup (logto-sms status) without lib/first-use.js", () => {
  it('says that nothing was looked up, not that nothing was sent', async () => {
    const install = installs.get('without lib/first-use.js')!;
    // A fresh copy: the cases above already imported this copy's lib/first-use.js.
    const copy = `${install.directory}-status`;
    cpSync(install.directory, copy, { recursive: true });
    const module: unknown = await import(pathToFileURL(path.join(copy, 'lib', 'index.js')).href);
    const query = fieldOf(module, 'queryDeliveryStatus');
    if (typeof query !== 'function') {
      throw new TypeError('lib/index.js exports no queryDeliveryStatus');
    }
    const error = await withDamage(
      { ...install, directory: copy },
      { file: 'first-use.js' },
      async () =>
        rejectionOf(
          (query as (config: unknown, query: unknown) => Promise<unknown>)(
            phoneFixture.config(provider.url),
            { to: '+8613800138000' }
          )
        )
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(JSON.stringify(error.data)).toMatch(/restart Logto\. Nothing was looked up\./);
  });
});
