/**
 * Negative controls for tests/logto-loader.test.ts: deliberately broken copies of a built
 * connector must be skipped by @logto/cli's loader with its `[load-connector] skip` message, and the
 * harness must see that message. (Separate file = separate process: the loader caches per process.)
 */
import {
  createLogtoHost,
  installTarball,
  loadLikeLogto,
  packConnector,
  type LoadResult,
  type LogtoHost,
} from '@logto-sms/cli';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureBuilt, packageDirectory } from './helpers/build.js';

let host: LogtoHost;
let load: LoadResult;

type Manifest = { name: string; dependencies?: Record<string, string> };

const editJson = async (file: string, edit: (value: Manifest) => void) => {
  const value = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  edit(value);
  await writeFile(file, JSON.stringify(value, null, 2));
};

beforeAll(async () => {
  await ensureBuilt(['connector-aliyun-sms', 'connector-yunpian-sms']);
  host = await createLogtoHost();
  const aliyun = await packConnector(
    packageDirectory('connector-aliyun-sms'),
    path.join(host.root, 'tarballs')
  );
  const yunpian = await packConnector(
    packageDirectory('connector-yunpian-sms'),
    path.join(host.root, 'tarballs')
  );

  // 1. package.json without @logto/connector-kit: the loader's version check refuses it.
  const noKit = await installTarball(host, aliyun.tarball, 'connector-broken-no-kit');
  await editJson(path.join(noKit.directory, 'package.json'), (manifest) => {
    manifest.name = '@logto-sms/connector-broken-no-kit';
    delete manifest.dependencies?.['@logto/connector-kit'];
  });

  // 2. A connector-kit range 5.1.1 does not satisfy.
  const wrongRange = await installTarball(host, aliyun.tarball, 'connector-broken-kit-range');
  await editJson(path.join(wrongRange.directory, 'package.json'), (manifest) => {
    manifest.name = '@logto-sms/connector-broken-kit-range';
    manifest.dependencies = { ...manifest.dependencies, '@logto/connector-kit': '^6.0.0' };
  });

  // 3. A build that imports a package Logto does not provide: it would load inside this repo
  //    (semver is in node_modules here), but not in a Logto host.
  const unbundled = await installTarball(host, aliyun.tarball, 'connector-broken-unbundled');
  await editJson(path.join(unbundled.directory, 'package.json'), (manifest) => {
    manifest.name = '@logto-sms/connector-broken-unbundled';
  });
  const entry = path.join(unbundled.directory, 'lib', 'index.js');
  await writeFile(entry, `import 'semver';\n${await readFile(entry, 'utf8')}`);

  // 4. Not a connector by name: Logto does not even list it.
  const notConnector = await installTarball(host, yunpian.tarball, 'sms-helper');
  await editJson(path.join(notConnector.directory, 'package.json'), (manifest) => {
    manifest.name = '@logto-sms/sms-helper';
  });

  // 5. A healthy connector next to the broken ones still loads, silently.
  await installTarball(host, yunpian.tarball);

  load = await loadLikeLogto(host);
});

afterAll(async () => {
  await host.dispose();
});

describe('broken connector copies', () => {
  it('lists only connector-* packages, as Logto does', () => {
    expect(load.packages.map((item) => item.name).sort()).toEqual(
      [
        '@logto-sms/connector-broken-kit-range',
        '@logto-sms/connector-broken-no-kit',
        '@logto-sms/connector-broken-unbundled',
        '@logto-sms/connector-yunpian-sms',
      ].sort()
    );
  });

  it('loads only the healthy connector', () => {
    expect(load.factories.map((factory) => factory.metadata.id)).toEqual(['logto-sms-yunpian']);
    expect(load.skipped.map((item) => item.name).sort()).toEqual(
      [
        '@logto-sms/connector-broken-kit-range',
        '@logto-sms/connector-broken-no-kit',
        '@logto-sms/connector-broken-unbundled',
      ].sort()
    );
  });

  it.each([
    [
      '@logto-sms/connector-broken-no-kit',
      "Cannot find @logto/connector-kit in connector's dependency",
    ],
    [
      '@logto-sms/connector-broken-kit-range',
      'Connector requires @logto/connector-kit to be ^6.0.0, but the version here is 5.1.1',
    ],
    ['@logto-sms/connector-broken-unbundled', "Cannot find package 'semver'"],
  ])('skips %s with the loader\'s "[load-connector] skip" error', (name, reason) => {
    const lines = load.logs.filter((log) =>
      log.text.includes(`[load-connector] skip ${name} due to error:`)
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('error');
    expect(lines[0]!.text).toContain(reason);
  });

  it('says nothing about the healthy connector', () => {
    expect(load.logs.filter((log) => log.text.includes('connector-yunpian-sms'))).toEqual([]);
    expect(load.logs).toHaveLength(3);
  });
});
