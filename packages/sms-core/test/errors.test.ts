import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { lookupErrorRule, type ErrorRule } from '../src/errors.js';

// One provider code with three causes, told apart by the message and by where the number was routed.
const table: ReadonlyArray<ErrorRule<string>> = [
  {
    match: 'E.TEMPLATE',
    message: /do not match|不匹配/,
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'variable name',
  },
  { match: 'E.TEMPLATE', errorCode: ConnectorErrorCodes.InvalidConfig, hint: 'unknown template' },
  {
    match: 'E.NUMBER',
    region: 'international',
    errorCode: ConnectorErrorCodes.InvalidRequestParameters,
    hint: 'read as mainland',
  },
  {
    match: 'E.NUMBER',
    errorCode: ConnectorErrorCodes.InvalidConfig,
    hint: 'needs a mainland template',
  },
];
const fallback: ErrorRule<string> = {
  match: [],
  errorCode: ConnectorErrorCodes.General,
  hint: 'unknown',
};

describe('lookupErrorRule', () => {
  it('chooses the row from the provider message as well as the code', () => {
    expect(
      lookupErrorRule(table, { code: 'E.TEMPLATE', message: '模板内容与模板参数不匹配' }, fallback)
        .hint
    ).toBe('variable name');
    expect(
      lookupErrorRule(table, { code: 'E.TEMPLATE', message: 'template not found' }, fallback).hint
    ).toBe('unknown template');
    // A row narrowed by message never matches an answer without one.
    expect(lookupErrorRule(table, 'E.TEMPLATE', fallback).hint).toBe('unknown template');
  });

  it('chooses the row from where the recipient was routed', () => {
    expect(
      lookupErrorRule(table, { code: 'E.NUMBER', region: 'international' }, fallback).hint
    ).toBe('read as mainland');
    expect(lookupErrorRule(table, { code: 'E.NUMBER', region: 'mainland' }, fallback).hint).toBe(
      'needs a mainland template'
    );
    expect(lookupErrorRule(table, { code: 'E.NUMBER' }, fallback).hint).toBe(
      'needs a mainland template'
    );
  });

  it('falls back for codes no row covers', () => {
    expect(lookupErrorRule(table, { code: 'E.OTHER', message: 'do not match' }, fallback)).toBe(
      fallback
    );
  });
});
