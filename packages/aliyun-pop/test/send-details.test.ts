// QuerySendDetails' walk over the window, shared by both Aliyun connectors: one call per China
// Standard Time day, newest first, pages while TotalCount says more, the 30-day clamp, the BizId
// check before any call, and every call's redactor built from the secrets.
import type { HttpResponse } from '@logto-sms/sms-core';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { lookUpSendDetails, readSendDetailsPage, type SendDetailsPage } from '../src/index.js';

// 08:00 on 2024-01-01 in China Standard Time.
const now = new Date('2024-01-01T00:00:00Z');
const record = { PhoneNum: '13800138000', SendStatus: 3, SendDate: '2024-01-01 07:30:00' };
const pageOf = (count: number, totalCount: number): SendDetailsPage => ({
  totalCount,
  details: Array.from({ length: count }, () => record),
});

/** Runs a lookup whose calls answer `pages` in order (then empty pages), recording each call. */
const walk = async (
  since: Date,
  pages: SendDetailsPage[],
  id?: string
): Promise<{ calls: Array<Readonly<Record<string, string>>>; report: unknown }> => {
  const calls: Array<Readonly<Record<string, string>>> = [];
  const report = await lookUpSendDetails({
    api: 'Test QuerySendDetails',
    query: { to: '8613800138000', now, since, ...(id === undefined ? {} : { id }) },
    phoneNumber: '13800138000',
    secrets: ['the-secret'],
    call: async (params, redactor) => {
      calls.push(params);
      expect(redactor.text('x the-secret x')).not.toContain('the-secret');
      return { status: 200, headers: {}, body: '', attempts: 1 } satisfies HttpResponse;
    },
    readPage: () => pages[calls.length - 1] ?? pageOf(0, 0),
  });
  return { calls, report };
};

describe('lookUpSendDetails', () => {
  it('asks one day after another, newest first, and pages while TotalCount says more', async () => {
    const { calls, report } = await walk(new Date('2023-12-30T17:00:00Z'), [
      pageOf(50, 51),
      pageOf(1, 51),
    ]);
    expect(calls.map(({ SendDate, CurrentPage }) => [SendDate, CurrentPage])).toEqual([
      ['20240101', '1'],
      ['20240101', '2'],
      ['20231231', '1'],
    ]);
    expect(calls[0]).toEqual({
      PhoneNumber: '13800138000',
      SendDate: '20240101',
      PageSize: '50',
      CurrentPage: '1',
    });
    expect(report).toMatchObject({ api: 'Test QuerySendDetails', notes: [] });
    expect((report as { records: unknown[] }).records).toHaveLength(51);
  });

  it('stops a day after four full pages, and says so', async () => {
    const { calls, report } = await walk(new Date('2023-12-31T23:00:00Z'), [
      pageOf(50, 500),
      pageOf(50, 500),
      pageOf(50, 500),
      pageOf(50, 500),
    ]);
    expect(calls).toHaveLength(4);
    expect((report as { notes: string[] }).notes).toEqual([
      'More than 200 messages on 20240101; only the first 200 are shown.',
    ]);
  });

  it('clamps since to the 30 days Aliyun keeps, and says so', async () => {
    const { calls, report } = await walk(new Date('2023-06-01T00:00:00Z'), []);
    expect(calls).toHaveLength(30);
    expect(calls.at(-1)?.SendDate).toBe('20231203');
    expect((report as { notes: string[] }).notes.join(' ')).toMatch(/30 days/);
  });

  it('passes a BizId on, and refuses a malformed one before any call', async () => {
    const { calls } = await walk(
      new Date('2023-12-31T23:00:00Z'),
      [pageOf(1, 1)],
      '900619746936498440^0'
    );
    expect(calls[0]?.BizId).toBe('900619746936498440^0');

    const refused = await walk(new Date('2023-12-31T23:00:00Z'), [], 'not-a-bizid').then(
      () => undefined,
      (error: unknown) => error
    );
    expect(refused).toBeInstanceOf(ConnectorError);
    expect((refused as ConnectorError).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
  });
});

const modelOf = (answer: Record<string, unknown>) => answer.Model;

describe('readSendDetailsPage', () => {
  it('reads TotalCount as a number or its text, and a lone record as a list of one', () => {
    expect(readSendDetailsPage('{"TotalCount":"2","Model":[{"PhoneNum":"1"},7]}', modelOf)).toEqual(
      { totalCount: 2, details: [{ PhoneNum: '1' }] }
    );
    expect(readSendDetailsPage('{"TotalCount":1,"Model":{"PhoneNum":"1"}}', modelOf)).toEqual({
      totalCount: 1,
      details: [{ PhoneNum: '1' }],
    });
    expect(readSendDetailsPage('{"TotalCount":"x"}', modelOf)).toEqual({
      totalCount: 0,
      details: [],
    });
  });
});
