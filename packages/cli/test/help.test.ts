import { createOutput, runCli as runInProcess, version } from '@logto-sms/cli';
import { sandboxHelp } from '@logto-sms/sandbox';
import { readFile } from 'node:fs/promises';

import { beforeAll, describe, expect, it } from 'vitest';

import { prepareCli, runCli } from './run-cli.js';

beforeAll(prepareCli);

/** The CLI's entry point in this process, for the many argument checks (no process start-up). */
const runHere = async (args: string[]) => {
  let stdout = '';
  let stderr = '';
  const output = createOutput({
    stdout: {
      write(chunk: string) {
        stdout += chunk;
      },
    },
    stderr: {
      write(chunk: string) {
        stderr += chunk;
      },
    },
    color: false,
  });
  const code = await runInProcess(args, output);
  return { code, stdout, stderr };
};

describe('help (the built binary)', () => {
  it('prints the top-level help with every command', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: logto-sms <command>');
    for (const command of ['sandbox', 'send', 'status', 'demo']) {
      expect(run.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    }
    expect(run.stdout).toContain('Exit codes');
    expect(run.stderr).toBe('');
  });

  it.each([
    ['sandbox', 'Usage: logto-sms sandbox'],
    ['send', 'Usage: logto-sms send'],
    ['status', 'Usage: logto-sms status'],
    ['demo', 'Usage: logto-sms demo'],
  ])('%s --help', async (command, usage) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(usage)).toBe(true);
    expect(run.stderr).toBe('');
    // -h and "help <command>" print the same text.
    expect((await runHere([command, '-h'])).stdout).toBe(run.stdout);
    expect((await runHere(['help', command])).stdout).toBe(run.stdout);
  });

  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"', 'logto-sms --help'],
    [['demo', '--fast'], "Unknown option '--fast'", 'logto-sms demo --help'],
  ])('exits 2 for %j and points at the help', async (args, message, hint) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(hint);
    expect(run.stdout).toBe('');
  });
});

describe('usage errors (in process)', () => {
  it('documents the exit codes in send --help', async () => {
    const run = await runHere(['send', '--help']);
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
  });

  it('prints the version', async () => {
    const run = await runHere(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([
    [[], 'Usage: logto-sms <command>'],
    [['--frobnicate'], 'Unknown option "--frobnicate"'],
    [['help', 'frobnicate'], 'Unknown command "frobnicate"'],
    [['sandbox', '--port', 'eighty'], '--port must be a number'],
    [['sandbox', '--port'], "Option '--port <value>' argument missing"],
    [['sandbox', 'extra'], 'Unexpected argument: extra'],
    [['send', 'aliyun', '--to', '8613800138000'], '--config <file.json> is required'],
    [['send', 'aliyun', '--config', 'x.json'], '--to <phone> is required'],
    [
      ['send', 'aliyun', '--config', 'x.json', '--to', '+8613800138000'],
      '--to must be digits only',
    ],
    [
      ['send', 'aliyun', '--config', 'x.json', '--to', '8613800138000', '--type', 'Login'],
      '--type must be one of',
    ],
    [
      ['send', 'aliyun', 'yunpian', '--config', 'x.json', '--to', '8613800138000'],
      'Unexpected argument: yunpian',
    ],
    [['send', '--config', 'x.json', '--to', '8613800138000'], 'Which connector?'],
    [
      ['send', 'no-such-connector', '--config', 'x.json', '--to', '8613800138000'],
      'neither aliyun, aliyun-mas, yunpian',
    ],
  ])('exits 2 for %j', async (args, message) => {
    const run = await runHere(args);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain(message);
  });

  it('answers a usage error with one JSON object under --json', async () => {
    const run = await runHere(['send', 'aliyun', '--to', '8613800138000', '--json']);
    expect(run.code).toBe(2);
    const namesConfig: unknown = expect.stringContaining('--config');
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      stage: 'usage',
      error: { message: namesConfig },
    });
  });
});

describe('one sandbox command line', () => {
  it('logto-sms sandbox --help prints the emulator help that logto-sms-sandbox prints', async () => {
    const run = await runHere(['sandbox', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${sandboxHelp('logto-sms sandbox')}\n`);
  });

  it('logto-sms --version is the version in package.json', async () => {
    const manifest = JSON.parse(
      await readFile(new URL('../package.json', import.meta.url), 'utf8')
    ) as { version: string };
    expect(version).toBe(manifest.version);
    expect((await runHere(['--version'])).stdout).toBe(`${manifest.version}\n`);
  });
});
