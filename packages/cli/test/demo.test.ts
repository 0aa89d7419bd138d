import { beforeAll, describe, expect, it } from 'vitest';

import { prepareCli, runCli } from './run-cli.js';

beforeAll(prepareCli);

describe('logto-sms demo', () => {
  it('delivers through the four connectors, refuses the overseas number on Aliyun MAS, maps the rate limit, and exits 0 within seconds', async () => {
    const started = Date.now();
    const run = await runCli(['demo'], { timeoutMs: 30_000 });
    const elapsed = Date.now() - started;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(elapsed).toBeLessThan(20_000);

    // Progress for the slow steps, and the loader's verdict.
    expect(run.stdout).toMatch(/Packing the four connectors[\s\S]*done \(\d+\.\d s\)/);
    expect(run.stdout).toMatch(/loadConnectorFactories[\s\S]*done \(\d+\.\d s\)/);
    expect(run.stdout).toMatch(
      /logto-sms-aliyun\s+type Sms, metadata valid, no loader warnings: yes/
    );
    expect(run.stdout).toMatch(
      /logto-sms-yunpian\s+type Sms, metadata valid, no loader warnings: yes/
    );
    expect(run.stdout).toMatch(
      /logto-sms-tencent\s+type Sms, metadata valid, no loader warnings: yes/
    );

    expect(run.stdout).toMatch(
      /logto-sms-aliyun-mas\s+type Sms, metadata valid, no loader warnings: yes/
    );

    // Seven deliveries, as each provider received the number (Tencent always with +), and the
    // mainland-only refusal.
    expect(run.stdout).toMatch(/aliyun\s+→ 8613800138000 .*delivered as 13800138000/);
    expect(run.stdout).toMatch(/aliyun-mas\s+→ 8613800138000 .*delivered as 13800138000/);
    expect(run.stdout).toMatch(
      /aliyun-mas\s+→ 85261234567 +refused before sending: invalid_request_parameters/
    );
    expect(run.stdout).toMatch(/aliyun\s+→ 85261234567 .*delivered as 85261234567/);
    expect(run.stdout).toMatch(/yunpian\s+→ 8613800138000 .*delivered as 13800138000/);
    expect(run.stdout).toMatch(/yunpian\s+→ 85261234567 .*delivered as \+85261234567/);
    expect(run.stdout).toMatch(
      /tencent\s+→ 8613800138000 .*delivered as \+8613800138000, answer \{"serialNo":"5000:/
    );
    expect(run.stdout).toMatch(/tencent\s+→ 85261234567 .*delivered as \+85261234567/);

    // The rate limit and how it reaches Logto.
    expect(run.stdout).toContain(
      'Aliyun isv.BUSINESS_LIMIT_CONTROL → ConnectorError rate_limit_exceeded → Logto answers HTTP 429'
    );

    // The inbox table: recipient as received, code, rendered text containing that code.
    const rows = run.stdout
      .split('\n')
      .filter((line) => /^ {2}(aliyun|aliyun-mas|yunpian|tencent) +\S+ +\d{6} +【/.test(line));
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const columns = /^ {2}\S+ +\S+ +(?<code>\d{6}) +(?<text>.*)$/.exec(row)?.groups;
      expect(columns?.text).toContain(columns?.code);
    }
    expect(run.stdout).toContain('Demo finished: 7 codes delivered');

    // Not a terminal: no colour codes.
    expect(run.stdout).not.toContain('\u001B[');
    expect(run.stderr).toBe('');
  });
});
