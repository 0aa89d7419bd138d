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

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { explainLines } from '../src/commands/send/render.js';

describe('explain table', () => {
  it('covers every ConnectorErrorCodes value', () => {
    expect(explainedCodes().sort()).toEqual(
      expect.arrayContaining(
        Object.values(ConnectorErrorCodes).filter(
          (code) => !code.startsWith('social') && code !== 'authorization_failed'
        )
      )
    );
  });

  it('gives Logto’s HTTP status: 429 for rate and usage limits, 400 otherwise', () => {
    expect(explainConnectorErrorCode('rate_limit_exceeded').logtoStatus).toBe(429);
    expect(explainConnectorErrorCode('usage_limit_exceeded').logtoStatus).toBe(429);
    expect(explainConnectorErrorCode('invalid_config').logtoStatus).toBe(400);
    expect(explainConnectorErrorCode('something_new')).toMatchObject({
      code: 'something_new',
      logtoStatus: 400,
    });
  });

  it('describes a ConnectorError with zod issues and provider details', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, {
      errorDescription: 'Gateway said 502.',
      providerCode: 'InternalError',
      httpStatus: 502,
    });
    expect(isConnectorError(error)).toBe(true);
    expect(isConnectorError(new Error('plain'))).toBe(false);
    expect(describeConnectorError(error)).toMatchObject({
      code: 'general',
      errorDescription: 'Gateway said 502.',
      providerCode: 'InternalError',
      httpStatus: 502,
    });
    const zodLike = new ConnectorError(ConnectorErrorCodes.InvalidConfig, {
      issues: [{ path: ['templates', 0, 'usageType'], message: 'bad' }],
    });
    expect(describeConnectorError(zodLike).issues).toEqual([
      { path: 'templates.0.usageType', message: 'bad' },
    ]);
  });
});

describe('redaction', () => {
  it('collects secrets by key name at any depth', () => {
    expect(
      collectSecrets({
        accessKeySecret: 'aaaa',
        nested: [{ apikey: 'bbbb' }],
        securityToken: 'cccc',
        signName: 'x',
      }).sort()
    ).toEqual(['aaaa', 'bbbb', 'cccc']);
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
    const rfc3986 = encodeURIComponent(secret).replaceAll(
      /[!'()*]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
    );
    const form = new URLSearchParams({ v: secret }).toString().slice(2);
    for (const encoded of [
      rfc3986,
      rfc3986.toLowerCase(),
      form,
      encodeURIComponent(form).toLowerCase(),
    ]) {
      expect(redactor.text(`x=${encoded}`), encoded).toBe(`x=${mask}`);
    }
  });

  it('ignores values too short to mask safely', () => {
    expect(createRedactor(['ab', undefined]).text('ab cd')).toBe('ab cd');
  });

  it('masks secret fields for display', () => {
    expect(maskConfig({ apikey: 'k', templates: [{ content: 'c' }] })).toEqual({
      apikey: mask,
      templates: [{ content: 'c' }],
    });
  });

  it('applies to every printed line', () => {
    const chunks: string[] = [];
    const output = createOutput({
      stdout: { write: (chunk: string) => chunks.push(chunk) },
      stderr: { write: (chunk: string) => chunks.push(chunk) },
      color: false,
    });
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

const capture = (color: boolean) => {
  const chunks: string[] = [];
  const stream = { write: (chunk: string) => chunks.push(chunk) };
  return { chunks, output: createOutput({ stdout: stream, stderr: stream, color }) };
};

describe('terminal control characters from outside data', () => {
  // A window-title change, a carriage return plus a spoofed success line, a C1 CSI and a bidi override.
  const hostile = 'Denied\u001B]0;owned\u0007\r\u001B[32m✓ Sent\u001B[39m\n✓ Sent\u009B2J\u202E';

  it.each([false, true])('are shown escaped, never sent to the terminal (colour %s)', (color) => {
    const { chunks, output } = capture(color);
    output.line(`${output.red('✗ Send failed:')} Provider said: ${hostile}`);
    output.error(hostile);
    const printed = chunks.join('');
    // Only our own colour codes remain (line breaks are the caller's: see explainLines below).
    // eslint-disable-next-line no-control-regex -- removes the ESC-led colour codes the CLI itself wrote
    const withoutOwnStyles = printed.replaceAll(/\u001B\[(?:31|39)m/g, '');
    // eslint-disable-next-line no-control-regex -- asserts that no terminal control character reaches the output
    expect(withoutOwnStyles).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
    expect(printed).toContain(
      'Denied\\u001B]0;owned\\u0007\\u000D\\u001B[32m✓ Sent\\u001B[39m\n✓ Sent\\u009B2J\\u202E'
    );
    if (color) {
      expect(printed.startsWith('\u001B[31m✗ Send failed:\u001B[39m')).toBe(true);
    }
  });

  it('puts each value of an explained error on its own single line', () => {
    const { output } = capture(true);
    const described = {
      ...describeConnectorError(
        new ConnectorError(ConnectorErrorCodes.General, { errorDescription: hostile })
      ),
      providerCode: hostile,
      providerMessage: hostile,
      requestId: hostile,
      issues: [{ path: hostile, message: hostile }],
    };
    const lines = explainLines(output, described);
    for (const line of lines) {
      expect(line).not.toMatch(/[\n\r]/);
    }
    // Connector says, Provider code (with the request id), Provider said, the issue.
    expect(lines.filter((line) => line.includes('✓ Sent'))).toHaveLength(4);
    expect(lines.some((line) => line.startsWith('✓'))).toBe(false);
  });

  it('keeps JSON output parseable and equal in value', () => {
    const { chunks, output } = capture(false);
    const value = { providerMessage: hostile };
    output.line(JSON.stringify(value));
    // eslint-disable-next-line no-control-regex -- asserts that no terminal control character reaches the output
    expect(chunks.join('')).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
    expect(JSON.parse(chunks.join(''))).toEqual(value);
  });
});
