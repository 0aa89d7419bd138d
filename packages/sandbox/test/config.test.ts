import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveConfig } from '../src/config/resolve-config.js';
import { defaultSandboxConfig, loadSandboxConfigFile, startSandbox } from '../src/index.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'sandbox-config-'));
});
afterAll(async () => rm(directory, { recursive: true, force: true }));

describe('embedded defaults', () => {
  it('are exactly the values the CLI prints', () => {
    expect(defaultSandboxConfig.aliyun.accessKeys).toEqual([
      { accessKeyId: 'LTAI5tSandboxKeyId0001', accessKeySecret: 'SandboxAccessKeySecret000000001' },
    ]);
    expect(defaultSandboxConfig.aliyun.stsCredentials).toEqual([
      {
        accessKeyId: 'STS.SandboxTempKeyId0001',
        accessKeySecret: 'SandboxStsSecret0000000000001',
        securityToken: 'SandboxStsToken-0001',
      },
    ]);
    expect(defaultSandboxConfig.aliyun.signatures).toEqual(['Logto测试', 'LogtoSandbox']);
    expect(
      defaultSandboxConfig.aliyun.templates.map((template) => [
        template.code,
        template.type,
        template.region,
      ])
    ).toEqual([
      ['SMS_900001', 'verification', 'mainland'],
      ['SMS_900002', 'verification', 'international'],
      ['SMS_900003', 'verification', 'mainland'],
      ['SMS_900010', 'notification', 'mainland'],
    ]);
    expect(
      defaultSandboxConfig.yunpian.accounts.map((account) => [
        account.apikey,
        account.international,
        account.balance,
      ])
    ).toEqual([
      ['5a1b2c3d4e5f60718293a4b5c6d7e8f9', true, 1000],
      ['0f9e8d7c6b5a49382716f5e4d3c2b1a0', false, 1000],
      ['00000000000000000000000000000000', true, 0],
    ]);
    expect(defaultSandboxConfig.yunpian.templates.map((template) => template.id)).toEqual([
      '1001',
      '1002',
      '2001',
    ]);
    expect(defaultSandboxConfig.rateLimits.enabled).toBe(true);
    expect(defaultSandboxConfig.inbox.maxMessages).toBe(10_000);
  });
});

describe('config resolution', () => {
  it('deep-merges objects and replaces arrays', () => {
    const config = resolveConfig({
      rateLimits: { enabled: false },
      aliyun: { signatures: ['Only'] },
    });
    expect(config.rateLimits.enabled).toBe(false);
    expect(config.aliyun.signatures).toEqual(['Only']);
    expect(config.aliyun.templates).toEqual(defaultSandboxConfig.aliyun.templates);
    expect(config.inbox.maxMessages).toBe(10_000);
  });

  it('never mutates the exported defaults', async () => {
    const sandbox = await startSandbox({ config: { aliyun: { signatures: ['X'] } } });
    sandbox.config.aliyun.templates.pop();
    await sandbox.close();
    expect(defaultSandboxConfig.aliyun.templates).toHaveLength(4);
    expect(defaultSandboxConfig.aliyun.signatures).toEqual(['Logto测试', 'LogtoSandbox']);
  });

  it('rejects malformed values with the path that is wrong', () => {
    expect(() =>
      resolveConfig({
        aliyun: {
          templates: [{ code: 'X', type: 'otp' as never, region: 'mainland', content: 'c' }],
        },
      })
    ).toThrow(
      'config.aliyun.templates[0].type must be one of verification, notification, promotion'
    );
    expect(() =>
      resolveConfig({
        yunpian: {
          accounts: [{ apikey: 'k', balance: 1, international: true, defaultSignature: 'Logto' }],
        },
      })
    ).toThrow(/defaultSignature must be a signature like 【Name】/);
    expect(() => resolveConfig({ inbox: { maxMessages: -1 } })).toThrow(/inbox.maxMessages/);
  });

  it('loads a JSON file and names the file in errors', async () => {
    const good = path.join(directory, 'good.json');
    await writeFile(
      good,
      JSON.stringify({ rateLimits: { enabled: false }, yunpian: { whitelist: ['13800138000'] } })
    );
    expect(await loadSandboxConfigFile(good)).toEqual({
      rateLimits: { enabled: false },
      yunpian: { whitelist: ['13800138000'] },
    });

    const broken = path.join(directory, 'broken.json');
    await writeFile(broken, '{ nope');
    await expect(loadSandboxConfigFile(broken)).rejects.toThrow(/broken.json is not valid JSON/);

    const wrong = path.join(directory, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ rateLimits: { enabled: 'yes' } }));
    await expect(loadSandboxConfigFile(wrong)).rejects.toThrow(
      /wrong.json: config.rateLimits.enabled must be a boolean/
    );
  });
});

describe('bin', () => {
  it('starts on the requested port with a config file, prints the URL, and stops on SIGTERM', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const outfile = path.join(directory, 'bin.mjs');
    await build({
      entryPoints: [path.join(here, '..', 'src', 'bin.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    const configFile = path.join(directory, 'bin-config.json');
    await writeFile(configFile, JSON.stringify({ aliyun: { signatures: ['FromFile'] } }));

    const child = spawn(process.execPath, [outfile, '--port', '0', '--config', configFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) {
            resolve(match[1]!);
          }
        });
        child.once('exit', (code) => {
          reject(new Error(`bin exited early with ${code}`));
        });
      });
      const config = (await fetch(`${url}/__sandbox/config`).then(async (response) =>
        response.json()
      )) as {
        aliyun: { signatures: string[] };
      };
      expect(config.aliyun.signatures).toEqual(['FromFile']);
    } finally {
      const exited = new Promise<number | null>((resolve) => {
        child.once('exit', resolve);
      });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
