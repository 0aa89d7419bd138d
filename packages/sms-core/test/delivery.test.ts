import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import {
  chinaDay,
  chinaTimeToIso,
  createDeliveryStatusQuery,
  deliveryRecord,
  explainCarrierCode,
  formatChinaTime,
  lookupWindow,
} from '../src/index.js';

const now = new Date('2024-01-01T00:00:00Z');

describe('China Standard Time', () => {
  it('formats and reads the providers’ zone-less times as UTC+8', () => {
    expect(formatChinaTime(new Date('2023-12-31T16:30:00Z'))).toBe('2024-01-01 00:30:00');
    expect(chinaDay(new Date('2023-12-31T15:59:59Z'))).toBe('20231231');
    expect(chinaDay(new Date('2023-12-31T16:00:00Z'))).toBe('20240101');
    expect(chinaTimeToIso('2024-01-01 07:30:00')).toBe('2024-01-01T07:30:00+08:00');
    expect(chinaTimeToIso('01/01/2024')).toBeUndefined();
    expect(chinaTimeToIso(null)).toBeUndefined();
  });
});

describe('lookupWindow', () => {
  it('defaults to 24 hours, clamps to the retention with a note, refuses the future', () => {
    expect(lookupWindow({ now }, 86_400_000 * 30, 'x')).toEqual({
      from: new Date('2023-12-31T00:00:00Z'),
      until: now,
      notes: [],
    });
    const clamped = lookupWindow(
      { now, since: new Date('2023-01-01T00:00:00Z') },
      86_400_000,
      'kept one day.'
    );
    expect(clamped.from).toEqual(new Date('2023-12-31T00:00:00Z'));
    expect(clamped.notes).toEqual(['Searched from 2023-12-31T00:00:00.000Z only: kept one day.']);
    expect(() => lookupWindow({ now, since: new Date('2024-01-02T00:00:00Z') }, 1, 'x')).toThrow(
      ConnectorError
    );
  });
});

describe('carrier codes', () => {
  it('explains known codes by family and says so for unknown ones', () => {
    expect(explainCarrierCode('DELIVRD')).toBe('The phone received the message.');
    expect(explainCarrierCode('MK:0001')).toMatch(/empty number/);
    expect(explainCarrierCode('EXPIRED')).toMatch(/off or out of coverage/);
    expect(explainCarrierCode('ZZ:9999')).toMatch(/does not know/);
  });

  it('a record keeps only what the provider gave, and no report time while waiting', () => {
    expect(
      deliveryRecord({
        state: 'waiting',
        to: '1',
        sentAt: '2024-01-01 07:30:00',
        reportedAt: '2024-01-01 07:31:00',
        carrierCode: ' ',
      })
    ).toEqual({
      to: '1',
      sentAt: '2024-01-01T07:30:00+08:00',
      state: 'waiting',
    });
  });
});

describe('createDeliveryStatusQuery', () => {
  it('hides an unexpected exception behind a General ConnectorError without its message', async () => {
    const query = createDeliveryStatusQuery(
      (raw) => raw,
      async () => {
        throw new TypeError('secret-bearing message');
      }
    );
    const error = await query({}, { to: '1' }).catch((error_: unknown) => error_);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.General);
    expect(JSON.stringify((error as ConnectorError).data)).not.toContain('secret-bearing');
  });
});
