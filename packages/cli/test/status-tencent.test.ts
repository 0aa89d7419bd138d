// `logto-sms status tencent`: the built CLI, the packed Tencent connector and the sandbox's
// PullSmsSendStatusByPhoneNumber, over HTTP, with STS canary credentials (so X-TC-Token is used).
import { packConnector, tencentConfigFor, type StatusJson } from '@logto-sms/cli';
import { startSandbox, type Sandbox } from '@logto-sms/sandbox';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { canaries, hostileEcho, leaksIn } from '../../../tests/support/canaries.js';

import { cliSession } from './cli-session.js';
import { prepareCli } from './run-cli.js';

const secretId = 'AKIDCliStatusStsKey0001';
const secrets = [canaries.stsSecret, canaries.securityToken];
const to = '8613800138000';

let sandbox: Sandbox;
let directory: string;
let tarball: string;
let configFile: string;
const { runs, cli } = cliSession();

beforeAll(async () => {
  [sandbox, directory] = await Promise.all([
    startSandbox({
      config: {
        rateLimits: { enabled: false },
        tencent: {
          stsCredentials: [
            { secretId, secretKey: canaries.stsSecret, token: canaries.securityToken },
          ],
        },
      },
    }),
    mkdtemp(path.join(os.tmpdir(), 'logto-sms-status-tencent-')),
    prepareCli(),
  ]);
  const packages = path.resolve(import.meta.dirname, '..', '..');
  ({ tarball } = await packConnector(path.join(packages, 'connector-tencent-sms'), directory));
  configFile = path.join(directory, 'tencent.json');
  await writeFile(
    configFile,
    JSON.stringify({
      ...tencentConfigFor(sandbox.config, sandbox.url),
      accessKeyId: secretId,
      accessKeySecret: canaries.stsSecret,
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
  cli(['status', tarball, '--config', configFile, '--to', to, ...extra]);

const sendSerialNo = async (code: string) => {
  const run = await cli(['send', tarball, '--config', configFile, '--to', to, '--code', code]);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const serialNo = /Message id:\s+(\S+) \(did it arrive\? logto-sms status /.exec(run.stdout)?.[1];
  expect(serialNo).toMatch(/^5000:\d+$/);
  return serialNo!;
};

describe('logto-sms status tencent', () => {
  it('text: send prints the SerialNo; status shows it delivered with the carrier code, the receipt time and what Tencent does not report', async () => {
    const serialNo = await sendSerialNo('482910');
    const run = await status();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('(Tencent Cloud SMS PullSmsSendStatusByPhoneNumber (2021-01-11))');
    expect(run.stdout).toMatch(
      /✓ delivered {2}sent \(time not reported by the provider\), reported \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00/
    );
    expect(run.stdout).toContain('carrier code: DELIVRD (The phone received the message.)');
    expect(run.stdout).toContain('template:     (not reported)');
    expect(run.stdout).toContain(`message id:   ${serialNo}`);
    expect(run.stdout).toContain('number:       +8613800138000');
    expect(run.stdout).toMatch(/note:.* only once its carrier receipt has arrived/);
    expect(run.stdout).not.toContain('482910');
  });

  it('--json --id: a failed delivery with the carrier code in plain words, only that SerialNo', async () => {
    sandbox.faults.add({ provider: 'tencent', kind: 'delivery-failed', code: 'MK:0001' });
    const failed = await sendSerialNo('551234');
    await sendSerialNo('551235');
    const run = await status('--id', failed, '--since', '2h', '--json');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as Extract<StatusJson, { ok: true }>;
    expect(json).toMatchObject({
      ok: true,
      connector: { id: 'logto-sms-tencent' },
      to,
      api: 'Tencent Cloud SMS PullSmsSendStatusByPhoneNumber (2021-01-11)',
      notes: [],
    });
    expect(json.records).toHaveLength(1);
    expect(json.records[0]).toMatchObject({
      messageId: failed,
      to: '+8613800138000',
      state: 'failed',
      carrierCode: 'MK:0001',
    });
    expect(json.records[0]?.carrierMeaning).toMatch(/switched off or unreachable/);
    expect(json.records[0]?.reportedAt).toMatch(/\+08:00$/);
    expect(json.records[0]).not.toHaveProperty('sentAt');
  });

  it('--id of a message still waiting: no record, and a note saying why rather than "not sent"', async () => {
    sandbox.faults.add({ provider: 'tencent', kind: 'delivery-waiting' });
    const waiting = await sendSerialNo('663301');
    const text = await status('--id', waiting);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('None. The provider reported no message to this number');
    expect(text.stdout).toContain(
      `note: No receipt for SerialNo ${waiting} in this window. Tencent lists a message only once its carrier receipt has arrived`
    );
    const json = JSON.parse((await status('--id', waiting, '--json')).stdout) as Extract<
      StatusJson,
      { ok: true }
    >;
    expect(json.records).toEqual([]);
    expect(json.notes[0]).toMatch(/still waiting for its receipt looks the same/);
  });

  it('a missing CAM permission: exit 1, the action named in text and in --json', async () => {
    const fault = {
      provider: 'tencent',
      kind: 'error',
      code: 'AuthFailure.UnauthorizedOperation',
      // A careless gateway echoing the credentials back: none of it may be printed.
      message: `not authorized: ${hostileEcho(secrets)}`,
    } as const;
    sandbox.faults.add(fault);
    const text = await status();
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✗ Lookup failed: ConnectorError invalid_config');
    expect(text.stdout).toContain('grant it sms:PullSmsSendStatusByPhoneNumber');
    expect(text.stdout).toContain('Provider code:  AuthFailure.UnauthorizedOperation (HTTP 200');
    expect(text.stdout).toContain('This lookup needs: sms:PullSmsSendStatusByPhoneNumber');

    sandbox.faults.add(fault);
    const json = await status('--json');
    expect(json.code).toBe(1);
    const refused = JSON.parse(json.stdout) as Extract<StatusJson, { ok: false }>;
    expect(refused).toMatchObject({
      ok: false,
      stage: 'query',
      connector: { id: 'logto-sms-tencent' },
      error: { code: 'invalid_config', providerCode: 'AuthFailure.UnauthorizedOperation' },
      needs: ['sms:PullSmsSendStatusByPhoneNumber'],
    });
    expect(refused.error.errorDescription).toContain('sms:PullSmsSendStatusByPhoneNumber');
  });

  it('a malformed SerialNo is refused before any request', async () => {
    const run = await status('--id', '900619746936498440^0', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request_parameters' },
    });
    expect(sandbox.inbox.refusals()).toEqual([]);
  });

  it('no run printed the SecretKey or the STS token, in any encoded form', () => {
    expect(runs.length).toBeGreaterThan(10);
    for (const [index, run] of runs.entries()) {
      expect(leaksIn(run.stdout + run.stderr, secrets, `run ${index}`)).toEqual([]);
    }
  });
});
