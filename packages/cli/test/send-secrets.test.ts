/**
 * `logto-sms send` with wrong secrets and bad configs: each failure explained, no secret echoed.
 * Split from send.test.ts (successes and other failures).
 */
import { aliyunConfigFor, yunpianConfigFor, type SendJson } from '@logto-sms/cli';
import type { Sandbox } from '@logto-sms/sandbox';

import { beforeAll, describe, expect, it } from 'vitest';

import { packWorkspaceConnectors, runCli } from './run-cli.js';
import { useSendEnvironment } from './send-environment.js';

const environment = useSendEnvironment('logto-sms-send-secrets-test-');
const { writeConfig } = environment;
let sandbox: Sandbox;
// Packed once: the tests pass the .tgz, which skips `npm pack` and keeps each run short.
const tarballs = { aliyun: '', yunpian: '' };

// Typed as unknown: vitest types its asymmetric matchers as any.
const anyText: unknown = expect.any(String);

const parseJson = (stdout: string) => JSON.parse(stdout) as SendJson;

// Text and --json runs of the same failing send are independent, so they run side by side.
const bothModes = async (args: string[]) =>
  Promise.all([runCli(args), runCli([...args, '--json'])]);

beforeAll(async () => {
  ({ sandbox } = environment);
  Object.assign(tarballs, await packWorkspaceConnectors(environment.directory));
});

describe('wrong secrets and bad configs: explained, and never echoed', () => {
  const canaries = {
    secret: 'CanarySecretXyz000000000000042',
    token: 'CanaryStsTokenXyz-0042',
    apikey: 'canaryapikey0000000000000000beef',
    code: 'C4n4ry',
  };

  const assertClean = (output: string) => {
    for (const canary of Object.values(canaries)) {
      expect(output).not.toContain(canary);
    }
    // Also the URL-encoded spelling a signer would use.
    expect(output).not.toContain(encodeURIComponent(canaries.secret));
  };

  it('Aliyun, wrong (canary) secret → exit 1, SignatureDoesNotMatch explained; a wrong (canary) STS token too', async () => {
    const base = aliyunConfigFor(sandbox.config, sandbox.url);
    const wrongSecret = await writeConfig('canary-aliyun.json', {
      ...base,
      accessKeySecret: canaries.secret,
    });
    const wrongToken = await writeConfig('canary-aliyun-sts.json', {
      ...base,
      accessKeyId: 'STS.SandboxTempKeyId0001',
      accessKeySecret: canaries.secret,
      securityToken: canaries.token,
    });
    const args = (file: string) => [
      'send',
      tarballs.aliyun,
      '--config',
      file,
      '--to',
      '8613800138000',
      '--code',
      canaries.code,
    ];
    const [text, json, stsText, stsJson] = await Promise.all([
      runCli(args(wrongSecret)),
      runCli([...args(wrongSecret), '--json']),
      runCli(args(wrongToken)),
      runCli([...args(wrongToken), '--json']),
    ]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✗ Send failed: ConnectorError invalid_config');
    expect(text.stdout).toContain('What it means:');
    expect(text.stdout).toContain('How to fix:');
    expect(text.stdout).toMatch(/Connector says: .*SignatureDoesNotMatch/);
    expect(text.stdout).toContain('Provider code:  SignatureDoesNotMatch (HTTP 400');
    expect(text.stdout).toContain(
      `In Logto:       HTTP 400, shown as "The connector's config is invalid."`
    );
    expect(json.code).toBe(1);
    expect(parseJson(json.stdout)).toMatchObject({
      ok: false,
      stage: 'send',
      error: {
        code: 'invalid_config',
        providerCode: 'SignatureDoesNotMatch',
        logtoStatus: 400,
        errorDescription: anyText,
      },
    });
    expect(stsText.code).toBe(1);
    expect(stsJson.code).toBe(1);
    expect(parseJson(stsJson.stdout)).toMatchObject({
      ok: false,
      error: { code: 'invalid_config' },
    });
    for (const run of [text, json, stsText, stsJson]) {
      assertClean(run.stdout + run.stderr);
    }
  });

  it('YunPian, wrong (canary) apikey → exit 1, code -1 explained', async () => {
    const file = await writeConfig('canary-yunpian.json', {
      ...yunpianConfigFor(sandbox.config, sandbox.url),
      apikey: canaries.apikey,
    });
    const [text, json] = await bothModes([
      'send',
      tarballs.yunpian,
      '--config',
      file,
      '--to',
      '8613800138000',
      '--code',
      canaries.code,
    ]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('ConnectorError invalid_config');
    expect(text.stdout).toMatch(/Provider code: {2}-1\b/);
    expect(json.code).toBe(1);
    expect(parseJson(json.stdout)).toMatchObject({
      ok: false,
      stage: 'send',
      error: { code: 'invalid_config', providerCode: -1 },
    });
    assertClean(text.stdout + text.stderr + json.stdout + json.stderr);
  });

  it('a config the guard rejects → exit 1 with the zod issues, nothing sent, secrets not quoted', async () => {
    const file = await writeConfig('canary-guard.json', {
      accessKeyId: 'LTAI5tSandboxKeyId0001',
      // Whitespace inside makes the guard reject them; the issues must not quote them.
      accessKeySecret: `${canaries.secret} pasted twice`,
      securityToken: `${canaries.token}\nsecond line`,
      templates: [],
      signatureAlgorithm: 'MD5',
    });
    const [text, json] = await bothModes([
      'send',
      tarballs.aliyun,
      '--config',
      file,
      '--to',
      '8613800138000',
      '--code',
      canaries.code,
    ]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('ConnectorError invalid_config');
    expect(text.stdout).toMatch(
      /- accessKeySecret: accessKeySecret may only contain letters, digits and ASCII symbols/
    );
    expect(text.stdout).toMatch(/- securityToken: /);
    expect(text.stdout).toContain('- signName: signName is required.');
    expect(text.stdout).toMatch(/- templates: Add a Generic template/);
    expect(text.stdout).toMatch(/- signatureAlgorithm: /);
    expect(json.code).toBe(1);
    const result = parseJson(json.stdout);
    expect(result).toMatchObject({ ok: false, stage: 'config', error: { code: 'invalid_config' } });
    const issues = result.ok ? [] : (result.error.issues ?? []);
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        'accessKeySecret',
        'securityToken',
        'signName',
        'templates',
        'signatureAlgorithm',
      ])
    );
    assertClean(text.stdout + text.stderr + json.stdout + json.stderr);
  });

  it('a successful send echoes neither the code nor the apikey, text and --json', async () => {
    const file = await writeConfig('canary-ok.json', yunpianConfigFor(sandbox.config, sandbox.url));
    // Two different numbers: the sandbox's rate limits are off, but keep the two sends apart anyway.
    const [text, json] = await Promise.all([
      runCli([
        'send',
        tarballs.yunpian,
        '--config',
        file,
        '--to',
        '8613800138001',
        '--code',
        canaries.code,
      ]),
      runCli([
        'send',
        tarballs.yunpian,
        '--config',
        file,
        '--to',
        '8613800138002',
        '--code',
        canaries.code,
        '--json',
      ]),
    ]);
    expect(text.code, text.stdout).toBe(0);
    expect(json.code, json.stdout).toBe(0);
    assertClean(text.stdout + text.stderr + json.stdout + json.stderr);
    expect(text.stdout + json.stdout).not.toContain('5a1b2c3d4e5f60718293a4b5c6d7e8f9');
    expect(sandbox.inbox.list({ to: '8613800138001' })[0]?.code).toBe(canaries.code);
    expect(sandbox.inbox.list({ to: '8613800138002' })[0]?.code).toBe(canaries.code);
  });
});
