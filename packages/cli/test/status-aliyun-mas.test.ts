import { aliyunMasConfigFor, packConnector, type StatusJson } from '@logto-sms/cli';
import { startSandbox, type Sandbox } from '@logto-sms/sandbox';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { cliSession } from './cli-session.js';
import { prepareCli } from './run-cli.js';

// `logto-sms status` for Aliyun 短信认证 against the sandbox over HTTP, with STS credentials whose
// secret and token are canaries: the sandbox accepts them, and no output of any run may hold them.
const canaries = {
  accessKeySecret: 'CanaryMasSecret-6c2f9e1a4b',
  securityToken: 'CanaryMasStsToken-0d8b3f7e52',
};
const stsKeyId = 'STS.CanaryMasKeyId0001';

const { runs, cli, sendJson } = cliSession();
let sandbox: Sandbox;
const files = { directory: '', tarball: '', config: '' };

beforeAll(async () => {
  await prepareCli();
  sandbox = await startSandbox({
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
  });
  files.directory = await mkdtemp(path.join(os.tmpdir(), 'logto-sms-status-mas-test-'));
  const packed = await packConnector(
    path.resolve(import.meta.dirname, '..', '..', 'connector-aliyun-mas'),
    files.directory
  );
  files.tarball = packed.tarball;
  files.config = path.join(files.directory, 'mas.json');
  const connectorConfig = {
    ...aliyunMasConfigFor(sandbox.config, sandbox.url),
    accessKeyId: stsKeyId,
    accessKeySecret: canaries.accessKeySecret,
    securityToken: canaries.securityToken,
  };
  await writeFile(files.config, JSON.stringify(connectorConfig));
});

afterAll(async () => {
  await sandbox.close();
  await rm(files.directory, { recursive: true, force: true });
});

beforeEach(() => {
  sandbox.inbox.clear();
  sandbox.faults.clear();
});

const to = (number: string) => ['--config', files.config, '--to', number];
const status = async (...extra: string[]) =>
  cli(['status', files.tarball, ...to('8613800138000'), ...extra]);
const send = async (code: string) =>
  sendJson([files.tarball, ...to('8613800138000'), '--code', code]);

describe('logto-sms status aliyun-mas', () => {
  it('text: a delivered code with its carrier code, template and time; --json --id follows the BizId send printed', async () => {
    const sent = await send('K4m9');
    const bizId = sandbox.inbox.list()[0]?.messageId ?? '';
    expect(bizId).toMatch(/^\d+\^\d$/);
    // The connector returned the BizId, and send printed it.
    expect(JSON.parse(sent.stdout)).toMatchObject({ ok: true, result: { bizId } });

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
    await send('736215');
    const failed = await status('--since', '2h', '--json');
    expect(failed.code, failed.stdout + failed.stderr).toBe(0);
    const [record] = (JSON.parse(failed.stdout) as Extract<StatusJson, { ok: true }>).records;
    expect(record).toMatchObject({ state: 'failed', carrierCode: 'MK:0001', template: '100001' });
    expect(record?.carrierMeaning).toMatch(/empty number, suspended, switched off or unreachable/);
    expect(failed.stdout).not.toContain('736215');

    sandbox.inbox.clear();
    sandbox.faults.add({ provider: 'aliyun', kind: 'delivery-waiting' });
    await send('551234');
    const waiting = await status();
    expect(waiting.stdout).toContain('… waiting');
    expect(waiting.stdout).toContain('carrier code: none yet');
  });

  it('an empty window says so and points at the console, since the API is deprecated', async () => {
    const run = await status();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('None. The provider reported no message to this number');
    expect(run.stdout).toMatch(/note: QuerySendDetails is deprecated by Aliyun.*发送记录/);
  });

  it('a number outside mainland China is refused before any request', async () => {
    sandbox.faults.add({ provider: 'aliyun', kind: 'error', code: 'isp.SYSTEM_ERROR' });
    const run = await cli(['status', files.tarball, ...to('85261234567'), '--json']);
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
