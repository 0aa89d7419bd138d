import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { getCountries } from 'libphonenumber-js/core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import {
  allowedCountriesGuard,
  checkAllowedCountry,
  planCountries,
} from '../src/allowed-countries.js';
import { parseConfig } from '../src/parse-config.js';
import { readPhoneMetadata } from '../src/phone-metadata.js';
import { loadPhonePlan } from '../src/phone-plan-loader.js';
import { routePhoneNumber } from '../src/phone.js';
import { createSmsSendMessage } from '../src/send-message.js';

const guard = z.object({ allowedCountries: allowedCountriesGuard });
const issuesOf = (value: unknown) => {
  const result = guard.safeParse({ allowedCountries: value });
  return result.success ? [] : result.error.issues.map(({ message }) => message);
};

beforeAll(loadPhonePlan);

describe('allowedCountriesGuard', () => {
  it('knows exactly the countries of the bundled number plan', async () => {
    expect([...planCountries].sort()).toEqual([...getCountries(await readPhoneMetadata())].sort());
  });

  it.each([
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    ['  ', undefined],
    [['CN'], ['CN']],
    [
      [' cn ', 'hk', 'CN'],
      ['CN', 'HK'],
    ],
    ['["CN","MO"]', ['CN', 'MO']],
    ['CN, HK; tw', ['CN', 'HK', 'TW']],
  ])('reads %j as %j', (value, expected) => {
    expect(guard.parse({ allowedCountries: value }).allowedCountries).toEqual(expected);
  });

  it.each([
    [[], /is empty, so no number could receive a code/],
    ['[]', /is empty/],
    [['UK'], /"UK" is not an ISO 3166-1 alpha-2 code; use "GB"/],
    [['XX'], /"XX" is not an ISO 3166-1 alpha-2 code of a country or region with phone numbers/],
    [[86], /is a list of ISO 3166-1 alpha-2 codes/],
    [{ CN: true }, /is a list of ISO 3166-1 alpha-2 codes/],
  ])('refuses %j', (value, message) => {
    expect(issuesOf(value)).toEqual([expect.stringMatching(message)]);
  });

  it('never quotes back an entry that could be a pasted secret', () => {
    const secret = 'LTAI5tAbCdEfGhIjKlMnOp';
    expect(issuesOf([secret]).join(' ')).not.toContain(secret);
  });
});

const hongKong = () => routePhoneNumber('85261234567', { strictPhoneRegionNumberCheck: true });
const signInTo = (to: string) => ({ to, type: TemplateType.SignIn, payload: { code: '123456' } });

describe('checkAllowedCountry', () => {
  it('lets every number through without a list, and a listed country with one', () => {
    expect(() => {
      checkAllowedCountry(hongKong(), undefined);
    }).not.toThrow();
    expect(() => {
      checkAllowedCountry(hongKong(), ['CN', 'HK']);
    }).not.toThrow();
  });

  it('refuses an unlisted country with an end-user message that names it and not the configuration', () => {
    const error = (() => {
      try {
        checkAllowedCountry(hongKong(), ['CN']);
      } catch (error: unknown) {
        return error;
      }
      return undefined;
    })() as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(error.data).toEqual({
      errorDescription:
        'Verification codes cannot be sent by SMS to phone numbers in Hong Kong SAR China (HK). Use a phone number from a supported country or region.',
    });
  });
});

describe('createSmsSendMessage enforces allowedCountries for any connector whose config has the key', () => {
  const configGuard = z.object({
    allowedCountries: allowedCountriesGuard,
    strictPhoneRegionNumberCheck: z.boolean().default(true),
  });
  const sendMessageWith = (send: () => Promise<unknown>, config: Record<string, unknown>) =>
    createSmsSendMessage({
      connectorId: 'test',
      getConfig: async () => config,
      parseConfig: (raw) => parseConfig(configGuard, raw),
      send,
    });

  it('refuses a number outside the list before the connector sends', async () => {
    const send = vi.fn(async () => 'sent');
    await expect(
      sendMessageWith(send, { allowedCountries: ['CN'] })(signInTo('+852 6123 4567'))
    ).rejects.toMatchObject({
      code: ConnectorErrorCodes.InvalidRequestParameters,
    });
    expect(send).not.toHaveBeenCalled();
  });

  it("routes with the config's strictness: a bare mainland number is CN only in legacy mode", async () => {
    const namesUnitedStates: unknown = expect.stringContaining('United States (US)');
    const send = vi.fn(async () => 'sent');
    await expect(
      sendMessageWith(send, { allowedCountries: ['CN'], strictPhoneRegionNumberCheck: false })(
        signInTo('16502530000')
      )
    ).resolves.toBe('sent');
    await expect(
      sendMessageWith(send, { allowedCountries: ['CN'] })(signInTo('16502530000'))
    ).rejects.toMatchObject({ data: { errorDescription: namesUnitedStates } });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends a listed number, and anything when the key is absent', async () => {
    const send = vi.fn(async () => 'sent');
    await expect(
      sendMessageWith(send, { allowedCountries: ['CN'] })(signInTo('8613800138000'))
    ).resolves.toBe('sent');
    await expect(sendMessageWith(send, {})(signInTo('+852 6123 4567'))).resolves.toBe('sent');
    expect(send).toHaveBeenCalledTimes(2);
  });
});
