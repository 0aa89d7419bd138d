import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import {
  collectSecrets,
  createOutput,
  createRedactor,
  describeConnectorError,
  explainConnectorErrorCode,
  explainedCodes,
  isConnectorError,
  mask,
  maskConfig,
  shouldUseColor,
} from '@logto-sms/cli';
import { describe, expect, it } from 'vitest';

describe('explain table', () => {
  it('covers every ConnectorErrorCodes value', () => {
    expect(explainedCodes().sort()).toEqual(expect.arrayContaining(Object.values(ConnectorErrorCodes).filter((code) => !code.startsWith('social') && code !== 'authorization_failed')));
  });

  it('gives Logto’s HTTP status: 429 for rate and usage limits, 400 otherwise', () => {
    expect(explainConnectorErrorCode('rate_limit_exceeded').logtoStatus).toBe(429);
    expect(explainConnectorErrorCode('usage_limit_exceeded').logtoStatus).toBe(429);
    expect(explainConnectorErrorCode('invalid_config').logtoStatus).toBe(400);
    expect(explainConnectorErrorCode('something_new')).toMatchObject({ code: 'something_new', logtoStatus: 400 });
  });

  it('describes a ConnectorError with zod issues and provider details', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, {
      errorDescription: 'Gateway said 502.',
      providerCode: 'InternalError',
      httpStatus: 502,
    });
    expect(isConnectorError(error)).toBe(true);
    expect(isConnectorError(new Error('plain'))).toBe(false);
    expect(describeConnectorError(error)).toMatchObject({ code: 'general', errorDescription: 'Gateway said 502.', providerCode: 'InternalError', httpStatus: 502 });
    const zodLike = new ConnectorError(ConnectorErrorCodes.InvalidConfig, { issues: [{ path: ['templates', 0, 'usageType'], message: 'bad' }] });
    expect(describeConnectorError(zodLike).issues).toEqual([{ path: 'templates.0.usageType', message: 'bad' }]);
  });
});

describe('redaction', () => {
  it('collects secrets by key name at any depth', () => {
    expect(collectSecrets({ accessKeySecret: 'aaaa', nested: [{ apikey: 'bbbb' }], securityToken: 'cccc', signName: 'x' }).sort()).toEqual(['aaaa', 'bbbb', 'cccc']);
  });

  it('masks a secret as is, URL-encoded and JSON-escaped', () => {
    const redactor = createRedactor(['se/cr+et"42']);
    expect(redactor.text('raw se/cr+et"42')).toBe(`raw ${mask}`);
    expect(redactor.text(`url ${encodeURIComponent('se/cr+et"42')}`)).toBe(`url ${mask}`);
    expect(redactor.text(JSON.stringify({ value: 'se/cr+et"42' }))).toBe(`{"value":"${mask}"}`);
    expect(redactor.deep({ list: ['se/cr+et"42'] })).toEqual({ list: [mask] });
  });

  it("uses the connectors' redactor, so every encoded form is masked (lowercase hex, RFC 3986, form)", () => {
    const secret = "key~!'()*+ 42";
    const redactor = createRedactor([secret]);
    const rfc3986 = encodeURIComponent(secret).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
    const form = new URLSearchParams({ v: secret }).toString().slice(2);
    for (const encoded of [rfc3986, rfc3986.toLowerCase(), form, encodeURIComponent(form).toLowerCase()]) {
      expect(redactor.text(`x=${encoded}`), encoded).toBe(`x=${mask}`);
    }
  });

  it('ignores values too short to mask safely', () => {
    expect(createRedactor(['ab', undefined]).text('ab cd')).toBe('ab cd');
  });

  it('masks secret fields for display', () => {
    expect(maskConfig({ apikey: 'k', templates: [{ content: 'c' }] })).toEqual({ apikey: mask, templates: [{ content: 'c' }] });
  });

  it('applies to every printed line', () => {
    const chunks: string[] = [];
    const output = createOutput({ stdout: { write: (chunk: string) => chunks.push(chunk) }, stderr: { write: (chunk: string) => chunks.push(chunk) }, color: false });
    output.setRedactor(createRedactor(['topsecret']));
    output.line('a topsecret b');
    output.error('topsecret');
    expect(chunks.join('')).toBe(`a ${mask} b\n${mask}\n`);
  });
});

describe('colour', () => {
  it('only for a terminal without NO_COLOR', () => {
    expect(shouldUseColor({ write: () => true, isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ write: () => true, isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ write: () => true, isTTY: false }, {})).toBe(false);
  });
});
