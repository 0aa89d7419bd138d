import {
  aliyunConfigFor,
  aliyunMasConfigFor,
  tencentConfigFor,
  yunpianConfigFor,
  type SendJson,
} from '@logto-sms/cli';
import type { Sandbox } from '@logto-sms/sandbox';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { packWorkspaceConnectors, runCli } from './run-cli.js';
import { useSendEnvironment } from './send-environment.js';

// Typed as unknown: vitest types its asymmetric matchers as any.
const anyText: unknown = expect.any(String);

const environment = useSendEnvironment('logto-sms-send-test-');
const { writeConfig } = environment;
let sandbox: Sandbox;
let directory: string;
// Packed once: most tests pass the .tgz, which skips `npm pack` and keeps each run short. The
// first tests use the short names and a package directory, so those paths are covered too.
const tarballs = { aliyun: '', yunpian: '' };

const parseJson = (stdout: string) => JSON.parse(stdout) as SendJson;

beforeAll(async () => {
  ({ sandbox, directory } = environment);
  Object.assign(tarballs, await packWorkspaceConnectors(directory));
});

describe('logto-sms send: success', () => {
  it('sends through Aliyun (short name: packs the workspace package) like the Console does, exit 0, without echoing the code', async () => {
    const file = await writeConfig('aliyun.json', aliyunConfigFor(sandbox.config, sandbox.url));
    const run = await runCli([
      'send',
      'aliyun',
      '--config',
      file,
      '--to',
      '8613800138000',
      '--code',
      'Q7c4ny',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ Sent through logto-sms-aliyun to 8613800138000');
    expect(run.stdout).toMatch(/Packing[\s\S]*done/);
    expect(run.stdout + run.stderr).not.toContain('Q7c4ny');
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({ to: '13800138000', code: 'Q7c4ny', provider: 'aliyun' }),
    ]);
  });

  it('sends through Aliyun MAS (short name) to a mainland number; an overseas number is refused before sending', async () => {
    const file = await writeConfig(
      'aliyun-mas.json',
      aliyunMasConfigFor(sandbox.config, sandbox.url)
    );
    const run = await runCli([
      'send',
      'aliyun-mas',
      '--config',
      file,
      '--to',
      '8613800138000',
      '--type',
      'ForgotPassword',
      '--code',
      '482915',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ Sent through logto-sms-aliyun-mas to 8613800138000');
    expect(run.stdout + run.stderr).not.toContain('482915');
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({
        to: '13800138000',
        code: '482915',
        provider: 'aliyun-mas',
        template: '100003',
        signName: '速通互联验证码',
      }),
    ]);

    const abroad = await runCli([
      'send',
      'aliyun-mas',
      '--config',
      file,
      '--to',
      '85261234567',
      '--json',
    ]);
    expect(abroad.code).toBe(1);
    expect(JSON.parse(abroad.stdout)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request_parameters' },
    });
    expect(sandbox.inbox.count()).toBe(1);
  });

  it('--json prints exactly one JSON object describing the send', async () => {
    const file = await writeConfig(
      'aliyun-json.json',
      aliyunConfigFor(sandbox.config, sandbox.url)
    );
    const run = await runCli([
      'send',
      tarballs.aliyun,
      '--config',
      file,
      '--to',
      '85261234567',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = parseJson(run.stdout);
    expect(result).toEqual({
      ok: true,
      connector: {
        id: 'logto-sms-aliyun',
        package: '@logto-sms/connector-aliyun-sms',
        version: anyText,
      },
      to: '85261234567',
      type: 'Generic',
      mode: 'console',
      providerRecipient: '85261234567',
      template: 'SMS_900002',
      inboxUrl: `${sandbox.url}/inbox`,
      result: {
        bizId: anyText,
        requestId: anyText,
        phoneNumbers: '85261234567',
        templateCode: 'SMS_900002',
      },
      warnings: [],
    });
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({ to: '85261234567', code: '000000' }),
    ]);
  });

  it('YunPian, as sign-in does (--saved), with type and locale', async () => {
    const file = await writeConfig('yunpian.json', yunpianConfigFor(sandbox.config, sandbox.url));
    const run = await runCli([
      'send',
      tarballs.yunpian,
      '--config',
      file,
      '--to',
      '85261234567',
      '--type',
      'SignIn',
      '--locale',
      'en',
      '--code',
      '135790',
      '--saved',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = parseJson(run.stdout);
    expect(result).toMatchObject({
      ok: true,
      mode: 'sign-in',
      type: 'SignIn',
      connector: { id: 'logto-sms-yunpian' },
    });
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({ to: '+85261234567', code: '135790', template: '2001' }),
    ]);
  });

  it('Tencent (short name): E.164 with + and the international template for a US number', async () => {
    const file = await writeConfig('tencent.json', tencentConfigFor(sandbox.config, sandbox.url));
    const run = await runCli([
      'send',
      'tencent',
      '--config',
      file,
      '--to',
      '16502530000',
      '--code',
      '246810',
      '--json',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const serialNo: unknown = expect.stringMatching(/^5000:/);
    expect(parseJson(run.stdout)).toMatchObject({
      ok: true,
      connector: { id: 'logto-sms-tencent', package: '@logto-sms/connector-tencent-sms' },
      result: { serialNo, requestId: anyText },
    });
    expect(run.stdout).not.toContain('246810');
    expect(sandbox.inbox.list()).toEqual([
      expect.objectContaining({
        provider: 'tencent',
        to: '+16502530000',
        code: '246810',
        template: '900002',
        signName: 'LogtoSandbox',
      }),
    ]);
  });

  it('accepts a package directory instead of a short name', async () => {
    const file = await writeConfig('aliyun-dir.json', aliyunConfigFor(sandbox.config, sandbox.url));
    const packageDirectory = path.resolve(import.meta.dirname, '..', '..', 'connector-aliyun-sms');
    const run = await runCli([
      'send',
      packageDirectory,
      '--config',
      file,
      '--to',
      '8613800138000',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson(run.stdout)).toMatchObject({
      ok: true,
      connector: { id: 'logto-sms-aliyun' },
    });
  });
});

describe('logto-sms send: failures', () => {
  it('a rate limit is explained with the HTTP status Logto answers', async () => {
    sandbox.faults.add({ provider: 'yunpian', kind: 'error', code: 22 });
    const file = await writeConfig(
      'yunpian-rate.json',
      yunpianConfigFor(sandbox.config, sandbox.url)
    );
    const run = await runCli([
      'send',
      tarballs.yunpian,
      '--config',
      file,
      '--to',
      '8613800138000',
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(parseJson(run.stdout)).toMatchObject({
      ok: false,
      stage: 'send',
      error: {
        code: 'rate_limit_exceeded',
        logtoStatus: 429,
        providerCode: 22,
        meaning: anyText,
        fix: anyText,
      },
    });
  });

  it('prints control characters in a provider message escaped, never as a spoofed line or a retitled window', async () => {
    const hostile =
      'Busy\u001B]0;owned\u0007\r\n✓ Sent through logto-sms-yunpian to 8613800138000.\u009B2J';
    sandbox.faults.add({ provider: 'yunpian', kind: 'error', code: -51, message: hostile });
    const file = await writeConfig(
      'yunpian-escapes.json',
      yunpianConfigFor(sandbox.config, sandbox.url)
    );
    const run = await runCli([
      'send',
      tarballs.yunpian,
      '--config',
      file,
      '--to',
      '8613800138000',
      '--code',
      '4242',
    ]);
    expect(run.code).toBe(1);
    // eslint-disable-next-line no-control-regex -- asserts that no terminal control character reaches the output
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(run.stdout.split('\n').filter((line) => line.trimStart().startsWith('✓'))).toEqual([]);
    expect(run.stdout).toContain('\\u001B]0;owned\\u0007\\u000D\\u000A✓ Sent');

    sandbox.faults.add({ provider: 'yunpian', kind: 'error', code: -51, message: hostile });
    const json = await runCli([
      'send',
      tarballs.yunpian,
      '--config',
      file,
      '--to',
      '8613800138000',
      '--code',
      '4242',
      '--json',
    ]);
    // eslint-disable-next-line no-control-regex -- asserts that no terminal control character reaches the output
    expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    const escapedMessage: unknown = expect.stringContaining('✓ Sent');
    expect(parseJson(json.stdout)).toMatchObject({
      ok: false,
      error: { providerMessage: escapedMessage },
    });
  });

  it('a config file that is not JSON → exit 2', async () => {
    const file = await writeConfig('broken.json', '{ "accessKeyId": "abc", ');
    const run = await runCli(['send', tarballs.aliyun, '--config', file, '--to', '8613800138000']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not valid JSON');
    const json = await runCli([
      'send',
      tarballs.aliyun,
      '--config',
      file,
      '--to',
      '8613800138000',
      '--json',
    ]);
    expect(json.code).toBe(2);
    const notJson: unknown = expect.stringContaining('not valid JSON');
    expect(parseJson(json.stdout)).toMatchObject({
      ok: false,
      stage: 'usage',
      error: { message: notJson },
    });
  });

  it('a missing config file → exit 2', async () => {
    const run = await runCli([
      'send',
      tarballs.aliyun,
      '--config',
      path.join(directory, 'nope.json'),
      '--to',
      '8613800138000',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot read the config file');
  });
});
