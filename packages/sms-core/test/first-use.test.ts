import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it, vi } from 'vitest';

import { loadOnce, loadOnFirstCall } from '../src/first-use.js';

describe('loadOnFirstCall', () => {
  it('loads the implementation once, on the first call, and passes every argument through', async () => {
    const implementation = vi.fn(async (name: string, count: number) => `${name}:${count}`);
    const load = vi.fn(async () => implementation);
    const call = loadOnFirstCall(load);
    expect(load).not.toHaveBeenCalled();

    const results = await Promise.all([call('x', 1), call('y', 2)]);
    expect(await call('z', 3)).toBe('z:3');

    expect(results).toEqual(['x:1', 'y:2']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(implementation.mock.calls).toEqual([
      ['x', 1],
      ['y', 2],
      ['z', 3],
    ]);
  });

  it('turns a failed load into a General ConnectorError that does not quote the loader, and retries on the next call', async () => {
    const load = vi
      .fn<() => Promise<() => Promise<string>>>()
      .mockRejectedValueOnce(new Error("Cannot find module '/srv/logto/connectors/x/lib/send.js'"))
      .mockResolvedValueOnce(async () => 'sent');
    const call = loadOnFirstCall(load);

    const error = await call().catch((error: unknown) => error);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe(ConnectorErrorCodes.General);
    expect(JSON.stringify(error)).not.toContain('/srv/logto');
    expect((error as ConnectorError).message).not.toContain('/srv/logto');

    expect(await call()).toBe('sent');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('passes errors of the loaded implementation through unchanged', async () => {
    const refusal = new ConnectorError(ConnectorErrorCodes.InvalidConfig, 'bad');
    const refuse = async () => {
      throw refusal;
    };
    const call = loadOnFirstCall(async () => refuse);
    await expect(call()).rejects.toBe(refusal);
  });
});

describe('loadOnce', () => {
  it('calls the loader once and gives every caller the same value', async () => {
    const value = { module: true };
    const load = vi.fn(async () => value);
    const get = loadOnce(load);
    expect(await Promise.all([get(), get()])).toEqual([value, value]);
    expect(await get()).toBe(value);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed load, so the next call loads again', async () => {
    const failure = new Error('missing file');
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(failure);
    load.mockResolvedValueOnce('loaded');
    const get = loadOnce(load);
    await expect(get()).rejects.toBe(failure);
    expect(await get()).toBe('loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
