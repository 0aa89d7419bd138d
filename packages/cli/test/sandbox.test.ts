import {
  aliyunConfigFor,
  tencentConfigFor,
  yunpianConfigFor,
  aliyunMasConfigFor,
} from '@logto-sms/cli';
import { defaultSandboxConfig } from '@logto-sms/sandbox';
import { spawn } from 'node:child_process';
import { request } from 'node:http';

import { beforeAll, describe, expect, it } from 'vitest';

import { binPath, prepareCli, runCli } from './run-cli.js';

beforeAll(prepareCli);

/** Starts `logto-sms sandbox`, waits for its banner, then stops it with `signal`. */
const runSandboxUntilReady = async (args: string[], signal: NodeJS.Signals) =>
  new Promise<{ stdout: string; code: number | null; readyOutput: string; requestLog: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [binPath, 'sandbox', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let readyOutput = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`sandbox did not start:\n${stdout}`));
      }, 20_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (!readyOutput && stdout.includes('Press Ctrl-C to stop.')) {
          readyOutput = stdout;
          const endpoint = /API endpoint {2}(\S+)/.exec(stdout)?.[1];
          // One real request, so the request log line shows up before we stop it.
          const requestThenStop = async () => {
            try {
              await fetch(`${endpoint}/v2/sms/single_send.json`, {
                method: 'POST',
                body: 'apikey=wrong',
              });
            } catch {
              // Refused or reset: the log line is what matters, and stopping must happen anyway.
            }
            setTimeout(() => child.kill(signal), 200);
          };
          void requestThenStop();
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ stdout, code, readyOutput, requestLog: stdout.slice(readyOutput.length) });
      });
    }
  );

const jsonBlocks = (text: string) =>
  [...text.matchAll(/config to paste:\n(\{[\s\S]*?\n\})/g)].map(
    (match) => JSON.parse(match[1]!) as Record<string, unknown>
  );

describe('logto-sms sandbox', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints the inbox and ready-to-paste configs, and stops cleanly on %s',
    async (signal) => {
      const run = await runSandboxUntilReady(['--port', '0'], signal);
      expect(run.code).toBe(0);
      const endpoint = /API endpoint {2}(http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout)?.[1];
      expect(endpoint).toBeDefined();
      expect(run.stdout).toContain(`Inbox         ${endpoint}/inbox`);

      const [aliyun, aliyunMas, yunpian, tencent] = jsonBlocks(run.readyOutput);
      expect(aliyun).toEqual(aliyunConfigFor(defaultSandboxConfig, endpoint!));
      expect(aliyunMas).toEqual(aliyunMasConfigFor(defaultSandboxConfig, endpoint!));
      expect(aliyunMas).toMatchObject({
        accessKeyId: 'LTAI5tSandboxKeyId0001',
        signName: '速通互联验证码',
        endpoint,
      });
      expect(aliyunMas!.templates).toContainEqual({
        usageType: 'ForgotPassword',
        templateCode: '100003',
      });
      expect(aliyunMas!.templates).toHaveLength(9);
      expect(tencent).toEqual(tencentConfigFor(defaultSandboxConfig, endpoint!));
      expect(tencent).toMatchObject({
        accessKeyId: 'AKIDSandboxSecretId0001',
        sdkAppId: '1400000001',
        signName: 'Logto测试',
        overseasSignName: 'LogtoSandbox',
        region: 'ap-guangzhou',
        endpoint,
      });
      expect(tencent!.templates).toContainEqual({
        usageType: 'SignIn',
        templateCode: { china: '900001', overseas: '900002' },
      });
      expect(yunpian).toEqual(yunpianConfigFor(defaultSandboxConfig, endpoint!));
      expect(aliyun).toMatchObject({
        accessKeyId: 'LTAI5tSandboxKeyId0001',
        accessKeySecret: 'SandboxAccessKeySecret000000001',
        signName: 'Logto测试',
        endpoint,
      });
      expect(aliyun!.templates).toHaveLength(9);
      expect(yunpian).toMatchObject({
        apikey: '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
        endpoint,
        enableInternational: true,
      });
      expect(yunpian!.templates).toContainEqual({
        usageType: 'SignIn',
        content: {
          china: '您的验证码是{{code}}。如非本人操作，请忽略本短信',
          overseas: '【Logto】Your verification code is {{code}}. It expires in 5 minutes.',
        },
      });

      expect(run.readyOutput).toContain('How to point a local Logto at it');
      // The note under the YunPian config describes that config: china/overseas texts, no locale.
      const yunpianTemplates = yunpian!.templates as Array<{ locale?: string; content: unknown }>;
      expect(
        yunpianTemplates.every(
          (template) => template.locale === undefined && typeof template.content === 'object'
        )
      ).toBe(true);
      expect(run.readyOutput).toMatch(/"china" text .* "overseas" text/);
      expect(run.readyOutput).not.toMatch(/"en" locale/);
      expect(run.readyOutput).not.toMatch(/logto connector add/);
      expect(run.readyOutput).toContain('LOGTO_SMS_ALLOWED_HTTP_HOSTS=host.docker.internal');
      expect(run.requestLog).toMatch(/yunpian POST \/v2\/sms\/single_send\.json/);
      expect(run.stdout).toContain(`${signal} received, stopping the sandbox`);
      expect(run.stdout.trim().endsWith('Stopped.')).toBe(true);
    }
  );

  it('a bad --config file is a usage error', async () => {
    const run = await runCli(['sandbox', '--port', '0', '--config', '/nonexistent/sandbox.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('logto-sms:');
  });
});

describe('logto-sms sandbox --allow-host', () => {
  it('answers the named host and still refuses any other', async () => {
    const child = spawn(
      process.execPath,
      [binPath, 'sandbox', '--port', '0', '--allow-host', 'host.docker.internal'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    );
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          const match = /API endpoint {2}(\S+)/.exec(stdout);
          if (match && stdout.includes('Press Ctrl-C to stop.')) {
            resolve(match[1]!);
          }
        });
        child.once('exit', () => {
          reject(new Error(`sandbox exited early:\n${stdout}`));
        });
      });
      const { port } = new URL(endpoint);
      const status = async (host: string) =>
        new Promise<number>((resolve, reject) => {
          request(
            `${endpoint}/__sandbox/health`,
            { headers: { host }, agent: false },
            (response) => {
              response.resume();
              resolve(response.statusCode ?? 0);
            }
          )
            .on('error', reject)
            .end();
        });
      expect(await status(`host.docker.internal:${port}`)).toBe(200);
      expect(await status(`attacker.example:${port}`)).toBe(403);
    } finally {
      const exited = new Promise((resolve) => {
        child.once('exit', resolve);
      });
      child.kill('SIGTERM');
      await exited;
    }
  });
});
