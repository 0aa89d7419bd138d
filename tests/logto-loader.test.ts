/**
 * Installs each BUILT connector exactly as `logto connector add` does (npm pack, extract into
 * packages/core/connectors without dependencies) into a Logto-shaped directory outside the repo,
 * and loads it with @logto/cli 1.43's own loadConnectorFactories. If a connector only works thanks
 * to this repository's node_modules, or its metadata would break the Console, this fails.
 */
import {
  addConnectorToHost,
  createLogtoHost,
  factoryFor,
  findPackageDirectory,
  leakyAncestors,
  loadLikeLogto,
  logtoProvidedPackages,
  type HostedConnector,
  type LoadResult,
  type LogtoHost,
} from '@logto-sms/cli';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

import { connectorMetadataGuard } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureBuilt, packageDirectory, repoRoot } from './helpers/build.js';
import { importSpecifiers, isNodeBuiltin, packageNameOf } from './helpers/imports.js';

// Semver as @logto/cli itself uses it for the connector-kit version check.
const logtoCliDirectory = findPackageDirectory(
  '@logto/cli',
  path.join(repoRoot, 'packages', 'cli')
);
const semver = createRequire(path.join(logtoCliDirectory, 'package.json'))('semver') as {
  satisfies: (version: string, range: string) => boolean;
};

const connectors = [
  {
    directory: 'connector-aliyun-sms',
    id: 'logto-sms-aliyun',
    officialId: 'aliyun-short-message-service',
  },
  { directory: 'connector-yunpian-sms', id: 'logto-sms-yunpian', officialId: 'yunpian-sms' },
  {
    directory: 'connector-aliyun-mas',
    id: 'logto-sms-aliyun-mas',
    officialId: 'aliyun-short-message-auth-service',
  },
  {
    directory: 'connector-tencent-sms',
    id: 'logto-sms-tencent',
    officialId: 'tencent-short-message-service',
  },
] as const;

let host: LogtoHost;
let load: LoadResult;
const hosted = new Map<string, HostedConnector>();

beforeAll(async () => {
  await ensureBuilt(connectors.map(({ directory }) => directory));
  host = await createLogtoHost();
  for (const connector of connectors) {
    hosted.set(
      connector.directory,
      await addConnectorToHost(host, {
        kind: 'directory',
        path: packageDirectory(connector.directory),
      })
    );
  }
  // One call for all: the loader caches its result for the life of the process, as in Logto.
  load = await loadLikeLogto(host);
});

afterAll(async () => {
  await host.dispose();
});

describe('the Logto host itself', () => {
  it('lives outside the repository, with only Logto-provided packages in node_modules', () => {
    expect(host.root.startsWith(repoRoot)).toBe(false);
    expect(leakyAncestors(host.root)).toEqual([]);
    expect(Object.keys(host.provided).sort()).toEqual([...logtoProvidedPackages].sort());
    const kit = JSON.parse(
      readFileSync(
        path.join(host.nodeModulesDirectory, '@logto/connector-kit/package.json'),
        'utf8'
      )
    ) as { version: string };
    expect(kit.version).toBe('5.1.1');
    const zod = JSON.parse(
      readFileSync(path.join(host.nodeModulesDirectory, 'zod/package.json'), 'utf8')
    ) as { version: string };
    expect(zod.version).toBe('3.24.3');
    const got = JSON.parse(
      readFileSync(path.join(host.nodeModulesDirectory, 'got/package.json'), 'utf8')
    ) as { version: string };
    expect(got.version.split('.')[0]).toBe('14');
  });

  it('loaded every connector with no console output at all (no skip, no warning)', () => {
    expect(load.logs).toEqual([]);
    expect(load.skipped).toEqual([]);
    expect(load.factories).toHaveLength(connectors.length);
  });

  it('gives the connectors distinct ids (Logto aborts start-up on duplicates)', () => {
    const ids = load.factories.map((factory) => factory.metadata.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(connectors)('$directory', ({ directory, id, officialId }) => {
  const installed = () => {
    const item = hosted.get(directory);
    if (!item) {
      throw new Error(`${directory} was not installed`);
    }
    return item;
  };
  const factory = () => {
    const found = factoryFor(load, installed());
    if (!found) {
      throw new Error(`${directory} was skipped: ${load.logs.map((log) => log.text).join(' | ')}`);
    }
    return found;
  };
  const manifest = () =>
    JSON.parse(readFileSync(path.join(installed().directory, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    > & {
      dependencies?: Record<string, string>;
    };

  it('is listed by Logto (connector- package name) and loaded', () => {
    expect(load.packages.map((item) => item.path)).toContain(installed().directory);
    expect(factory().path).toBe(installed().directory);
  });

  it(`has id ${id}, not the official ${officialId}, and type Sms`, () => {
    expect(factory().metadata.id).toBe(id);
    expect(factory().metadata.id).not.toBe(officialId);
    expect(factory().type).toBe('Sms');
  });

  it("has metadata connector-kit's connectorMetadataGuard accepts, with the logo and readme resolved", () => {
    const { metadata } = factory();
    const parsed = connectorMetadataGuard.safeParse(metadata);
    expect(parsed.success, JSON.stringify(parsed.success ? null : parsed.error.issues)).toBe(true);
    expect(metadata.logo).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z\d+/]+=*$/);
    const svg = Buffer.from(metadata.logo.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toContain('<svg');
    // The loader replaced './README.md' with the file's text.
    expect(metadata.readme).toBe(
      readFileSync(path.join(installed().directory, 'README.md'), 'utf8')
    );
    expect(metadata.readme.length).toBeGreaterThan(200);
  });

  it('creates a connector with a throwing getConfig without calling it or opening a socket', async () => {
    let getConfigCalls = 0;
    let connects = 0;
    const originalConnect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      connects += 1;
      return (originalConnect as (...rest: unknown[]) => net.Socket).apply(this, args);
    } as typeof originalConnect;
    try {
      const connector = await factory().createConnector({
        getConfig: async () => {
          getConfigCalls += 1;
          throw new Error('getConfig must not be called at load time');
        },
      });
      expect(connector.metadata.id).toBe(id);
      expect(typeof (connector as { sendMessage?: unknown }).sendMessage).toBe('function');
      await new Promise((resolve) => {
        setTimeout(resolve, 50);
      });
    } finally {
      net.Socket.prototype.connect = originalConnect;
    }
    expect(getConfigCalls).toBe(0);
    expect(connects).toBe(0);
  });

  it('ships lib/ (index.js, first-use.js, phone-metadata.json), both READMEs, logo.svg and package.json, and nothing from src or test', () => {
    const tarball = installed().packed?.tarball;
    expect(tarball).toBeDefined();
    const entries = execFileSync('tar', ['-tzf', tarball!], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((entry) => entry.replace(/^package\//, ''));
    for (const required of [
      'lib/index.js',
      'lib/first-use.js',
      'lib/phone-metadata.json',
      'README.md',
      'README.zh-CN.md',
      'logo.svg',
      'package.json',
    ]) {
      expect(entries).toContain(required);
    }
    const leaked = entries.filter(
      (entry) =>
        /^(?:src|test|tests)\//.test(entry) ||
        (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) ||
        entry.includes('node_modules/')
    );
    expect(leaked).toEqual([]);
  });

  it('lib/ imports only Logto-provided packages, Node built-ins and its own files', () => {
    const library = path.join(installed().directory, 'lib');
    const files = readdirSync(library).filter((file) => file.endsWith('.js'));
    expect(files).toContain('index.js');
    for (const file of files) {
      const specifiers = importSpecifiers(readFileSync(path.join(library, file), 'utf8'));
      // A file of the same build (lib/first-use.js, loaded on the first send), never a path out of lib/.
      const own = (specifier: string) =>
        /^\.\/[\w-]+\.js$/.test(specifier) && files.includes(specifier.slice(2));
      const foreign = specifiers.filter(
        (specifier) =>
          !own(specifier) &&
          !isNodeBuiltin(specifier) &&
          !logtoProvidedPackages.includes(packageNameOf(specifier))
      );
      expect(foreign, file).toEqual([]);
      if (file === 'index.js') {
        expect(specifiers).toContain('@logto/connector-kit');
      }
    }
  });

  it('publishes no workspace: ranges and no dependency on the private sms-core or aliyun-pop', () => {
    const packageJson = manifest();
    for (const field of [
      'dependencies',
      'peerDependencies',
      'optionalDependencies',
      'devDependencies',
      'bundleDependencies',
    ]) {
      const ranges = (packageJson[field] ?? {}) as Record<string, string>;
      expect(
        Object.values(ranges).filter((range) => String(range).startsWith('workspace:')),
        field
      ).toEqual([]);
      expect(Object.keys(ranges), field).not.toContain('@logto-sms/sms-core');
      expect(Object.keys(ranges), field).not.toContain('@logto-sms/aliyun-pop');
    }
    expect(packageJson.private).not.toBe(true);
  });

  it("declares @logto/connector-kit with a range Logto 1.43's 5.1.1 satisfies", () => {
    const range = manifest().dependencies?.['@logto/connector-kit'];
    expect(range).toBeTypeOf('string');
    expect(semver.satisfies('5.1.1', range!)).toBe(true);
  });
});

describe('the import scanner (so the check above can fail)', () => {
  it('finds every kind of specifier esbuild emits', () => {
    const sample = [
      'import { a } from "@logto/connector-kit";',
      "import got from 'got';",
      'import "side-effect";',
      'export { b } from "./re-export.js";',
      'const c = await import("dynamic-pkg");',
      'const d = __require("cjs-pkg/sub");',
      "const e = require('node:crypto');",
    ].join('\n');
    expect(importSpecifiers(sample)).toEqual(
      [
        './re-export.js',
        '@logto/connector-kit',
        'cjs-pkg/sub',
        'dynamic-pkg',
        'got',
        'node:crypto',
        'side-effect',
      ].sort()
    );
    expect(packageNameOf('cjs-pkg/sub')).toBe('cjs-pkg');
    expect(isNodeBuiltin('crypto')).toBe(true);
    expect(isNodeBuiltin('got')).toBe(false);
  });
});
