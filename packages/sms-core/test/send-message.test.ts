import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it, vi } from 'vitest';

import { createSmsSendMessage, readSendInput } from '../src/send-message.js';

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error: unknown) {
    return error instanceof ConnectorError ? error.code : `not a ConnectorError: ${String(error)}`;
  }
  return 'no error';
};

describe('readSendInput', () => {
  it('keeps only the recipient, usage type, code and locale', () => {
    expect(
      readSendInput({
        to: '8613800138000',
        type: 'SignIn',
        payload: {
          code: '123456',
          locale: 'zh-CN',
          uiLocales: 'zh-CN en',
          link: 'https://x',
          extra: { a: 1 },
        },
        ip: '1.2.3.4',
      })
    ).toEqual({ to: '8613800138000', usageType: 'SignIn', code: '123456', locale: 'zh-CN' });
  });

  it.each([
    [{ to: '1', type: 'SignIn', payload: {} }, ConnectorErrorCodes.InsufficientRequestParameters],
    [
      { to: '1', type: 'SignIn', payload: { code: '' } },
      ConnectorErrorCodes.InsufficientRequestParameters,
    ],
    [{ to: '1', type: 'SignIn' }, ConnectorErrorCodes.InsufficientRequestParameters],
    [
      { to: '1', type: 'SignIn', payload: { code: 123_456 } },
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      { to: '1', type: 'SignIn', payload: { code: '12 34' } },
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      { to: '1', type: 'SignIn', payload: { code: 'x'.repeat(33) } },
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [
      { to: 8_613_800_138_000, type: 'SignIn', payload: { code: '1' } },
      ConnectorErrorCodes.InvalidRequestParameters,
    ],
    [{ to: '1', type: null, payload: { code: '1' } }, ConnectorErrorCodes.InvalidRequestParameters],
    [null, ConnectorErrorCodes.InvalidRequestParameters],
    ['text', ConnectorErrorCodes.InvalidRequestParameters],
  ])('rejects %j with %s', (data, code) => {
    expect(() => readSendInput(data)).toThrowError(expect.objectContaining({ code }) as Error);
  });
});

const parseConfig = (raw: unknown) => {
  if (typeof raw !== 'object' || raw === null) {
    throw new ConnectorError(ConnectorErrorCodes.InvalidConfig);
  }
  return raw as { name: string };
};

describe('createSmsSendMessage', () => {
  const data = { to: '8613800138000', type: 'SignIn' as never, payload: { code: '123456' } };

  it('uses the config passed by the Console test call, without reading the saved one', async () => {
    const getConfig = vi.fn();
    const send = vi.fn(async () => ({ ok: true }));
    const sendMessage = createSmsSendMessage({ connectorId: 'x', getConfig, parseConfig, send });
    await expect(sendMessage(data, { name: 'form' })).resolves.toEqual({ ok: true });
    expect(getConfig).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith(
      { to: '8613800138000', usageType: 'SignIn', code: '123456' },
      { name: 'form' }
    );
  });

  it('reads the saved config by connector id when none is passed', async () => {
    const getConfig = vi.fn(async () => ({ name: 'saved' }));
    const send = vi.fn(async () => 'sent');
    const sendMessage = createSmsSendMessage({
      connectorId: 'logto-sms-test',
      getConfig,
      parseConfig,
      send,
    });
    await sendMessage(data);
    expect(getConfig).toHaveBeenCalledWith('logto-sms-test');
    expect(send).toHaveBeenCalledWith(expect.anything(), { name: 'saved' });
  });

  it('validates config before input, and input before sending', async () => {
    const send = vi.fn();
    const sendMessage = createSmsSendMessage({
      connectorId: 'x',
      getConfig: vi.fn(async () => null),
      parseConfig,
      send,
    });
    expect(await codeOf(sendMessage(data))).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(await codeOf(sendMessage({ ...data, payload: {} }, { name: 'a' }))).toBe(
      ConnectorErrorCodes.InsufficientRequestParameters
    );
    expect(send).not.toHaveBeenCalled();
  });

  it('turns an unexpected exception into a General error without its message', async () => {
    const sendMessage = createSmsSendMessage({
      connectorId: 'x',
      getConfig: vi.fn(),
      parseConfig,
      send: async () => {
        throw new TypeError('Cannot read properties of undefined (apikey=SECRET)');
      },
    });
    try {
      await sendMessage(data, { name: 'a' });
      expect.unreachable();
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.General);
      expect(JSON.stringify(error)).not.toContain('SECRET');
      expect((error as Error).stack).not.toContain('SECRET');
      expect((error as Error).cause).toBeUndefined();
    }
  });
});
