import { aliyunConfigFor, yunpianConfigFor, type SendJson, type StatusJson } from '@logto-sms/cli';
import { startSandbox, type Sandbox } from '@logto-sms/sandbox';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { cliSession } from './cli-session.js';
import { packWorkspaceConnectors, prepareCli } from './run-cli.js';

// Canary credentials: the sandbox accepts them, and no output of any run may contain them.
const canaries = {
  accessKeySecret: 'CanaryAliyunSecret-5b0e1d7f3a',
  apikey: 'c4a7a1e5c4a7a1e5c4a7a1e5c4a7a1e5',
};

let sandbox: Sandbox;
let directory: string;
const tarballs = { aliyun: '', yunpian: '' };
const files = { aliyun: '', yunpian: '' };
const { runs, cli } = cliSession();

beforeAll(async () => {
  [sandbox, directory] = await Promise.all([
    startSandbox({
      config: {
        rateLimits: { enabled: false },
        aliyun: {
          accessKeys: [
            { accessKeyId: 'LTAI5tCanaryKeyId0001', accessKeySecret: canaries.accessKeySecret },
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
      },
    }),
    mkdtemp(path.join(os.tmpdir(), 'logto-sms-status-test-')),
    prepareCli(),
  ]);
  Object.assign(tarballs, await packWorkspaceConnectors(directory));
  files.aliyun = path.join(directory, 'aliyun.json');
  files.yunpian = path.join(directory, 'yunpian.json');
  await writeFile(files.aliyun, JSON.stringify(aliyunConfigFor(sandbox.config, sandbox.url)));
  await writeFile(files.yunpian, JSON.stringify(yunpianConfigFor(sandbox.config, sandbox.url)));
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

const sendJson = async (provider: 'aliyun' | 'yunpian', code: string) => {
  const run = await cli([
    'send',
    tarballs[provider],
    '--config',
    files[provider],
    '--to',
    '8613800138000',
    '--code',
    code,
    '--json',
  ]);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Extract<SendJson, { ok: true }>;
};

describe('logto-sms status', () => {
  it('Aliyun, text: a delivered message with its carrier code, template and time; --id follows the BizId send printed', async () => {
    const sent = await sendJson('aliyun', 'K4m9Qz');
    const { bizId } = sent.result as { bizId: string };

    const run = await cli([
      'status',
      tarballs.aliyun,
      '--config',
      files.aliyun,
      '--to',
      '8613800138000',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Dysmsapi QuerySendDetails');
    expect(run.stdout).toMatch(/✓ delivered {2}sent \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00/);
    expect(run.stdout).toContain('carrier code: DELIVERED (The phone received the message.)');
    expect(run.stdout).toContain('template:     SMS_900001');
    expect(run.stdout).not.toContain('K4m9Qz');

    const byId = await cli([
      'status',
      tarballs.aliyun,
      '--config',
      files.aliyun,
      '--to',
      '8613800138000',
      '--id',
      bizId,
      '--json',
    ]);
    expect(byId.code, byId.stdout + byId.stderr).toBe(0);
    const json = JSON.parse(byId.stdout) as Extract<StatusJson, { ok: true }>;
    expect(json.records).toEqual([
      expect.objectContaining({ messageId: bizId, state: 'delivered', template: 'SMS_900001' }),
    ]);
  });

  it('YunPian, --json: a failed delivery with the carrier code in plain words and the sid send printed', async () => {
    sandbox.faults.add({ provider: 'yunpian', kind: 'delivery-failed', code: 'MK:0001' });
    const sent = await sendJson('yunpian', '736215');
    const run = await cli([
      'status',
      tarballs.yunpian,
      '--config',
      files.yunpian,
      '--to',
      '8613800138000',
      '--since',
      '2h',
      '--json',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as Extract<StatusJson, { ok: true }>;
    expect(json).toMatchObject({
      ok: true,
      connector: { id: 'logto-sms-yunpian' },
      to: '8613800138000',
      api: 'YunPian v2 sms/get_record.json',
      notes: [],
    });
    const chinaTime: unknown = expect.stringMatching(/\+08:00$/);
    const carrierMeaning: unknown = expect.stringMatching(
      /empty number, suspended, switched off or unreachable/
    );
    const signInTemplate: unknown = expect.stringMatching(/^SignIn/);
    expect(json.records).toEqual([
      {
        messageId: (sent.result as { sid: string }).sid,
        to: '13800138000',
        sentAt: chinaTime,
        reportedAt: chinaTime,
        state: 'failed',
        carrierCode: 'MK:0001',
        carrierMeaning,
        template: signInTemplate,
      },
    ]);
    expect(run.stdout).not.toContain('736215');
  });

  it('a waiting message and an empty window read plainly in text', async () => {
    sandbox.faults.add({ provider: 'yunpian', kind: 'delivery-waiting' });
    const sent = await cli([
      'send',
      tarballs.yunpian,
      '--config',
      files.yunpian,
      '--to',
      '8613800138000',
      '--code',
      '551234',
    ]);
    expect(sent.stdout).toMatch(
      /Message id:\s+\d+ \(did it arrive\? logto-sms status .* --id '\d+'\)/
    );
    const waiting = await cli([
      'status',
      tarballs.yunpian,
      '--config',
      files.yunpian,
      '--to',
      '8613800138000',
    ]);
    expect(waiting.stdout).toContain('… waiting');
    expect(waiting.stdout).toContain('carrier code: none yet');
    const none = await cli([
      'status',
      tarballs.yunpian,
      '--config',
      files.yunpian,
      '--to',
      '8613800138001',
    ]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('None. The provider reported no message to this number');
  });

  it('a missing permission: exit 1, the RAM action named (text) and the code and stage (--json)', async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'Forbidden.RAM' });
    const text = await cli([
      'status',
      tarballs.aliyun,
      '--config',
      files.aliyun,
      '--to',
      '8613800138000',
    ]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✗ Lookup failed: ConnectorError invalid_config');
    expect(text.stdout).toContain('grant it dysms:QuerySendDetails');
    expect(text.stdout).toContain('Provider code:  Forbidden.RAM (HTTP 403');
    expect(text.stdout).toContain('This lookup needs: dysms:QuerySendDetails');

    sandbox.faults.add({ provider: 'yunpian', kind: 'error', code: -2 });
    const json = await cli([
      'status',
      tarballs.yunpian,
      '--config',
      files.yunpian,
      '--to',
      '8613800138000',
      '--json',
    ]);
    expect(json.code).toBe(1);
    const namesGetRecord: unknown = expect.stringContaining('get_record');
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      stage: 'query',
      error: {
        code: 'invalid_config',
        providerCode: -2,
        errorDescription: namesGetRecord,
      },
      needs: [expect.stringContaining('get_record')],
    });
  });

  it('strips control characters from provider data before printing', async () => {
    sandbox.faults.add({
      provider: 'aliyun',
      kind: 'delivery-failed',
      code: '\u001B]0;pwned\u0007MK:\u001B[31m0002',
    });
    await sendJson('aliyun', 'Zx81Lm');
    const text = await cli([
      'status',
      tarballs.aliyun,
      '--config',
      files.aliyun,
      '--to',
      '8613800138000',
    ]);
    const json = await cli([
      'status',
      tarballs.aliyun,
      '--config',
      files.aliyun,
      '--to',
      '8613800138000',
      '--json',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('carrier code: ]0;pwnedMK:[31m0002');
    // eslint-disable-next-line no-control-regex -- asserts that no terminal control character reaches the output
    expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
    expect(json.stdout).not.toContain('\\u001b');
    expect(
      (JSON.parse(json.stdout) as Extract<StatusJson, { ok: true }>).records[0]?.carrierCode
    ).toBe(']0;pwnedMK:[31m0002');
  });

  it('usage errors exit 2 before anything is loaded', async () => {
    const since = await cli([
      'status',
      'aliyun',
      '--config',
      files.aliyun,
      '--to',
      '8613800138000',
      '--since',
      'yesterday',
    ]);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('--since must look like 2h, 3d');
    const to = await cli([
      'status',
      'aliyun',
      '--config',
      files.aliyun,
      '--to',
      '+86 138',
      '--json',
    ]);
    expect(to.code).toBe(2);
    expect(JSON.parse(to.stdout)).toMatchObject({ ok: false, stage: 'usage' });
  });

  it('no run printed a canary secret', () => {
    expect(runs.length).toBeGreaterThan(8);
    for (const run of runs) {
      for (const secret of Object.values(canaries)) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    }
  });
});
