// Child process: one cold load, as Logto does it at start-up. Imports @logto/cli's connector loader
// (resolved from this repository) and calls loadConnectorFactories([{ name, path }], false) on one
// installed connector: read package.json, check the @logto/connector-kit range, import lib/index.js,
// call createConnector({ getConfig }), validate the module and read its logo/readme.
//
// Prints one JSON line: times from performance.now() (0 = process start): the loader import and the
// load itself. With no argument it loads an empty list (the baseline every connector row includes).
//
// Before the timed load, one async file read starts libuv's thread pool. The loader's first async
// read (the connector's logo) would otherwise pay that start-up, which on this VM takes 0.5–10 ms
// at random: a per-process cost Logto pays once whatever it loads, and noise in a per-connector figure.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const [name, directory] = process.argv.slice(2);

const beforeLoader = performance.now();
const { loadConnectorFactories } = await import('@logto/cli/lib/connector/index.js');
await readFile(fileURLToPath(import.meta.url));

const cpuBeforeLoad = process.cpuUsage();
const beforeLoad = performance.now();
const factories = await loadConnectorFactories(name ? [{ name, path: directory }] : [], false);
const loaded = performance.now();
const loadCpu = process.cpuUsage(cpuBeforeLoad);

process.stdout.write(
  `${JSON.stringify({
    loaded: factories.length,
    expected: name ? 1 : 0,
    startupMs: beforeLoader,
    loaderImportMs: beforeLoad - beforeLoader,
    loadMs: loaded - beforeLoad,
    loadCpuMs: (loadCpu.user + loadCpu.system) / 1000,
    sinceStartMs: loaded,
  })}\n`
);
