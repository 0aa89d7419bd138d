import { loadPhonePlan, parseConfig } from '@logto-sms/sms-core';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { rejectionOf } from '../../../tests/support/index.js';
import { unmatchedRequests } from '../../../tests/support/network.js';
import { configGuard } from '../src/config.js';
import { queryDeliveryStatus as exportedQuery } from '../src/index.js';
import { getRecordPath, queryDeliveryStatus, templateOf } from '../src/status.js';

import { apikey, baseConfig, endpoint } from './helpers.js';

beforeAll(async () => {
  // QueryDeliveryStatus is called here without the exported wrapper, which loads the number plan.
  await loadPhonePlan();
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

// 2024-01-01T00:00:00Z is 08:00 on 2024-01-01 in China Standard Time.
const now = new Date('2024-01-01T00:00:00Z');
const config = (extra: Record<string, unknown> = {}) => parseConfig(configGuard, baseConfig(extra));

/** One get_record call answering `body` as raw text, recording the exact form body. */
const mockRecords = (status: number, body: string) => {
  const bodies: string[] = [];
  const scope = nock(endpoint)
    .post(getRecordPath)
    .reply((_path, requestBody) => {
      bodies.push(String(requestBody));
      return [status, body, { 'content-type': 'application/json;charset=utf-8' }];
    });
  return { scope, bodies };
};

// Sid above 2^53: JSON.parse would round it, the lookup must keep the digits.
const bigSid = '9007199254740993123';
const records = `[{"sid":${bigSid},"uid":null,"mobile":"13800138000","send_time":"2024-01-01 07:30:00","text":"【示例】您的登录验证码是482910，5分钟内有效。","send_status":"SUCCESS","report_status":"FAIL","fee":0.05,"user_receive_time":"2024-01-01 07:30:09","error_msg":"DB:0108"},
 {"sid":3310228982,"uid":null,"mobile":"13800138000","send_time":"2024-01-01 07:45:00","text":"【示例】您的验证码是111111。","send_status":"SUCCESS","report_status":"UNKNOWN","fee":0.05,"user_receive_time":null,"error_msg":""}]`;

describe('get_record: the exact request', () => {
  it('posts the apikey, the China Standard Time window, the national number and the page as a form', async () => {
    const { scope, bodies } = mockRecords(200, records);
    const report = await queryDeliveryStatus(config(), {
      to: '8613800138000',
      now,
      since: new Date('2023-12-31T23:00:00Z'),
    });

    expect(scope.isDone()).toBe(true);
    expect(bodies).toEqual([
      `apikey=${apikey}&start_time=2024-01-01+07%3A00%3A00&end_time=2024-01-01+08%3A00%3A00&mobile=13800138000&page_num=1&page_size=100`,
    ]);
    const explainsTheNumber: unknown = expect.stringMatching(/number or its network/);
    expect(report.records).toEqual([
      {
        messageId: '3310228982',
        to: '13800138000',
        sentAt: '2024-01-01T07:45:00+08:00',
        state: 'waiting',
        template: 'Generic',
      },
      {
        messageId: bigSid,
        to: '13800138000',
        sentAt: '2024-01-01T07:30:00+08:00',
        reportedAt: '2024-01-01T07:30:09+08:00',
        state: 'failed',
        carrierCode: 'DB:0108',
        carrierMeaning: explainsTheNumber,
        template: 'SignIn',
      },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/482910|111111/);
  });

  it('--id keeps only that sid, and an international number goes as +E.164', async () => {
    const { scope, bodies } = mockRecords(200, records);
    const report = await queryDeliveryStatus(config(), { to: '8613800138000', now, id: bigSid });
    expect(scope.isDone()).toBe(true);
    expect(report.records.map((record) => record.messageId)).toEqual([bigSid]);

    const international = mockRecords(200, '[]');
    await queryDeliveryStatus(config({ enableInternational: true }), { to: '85261234567', now });
    expect(international.scope.isDone()).toBe(true);
    expect(new URLSearchParams(international.bodies[0]).get('mobile')).toBe('+85261234567');
    expect(bodies).toHaveLength(1);
  });

  it('fetches the next page only when a page is full', async () => {
    const full = JSON.stringify(
      Array.from({ length: 100 }, (_, index) => ({
        sid: index + 1,
        mobile: '13800138000',
        send_time: '2024-01-01 07:00:00',
        report_status: 'SUCCESS',
        error_msg: 'DELIVRD',
      }))
    );
    const first = mockRecords(200, full);
    const second = mockRecords(200, '[]');
    const report = await queryDeliveryStatus(config(), { to: '8613800138000', now });
    expect(first.scope.isDone()).toBe(true);
    expect(second.scope.isDone()).toBe(true);
    expect(new URLSearchParams(second.bodies[0]).get('page_num')).toBe('2');
    expect(report.records).toHaveLength(100);
    expect(report.records[0]).toMatchObject({ state: 'delivered', carrierCode: 'DELIVRD' });
  });
});

describe('get_record: errors', () => {
  it('code -2 (no API permission) names get_record, as InvalidConfig', async () => {
    const { scope } = mockRecords(
      400,
      '{"http_status_code":400,"code":-2,"msg":"API没有权限","detail":"用户没有对应的API权限"}'
    );
    const error = await rejectionOf(queryDeliveryStatus(config(), { to: '8613800138000', now }));
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toMatchObject({ provider: 'yunpian', providerCode: -2, httpStatus: 400 });
    expect((error.data as { errorDescription: string }).errorDescription).toMatch(
      /refused the delivery-status query.*get_record/
    );
  });

  it('an answer that is neither a record list nor the error envelope is InvalidResponse', async () => {
    const { scope } = mockRecords(200, '<html>gateway</html>');
    const error = await rejectionOf(queryDeliveryStatus(config(), { to: '8613800138000', now }));
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
  });

  it('bad input fails before any request', async () => {
    unmatchedRequests.length = 0;
    // An international number with international SMS off is refused as a send refuses it: `general`,
    // the code whose text (unsupportedCountriesMsg) Logto shows.
    for (const [query, expected] of [
      [{ to: '8613800138000', id: '12ab' }, ConnectorErrorCodes.InvalidRequestParameters],
      [{ to: '85261234567' }, ConnectorErrorCodes.General],
      [
        { to: '8613800138000', since: new Date('2024-02-01T00:00:00Z') },
        ConnectorErrorCodes.InvalidRequestParameters,
      ],
    ] as const) {
      const error = await rejectionOf(queryDeliveryStatus(config(), { ...query, now }));
      expect(error.code).toBe(expected);
    }
    expect(unmatchedRequests).toEqual([]);
  });

  it('the exported lookup checks the config and never echoes the apikey', async () => {
    expect(
      (await rejectionOf(exportedQuery({ templates: [] }, { to: '8613800138000' }))).code
    ).toBe(ConnectorErrorCodes.InvalidConfig);
    const canary = 'c0ffee00c0ffee00c0ffee00c0ffee00';
    const { scope } = mockRecords(
      400,
      `{"http_status_code":400,"code":-1,"msg":"非法的apikey","detail":"apikey ${canary} 不存在"}`
    );
    const error = await rejectionOf(
      exportedQuery(baseConfig({ apikey: canary }), { to: '8613800138000' })
    );
    expect(scope.isDone()).toBe(true);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(JSON.stringify(error.data) + error.message).not.toContain(canary);
  });
});

describe('templateOf', () => {
  it('finds the usage type whose text the record is, with or without a default signature in front', () => {
    const { templates } = config();
    expect(templateOf('【示例】您正在重置密码，验证码778899。', templates)).toBe('ForgotPassword');
    expect(templateOf('【别的】【示例】您的验证码是1234。', templates)).toBeUndefined();
    expect(templateOf('something else 1234', templates)).toBeUndefined();
    const unsigned = [{ usageType: 'Generic', content: '您的验证码是#code#。' }];
    expect(templateOf('【默认签名】您的验证码是1234。', unsigned)).toBe('Generic');
    expect(templateOf('您的验证码是1234。', unsigned)).toBe('Generic');
  });
});
