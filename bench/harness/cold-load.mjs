// Child process: one cold load, as Logto does it at start-up. Imports @logto/cli's connector loader
// (resolved from this repository) and calls loadConnectorFactories([{ name, path }], false) on one
// installed connector: read package.json, check the @logto/connector-kit range, import lib/index.js,
// call createConnector({ getConfig }), validate the module and read its logo/readme.
//
// Prints one JSON line: times from performance.now() (0 = process start): the loader import and the
// load itself. With no argument it loads an empty list (the baseline every connector row includes).
//
// With a third argument (JSON: implementation, provider, algorithm) it then sends one message the
// way Logto's first sign-in of a process does: createConnector, then sendMessage with the config.
// Run in the got-stubbed host (run.mjs), so the figure is the connector's own first-use work (for
// ours: the send-flow files, the number plan, parsing the config) without a network round trip.
//
// Before the timed load, one async file read starts libuv's thread pool. The loader's first async
// read (the connector's logo) would otherwise pay that start-up, which on this VM takes 0.5–10 ms
// at random: a per-process cost Logto pays once whatever it loads, and noise in a per-connector figure.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const [name, directory, firstSend] = process.argv.slice(2);

const beforeLoader = performance.now();
const { loadConnectorFactories } = await import('@logto/cli/lib/connector/index.js');
await readFile(fileURLToPath(import.meta.url));

const cpuBeforeLoad = process.cpuUsage();
const beforeLoad = performance.now();
const factories = await loadConnectorFactories(name ? [{ name, path: directory }] : [], false);
const loaded = performance.now();
const loadCpu = process.cpuUsage(cpuBeforeLoad);

let firstSendFigures = {};
if (firstSend) {
  const { connectorConfig, message } = await import('./configs.mjs');
  const config = connectorConfig(JSON.parse(firstSend));
  const cpuBeforeSend = process.cpuUsage();
  const beforeSend = performance.now();
  const connector = await factories[0].createConnector({ getConfig: async () => config });
  await connector.sendMessage(message(0), config);
  const sent = performance.now();
  const sendCpu = process.cpuUsage(cpuBeforeSend);
  firstSendFigures = {
    firstSendMs: sent - beforeSend,
    firstSendCpuMs: (sendCpu.user + sendCpu.system) / 1000,
  };
}

process.stdout.write(
  `${JSON.stringify({
    loaded: factories.length,
    expected: name ? 1 : 0,
    startupMs: beforeLoader,
    loaderImportMs: beforeLoad - beforeLoader,
    loadMs: loaded - beforeLoad,
    loadCpuMs: (loadCpu.user + loadCpu.system) / 1000,
    sinceStartMs: loaded,
    ...firstSendFigures,
  })}\n`
);
