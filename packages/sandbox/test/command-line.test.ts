import { describe, expect, it } from 'vitest';

import { parseSandboxCommandLine, sandboxHelp, SandboxUsageError } from '../src/index.js';

const usageErrorOf = (argv: string[]): SandboxUsageError => {
  try {
    parseSandboxCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxUsageError);
    return error as SandboxUsageError;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
};

describe('the sandbox command line (logto-sms-sandbox and logto-sms sandbox)', () => {
  it('defaults to 127.0.0.1:4010, request logging on', () => {
    expect(parseSandboxCommandLine([])).toEqual({
      help: false,
      port: 4010,
      host: '127.0.0.1',
      allowedHosts: [],
      quiet: false,
    });
  });

  it('reads every flag', () => {
    expect(
      parseSandboxCommandLine([
        '--port',
        '0',
        '--host',
        '::1',
        '--config',
        'sandbox.json',
        '--quiet',
        '--allow-host',
        'a.test',
        '--allow-host',
        'b.test',
      ])
    ).toEqual({
      help: false,
      port: 0,
      host: '::1',
      configFile: 'sandbox.json',
      allowedHosts: ['a.test', 'b.test'],
      quiet: true,
    });
    expect(parseSandboxCommandLine(['-h']).help).toBe(true);
    expect(parseSandboxCommandLine(['--port=65535']).port).toBe(65_535);
  });

  it.each([
    [['--port', 'eighty'], '--port must be a number from 0 to 65535, got "eighty".'],
    [['--port', '65536'], '--port must be a number from 0 to 65535, got "65536".'],
    [['--port=-1'], '--port must be a number from 0 to 65535, got "-1".'],
    [['--port'], "Option '--port <value>' argument missing"],
    [['--verbose'], "Unknown option '--verbose'"],
    [['extra'], 'Unexpected argument: extra'],
  ])('refuses %j', (argv, message) => {
    expect(usageErrorOf(argv).message).toContain(message);
  });

  it('has one help text naming the command it was started as', () => {
    const help = sandboxHelp('logto-sms-sandbox');
    expect(help.startsWith('Usage: logto-sms-sandbox [--port 4010]')).toBe(true);
    for (const flag of ['--port', '--host', '--config', '--quiet', '--help']) {
      expect(help).toContain(flag);
    }
    expect(sandboxHelp('logto-sms sandbox').replace('logto-sms sandbox', 'logto-sms-sandbox')).toBe(
      help
    );
  });
});
