/**
 * The CLI (`logto-sms send`) in failing scenarios against the emulator (transport failure,
 * provider refusal, provider echoing a secret, config error; text and --json output): whatever it prints, in text
 * or --json mode, on stdout or stderr, holds no canary secret and not the code passed with --code.
 * Runs the BUILT CLI (packages/cli/lib/bin.js), building it first when it is missing or stale.
 *
 * No nock in this file: it uses real sockets.
 */
import { startSandbox, type FaultSpec, type Sandbox } from '@logto-sms/sandbox';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectorPackages, ensureBuilt } from '../helpers/build.js';
import { canaries, hostileEcho, leaksIn } from '../support/canaries.js';

import {
  aliyunConfig,
  mainlandNumber,
  tencentConfig,
  yunpianConfig,
  type Provider,
} from './support/env.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(root, 'packages/cli/lib/bin.js');

const longTermKeyId = 'LTAI5tCliLeakProbe0001';
const stsKeyId = 'STS.CliLeakProbeTemp0001';
const tencentSecretId = 'AKIDCliLeakProbe0001';
const tencentTemporarySecretId = 'AKIDCliLeakProbeTmp0001';
const allSecrets = Object.values(canaries);

type CliScenario = {
  name: string;
  provider: Provider;
  config: (endpoint: string) => Record<string, unknown>;
  fault?: Omit<FaultSpec, 'to'>;
  /** ConnectorError code the JSON output must report. */
  code: string;
};

const echo = (secret: string) => hostileEcho([secret]);

const scenarios: CliScenario[] = [
  {
    name: 'aliyun STS, provider hangs',
    provider: 'aliyun',
    config: (endpoint) =>
      aliyunConfig({
        endpoint,
        timeout: 500,
        credentials: {
          accessKeyId: stsKeyId,
          accessKeySecret: canaries.stsSecret,
          securityToken: canaries.securityToken,
        },
      }),
    fault: { kind: 'hang' },
    code: 'general',
  },
  {
    name: 'aliyun HMAC-SHA1 with a wrong secret (SignatureDoesNotMatch)',
    provider: 'aliyun',
    config: (endpoint) =>
      aliyunConfig({
        endpoint,
        signatureAlgorithm: 'HMAC-SHA1',
        credentials: {
          accessKeyId: stsKeyId,
          accessKeySecret: canaries.wrongSecret,
          securityToken: canaries.securityToken,
        },
      }),
    code: 'invalid_config',
  },
  {
    name: 'aliyun, provider error echoing the secret',
    provider: 'aliyun',
    config: (endpoint) =>
      aliyunConfig({
        endpoint,
        credentials: { accessKeyId: longTermKeyId, accessKeySecret: canaries.accessKeySecret },
      }),
    fault: {
      kind: 'error',
      code: 'isv.BUSINESS_LIMIT_CONTROL',
      message: echo(canaries.accessKeySecret),
    },
    code: 'rate_limit_exceeded',
  },
  {
    name: 'aliyun config error with the secret in the wrong field',
    provider: 'aliyun',
    config: (endpoint) => ({
      ...aliyunConfig({
        endpoint,
        credentials: { accessKeyId: longTermKeyId, accessKeySecret: canaries.accessKeySecret },
      }),
      signatureAlgorithm: canaries.stsSecret,
    }),
    code: 'invalid_config',
  },
  {
    name: 'yunpian, provider error echoing the apikey',
    provider: 'yunpian',
    config: (endpoint) => yunpianConfig({ endpoint, apikey: canaries.apikey }),
    fault: { kind: 'error', code: -3, message: echo(canaries.apikey) },
    code: 'invalid_config',
  },
  {
    name: 'yunpian config error with the apikey as a usage type',
    provider: 'yunpian',
    config: (endpoint) => {
      const config = yunpianConfig({ endpoint, apikey: canaries.apikey });
      return {
        ...config,
        templates: [
          ...(config.templates as unknown[]),
          { usageType: canaries.apikey, content: '#code#' },
        ],
      };
    },
    code: 'invalid_config',
  },
  {
    name: 'tencent STS, provider error echoing the secret and the token',
    provider: 'tencent',
    config: (endpoint) =>
      tencentConfig({
        endpoint,
        credentials: {
          accessKeyId: tencentTemporarySecretId,
          accessKeySecret: canaries.stsSecret,
          securityToken: canaries.securityToken,
        },
      }),
    fault: {
      kind: 'error',
      code: 'FailedOperation.InsufficientBalanceInSmsPackage',
      message: `${echo(canaries.stsSecret)} ${echo(canaries.securityToken)}`,
    },
    code: 'usage_limit_exceeded',
  },
  {
    name: 'tencent with a wrong SecretKey (AuthFailure.SignatureFailure)',
    provider: 'tencent',
    config: (endpoint) =>
      tencentConfig({
        endpoint,
        credentials: { accessKeyId: tencentSecretId, accessKeySecret: canaries.wrongSecret },
      }),
    code: 'invalid_config',
  },
  {
    name: 'tencent, provider hangs',
    provider: 'tencent',
    config: (endpoint) =>
      tencentConfig({
        endpoint,
        timeout: 500,
        credentials: { accessKeyId: tencentSecretId, accessKeySecret: canaries.accessKeySecret },
      }),
    fault: { kind: 'hang' },
    code: 'general',
  },
  {
    name: 'tencent config error with the secret as the SdkAppId',
    provider: 'tencent',
    config: (endpoint) => ({
      ...tencentConfig({
        endpoint,
        credentials: { accessKeyId: tencentSecretId, accessKeySecret: canaries.accessKeySecret },
      }),
      sdkAppId: canaries.stsSecret,
    }),
    code: 'invalid_config',
  },
];

/** Scenarios alternate text / --json, starting with text. */
const modeOf = (index: number): 'text' | 'json' => (index % 2 === 0 ? 'text' : 'json');

type Run = { exitCode: number | null; stdout: string; stderr: string };

const runCli = async (args: string[]): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    // Our own child: stop it if it hangs, so the test fails instead of the run.
    const guard = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearTimeout(guard);
      resolve({ exitCode, stdout, stderr });
    });
  });

let sandbox: Sandbox;
let workdir: string;
const runs = new Map<string, Run>();

describe('logto-sms send prints no secret and no code (built CLI)', () => {
  beforeAll(async () => {
    await ensureBuilt(['cli', ...connectorPackages]);
    sandbox = await startSandbox({
      config: {
        rateLimits: { enabled: false },
        aliyun: {
          accessKeys: [{ accessKeyId: longTermKeyId, accessKeySecret: canaries.accessKeySecret }],
          stsCredentials: [
            {
              accessKeyId: stsKeyId,
              accessKeySecret: canaries.stsSecret,
              securityToken: canaries.securityToken,
            },
          ],
        },
        yunpian: {
          accounts: [
            {
              apikey: canaries.apikey,
              balance: 1000,
              international: true,
              defaultSignature: '【Logto测试】',
            },
          ],
        },
        tencent: {
          secrets: [{ secretId: tencentSecretId, secretKey: canaries.accessKeySecret }],
          stsCredentials: [
            {
              secretId: tencentTemporarySecretId,
              secretKey: canaries.stsSecret,
              token: canaries.securityToken,
            },
          ],
        },
      },
    });
    workdir = mkdtempSync(path.join(tmpdir(), 'logto-sms-cli-secrets-'));
    // One run per scenario (each costs about 2 s of packing and loading): text and --json alternate,
    // so both output modes are checked for both connectors.
    const jobs = scenarios.map((scenario, index) => {
      const json = modeOf(index) === 'json';
      return async () => {
        const to = mainlandNumber(88, index);
        if (scenario.fault) {
          sandbox.faults.add({ ...scenario.fault, to });
        }
        const file = path.join(workdir, `${index}.json`);
        writeFileSync(file, JSON.stringify(scenario.config(sandbox.url)));
        const args = [
          'send',
          scenario.provider,
          '--config',
          file,
          '--to',
          to,
          '--type',
          'SignIn',
          '--code',
          canaries.code,
          ...(json ? ['--json'] : []),
        ];
        runs.set(scenario.name, await runCli(args));
      };
    });
    // Each run packs and loads the connector like Logto does (about 2 s); four at a time.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          await job();
        }
      })
    );
  }, 120_000);

  afterAll(async () => {
    await sandbox.close();
    if (workdir) {
      rmSync(workdir, { recursive: true, force: true });
    }
  });

  it.each(scenarios.map((scenario, index) => ({ ...scenario, mode: modeOf(index) })))(
    '$name ($mode output): exit 1, no canary on stdout or stderr',
    (scenario) => {
      const { mode } = scenario;
      const run = runs.get(scenario.name);
      expect(run).toBeDefined();
      if (!run) {
        return;
      }
      expect(run.exitCode, run.stdout + run.stderr).toBe(1);
      const leaks = [
        ...leaksIn(run.stdout, allSecrets, 'stdout'),
        ...leaksIn(run.stderr, allSecrets, 'stderr'),
      ];
      expect(leaks.map(({ form, where }) => `${form} on ${where}`)).toEqual([]);
      if (mode === 'json') {
        const report = JSON.parse(run.stdout) as { ok: boolean; error?: { code?: string } };
        expect(report.ok).toBe(false);
        expect(report.error?.code).toBe(scenario.code);
      } else {
        expect(run.stdout + run.stderr).toContain(scenario.code);
      }
    }
  );
});
