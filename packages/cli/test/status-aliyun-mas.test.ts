import { aliyunMasConfigFor, packConnector, type SendJson, type StatusJson } from '@logto-sms/cli';
import { startSandbox, type Sandbox } from '@logto-sms/sandbox';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { prepareCli, runCli, type CliRun } from './run-cli.js';

// `logto-sms status` for Aliyun 短信认证 against the sandbox over HTTP, with STS credentials whose
// secret and token are canaries: the sandbox accepts them, and no output of any run may hold them.
const canaries = {
  accessKeySecret: 'CanaryMasSecret-6c2f9e1a4b',
  securityToken: 'CanaryMasStsToken-0d8b3f7e52',
};
const stsKeyId = 'STS.CanaryMasKeyId0001';

let sandbox: Sandbox;
let directory: string;
let tarball = '';
let configFile = '';
const runs: CliRun[] = [];

const cli = async (args: string[]) => {
  const run = await runCli(args);
  runs.push(run);
  return run;
};

beforeAll(async () => {
  [sandbox, directory] = await Promise.all([
    startSandbox({
      config: {
        rateLimits: { enabled: false },
        aliyun: {
          stsCredentials: [
            {
              accessKeyId: stsKeyId,
              accessKeySecret: canaries.accessKeySecret,
              securityToken: canaries.securityToken,
            },
          ],
        },
      },
    }),
    mkdtemp(path.join(os.tmpdir(), 'logto-sms-status-mas-test-')),
    prepareCli(),
  ]);
  ({ tarball } = await packConnector(
    path.resolve(import.meta.dirname, '..', '..', 'connector-aliyun-mas'),
    directory
  ));
  configFile = path.join(directory, 'mas.json');
  await writeFile(
    configFile,
    JSON.stringify({
      ...aliyunMasConfigFor(sandbox.config, sandbox.url),
      accessKeyId: stsKeyId,
      accessKeySecret: canaries.accessKeySecret,
      securityToken: canaries.securityToken,
    })
  );
});

afterAll(async () => {
  await sandbox.close();
  if (directory) {
    await rm(directory, { recursive: true, force: true });
  }
});

beforeEach(() => {
  sandbox.inbox.clear();
  sandbox.faults.clear();
});

const status = async (...extra: string[]) =>
  cli(['status', tarball, '--config', configFile, '--to', '8613800138000', ...extra]);

const sendJson = async (code: string) => {
  const run = await cli([
    'send',
    tarball,
    '--config',
    configFile,
    '--to',
    '8613800138000',
    '--code',
    code,
    '--json',
  ]);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Extract<SendJson, { ok: true }>;
};

describe('logto-sms status aliyun-mas', () => {
  it('text: a delivered code with its carrier code, template and time; --json --id follows the BizId send printed', async () => {
    const sent = await sendJson('K4m9');
    const { bizId } = sent.result as { bizId: string };
    expect(bizId).toMatch(/^\d+\^\d$/);

    const run = await status();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Loaded logto-sms-aliyun-mas');
    expect(run.stdout).toContain('Dypnsapi QuerySendDetails (2017-05-25)');
    expect(run.stdout).toMatch(/✓ delivered {2}sent \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00/);
    expect(run.stdout).toContain('carrier code: DELIVERED (The phone received the message.)');
    expect(run.stdout).toContain('template:     100001');
    expect(run.stdout).toContain('number:       13800138000');
    expect(run.stdout).not.toContain('K4m9');

    const byId = await status('--id', bizId, '--json');
    expect(byId.code, byId.stdout + byId.stderr).toBe(0);
    const json = JSON.parse(byId.stdout) as Extract<StatusJson, { ok: true }>;
    expect(json).toMatchObject({
      ok: true,
      connector: { id: 'logto-sms-aliyun-mas' },
      to: '8613800138000',
      api: 'Dypnsapi QuerySendDetails (2017-05-25)',
      notes: [],
    });
    expect(json.records).toEqual([
      {
        messageId: bizId,
        to: '13800138000',
        sentAt: json.records[0]?.sentAt,
        reportedAt: json.records[0]?.reportedAt,
        state: 'delivered',
        carrierCode: 'DELIVERED',
        carrierMeaning: 'The phone received the message.',
        template: '100001',
      },
    ]);
    expect(json.records[0]?.sentAt).toMatch(/\+08:00$/);
  });

  it('--json: a failed delivery with the carrier code in plain words, and a waiting one', async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'delivery-failed', code: 'MK:0001' });
    await sendJson('736215');
    const failed = await status('--since', '2h', '--json');
    expect(failed.code, failed.stdout + failed.stderr).toBe(0);
    const [record] = (JSON.parse(failed.stdout) as Extract<StatusJson, { ok: true }>).records;
    expect(record).toMatchObject({ state: 'failed', carrierCode: 'MK:0001', template: '100001' });
    expect(record?.carrierMeaning).toMatch(/empty number, suspended, switched off or unreachable/);
    expect(failed.stdout).not.toContain('736215');

    sandbox.inbox.clear();
    sandbox.faults.add({ provider: 'aliyun', kind: 'delivery-waiting' });
    await sendJson('551234');
    const waiting = await status();
    expect(waiting.stdout).toContain('… waiting');
    expect(waiting.stdout).toContain('carrier code: none yet');
  });

  it('an empty window says so and points at the console, since the API is deprecated', async () => {
    const run = await status();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('None. The provider has no message to this number');
    expect(run.stdout).toMatch(/note: QuerySendDetails is deprecated by Aliyun.*发送记录/);
  });

  it('a number outside mainland China is refused before any request', async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'isp.SYSTEM_ERROR' });
    const run = await cli([
      'status',
      tarball,
      '--config',
      configFile,
      '--to',
      '85261234567',
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      stage: 'query',
      error: {
        code: 'invalid_request_parameters',
        errorDescription: expect.stringContaining('mainland China') as unknown,
      },
    });
    // The armed fault would have answered the first request: none was made.
    expect(sandbox.faults.list()).toHaveLength(1);
  });

  it('a missing permission: exit 1, the RAM action named (text) and the code, stage and needs (--json)', async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'isv.RAM_PERMISSION_DENY' });
    const text = await status();
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✗ Lookup failed: ConnectorError invalid_config');
    expect(text.stdout).toContain('grant it dypns:QuerySendDetails');
    expect(text.stdout).toContain('Provider code:  isv.RAM_PERMISSION_DENY (HTTP 200');
    expect(text.stdout).toContain('This lookup needs: dypns:QuerySendDetails');

    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'Forbidden.RAM' });
    const json = await status('--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      stage: 'query',
      error: { code: 'invalid_config', providerCode: 'Forbidden.RAM', httpStatus: 403 },
      needs: ['dypns:QuerySendDetails'],
    });
  });

  it('no run printed the canary secret or STS token', () => {
    expect(runs.length).toBeGreaterThan(8);
    for (const run of runs) {
      for (const secret of Object.values(canaries)) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    }
  });
});
