/**
 * What `logto-sms send` prints for the things first-time operators tripped over (issue 15): the
 * recipient as the provider received it (never masked because it holds the code's digits), the
 * template, the inbox, a refused connection to the sandbox, the fix taken from the error's data,
 * and config files with common paste mistakes. Runs the BUILT binary.
 */

import { aliyunConfigFor, yunpianConfigFor, type SendJson } from '@logto-sms/cli';
import type { Sandbox } from '@logto-sms/sandbox';
import { createServer } from 'node:net';

import { beforeAll, describe, expect, it } from 'vitest';

import { runCli } from './run-cli.js';
import { useSendEnvironment } from './send-environment.js';

const environment = useSendEnvironment('logto-sms-send-output-');
const { writeConfig } = environment;
let sandbox: Sandbox;

const parseJson = (stdout: string) => JSON.parse(stdout) as SendJson & Record<string, unknown>;

/** A loopback port with nothing listening on it. */
const closedPort = async (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });

beforeAll(() => {
  ({ sandbox } = environment);
});

describe('a successful send says what went out', () => {
  it('never masks a number that contains the code, and shows it as the provider received it, the template and the inbox', async () => {
    const file = await writeConfig('aliyun.json', aliyunConfigFor(sandbox.config, sandbox.url));
    // The default code 000000 is inside this number's digits.
    const [text, json] = await Promise.all([
      runCli(['send', 'aliyun', '--config', file, '--to', '8613900000020']),
      runCli(['send', 'aliyun', '--config', file, '--to', '8613900000020', '--json']),
    ]);
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toContain('✓ Sent through logto-sms-aliyun to 8613900000020.');
    expect(text.stdout).toContain('Provider received: 13900000020');
    expect(text.stdout).toContain('Template used:     SMS_900001');
    expect(text.stdout).toContain(`Read it in:        ${sandbox.url}/inbox`);
    expect(text.stdout).not.toContain('***');
    expect(parseJson(json.stdout)).toMatchObject({
      ok: true,
      to: '8613900000020',
      providerRecipient: '13900000020',
      template: 'SMS_900001',
      inboxUrl: `${sandbox.url}/inbox`,
    });
  });

  it('YunPian: the +<country code> number and the template text', async () => {
    const file = await writeConfig('yunpian.json', yunpianConfigFor(sandbox.config, sandbox.url));
    const run = await runCli([
      'send',
      'yunpian',
      '--config',
      file,
      '--to',
      '85261234567',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const template: unknown = expect.stringContaining('{{code}}');
    expect(parseJson(run.stdout)).toMatchObject({
      providerRecipient: '+85261234567',
      template,
    });
  });

  it('still masks the code where it can appear: the provider message', async () => {
    // Sticky: the text and --json runs below both meet it.
    sandbox.faults.add({
      provider: 'aliyun',
      kind: 'error',
      code: 'isv.BUSINESS_LIMIT_CONTROL',
      message: '触发分钟级流控 code 482913',
      sticky: true,
    });
    const file = await writeConfig(
      'aliyun-limit.json',
      aliyunConfigFor(sandbox.config, sandbox.url)
    );
    const [text, json] = await Promise.all([
      runCli(['send', 'aliyun', '--config', file, '--to', '8613948291300', '--code', '482913']),
      runCli([
        'send',
        'aliyun',
        '--config',
        file,
        '--to',
        '8613948291300',
        '--code',
        '482913',
        '--json',
      ]),
    ]);
    expect(text.code).toBe(1);
    expect(json.code).toBe(1);
    expect(text.stdout).toContain('Sending to 8613948291300');
    expect(text.stdout).toMatch(/Provider said: +触发分钟级流控 code (?!482913)/);
    expect(json.stdout).not.toMatch(/code 482913/);
  });
});

describe('"How to fix" comes from the error data, not the ConnectorError code', () => {
  it('Aliyun: a template variable mismatch is not told to re-copy the secret', async () => {
    sandbox.faults.add({
      provider: 'aliyun',
      kind: 'error',
      code: 'isv.SMS_TEMPLATE_ILLEGAL',
      message: '模板内容与模板参数不匹配',
    });
    const file = await writeConfig(
      'aliyun-template.json',
      aliyunConfigFor(sandbox.config, sandbox.url)
    );
    const run = await runCli(['send', 'aliyun', '--config', file, '--to', '8613800138000']);
    expect(run.code).toBe(1);
    const fix = /How to fix: +(.*)/.exec(run.stdout)?.[1] ?? '';
    expect(fix).toMatch(/\$\{code\}.*codeParamName/);
    expect(fix).not.toMatch(/secret|apikey/i);
  });

  it("YunPian code 33 gets YunPian's limits, not Aliyun's", async () => {
    sandbox.faults.add({ provider: 'yunpian', kind: 'error', code: 33 });
    const file = await writeConfig(
      'yunpian-33.json',
      yunpianConfigFor(sandbox.config, sandbox.url)
    );
    const run = await runCli([
      'send',
      'yunpian',
      '--config',
      file,
      '--to',
      '8613800138000',
      '--json',
    ]);
    const { error } = parseJson(run.stdout) as { error: { code: string; fix: string } };
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.fix).toMatch(/30 seconds/);
    expect(error.fix).not.toMatch(/Aliyun/);
  });

  it('ECONNREFUSED to a loopback endpoint asks whether the sandbox is running', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const file = await writeConfig('aliyun-down.json', aliyunConfigFor(sandbox.config, endpoint));
    const run = await runCli(['send', 'aliyun', '--config', file, '--to', '8613800138000']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`How to fix: +Nothing is listening at ${endpoint}: is the sandbox running\\?`)
    );
  });
});

const valid = () => aliyunConfigFor(sandbox.config, sandbox.url);

describe('config files with paste mistakes', () => {
  it('a UTF-8 byte order mark is dropped', async () => {
    const file = await writeConfig('bom.json', `\uFEFF${JSON.stringify(valid())}`);
    const run = await runCli(['send', 'aliyun', '--config', file, '--to', '8613800138000']);
    expect(run.code, run.stderr).toBe(0);
  });

  it.each([
    [
      'a trailing comma',
      (json: string) => json.replace(/\n}$/, ',\n}'),
      /line \d+, column \d+\): likely a trailing comma/,
    ],
    [
      'a trailing comma in a list',
      (json: string) => json.replace(/}\n {2}\]/, '},\n  ]'),
      /line \d+, column \d+\): likely a trailing comma/,
    ],
    [
      'full-width quotes',
      (json: string) => json.replace('"Logto测试"', '“Logto测试”'),
      /\(line 4, column 15\): likely full-width or curly quotes/,
    ],
  ])(
    '%s: line, column and the likely cause, without quoting the file',
    async (_name, spoil, message) => {
      const file = await writeConfig('spoiled.json', spoil(JSON.stringify(valid(), null, 2)));
      const run = await runCli(['send', 'aliyun', '--config', file, '--to', '8613800138000']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain(valid().accessKeySecret);
    }
  );
});
