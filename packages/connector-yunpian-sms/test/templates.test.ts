import { describe, expect, test } from 'vitest';

import { countCodePlaceholders, renderText, splitAtCode } from '../src/templates.js';

describe('renderText', () => {
  test.each([
    ['{{code}}', '您的验证码是{{code}}。', '您的验证码是123456。'],
    ['#code#', '【云片网】您的验证码是#code#', '【云片网】您的验证码是123456'],
    ['a placeholder at the start', '#code# is your code', '123456 is your code'],
    ['a placeholder alone', '{{code}}', '123456'],
  ])('fills %s', (_name, content, expected) => {
    expect(renderText(content, '123456')).toBe(expected);
  });

  test('changes nothing but the placeholder: whitespace, newlines and full-width spaces stay', () => {
    const content = '  【示例】\r\n您的验证码是　#code#\t，\n\n5 分钟内有效。  ';
    expect(renderText(content, '123456')).toBe(
      '  【示例】\r\n您的验证码是　123456\t，\n\n5 分钟内有效。  '
    );
  });

  test('fills the other YunPian variables from fixedParams, leaving other handlebars alone', () => {
    expect(
      renderText('验证码{{code}}，链接{{link}}，#name#，{{ code }}。', '123456', { name: '张三' })
    ).toBe('验证码123456，链接{{link}}，张三，{{ code }}。');
    // A value is put in once, never read again as a placeholder or a replacement pattern.
    expect(renderText('#a##code#', '1234', { a: '$&' })).toBe('$&1234');
  });

  test('never returns text that still holds a #word# placeholder', () => {
    for (const [content, fixed] of [
      ['验证码#code#，您正在进行#option#', {}],
      ['验证码#code#，#option#', { option: '#eftime#' }],
    ] as const) {
      expect(() => renderText(content, '123456', fixed)).toThrow(
        expect.objectContaining({ code: 'invalid_config' })
      );
    }
  });

  test('does not interpret replacement patterns in the template', () => {
    expect(renderText("$& $1 $$ $` $' #code#", 'AB12')).toBe("$& $1 $$ $` $' AB12");
  });

  test('refuses a template without exactly one placeholder', () => {
    expect(() => renderText('no code', '123456')).toThrow(TypeError);
    expect(() => renderText('#code# #code#', '123456')).toThrow(TypeError);
  });
});

describe('countCodePlaceholders', () => {
  test.each([
    ['', 0],
    ['{{code}}', 1],
    ['#code#', 1],
    ['{{code}}#code#', 2],
    ['##code##', 1],
    ['{{{code}}}', 1],
    ['{{Code}} #Code# {{ code }} # code #', 0],
  ])('%j has %i', (content, count) => {
    expect(countCodePlaceholders(content)).toBe(count);
  });
});

describe('splitAtCode', () => {
  test('puts the fixed values in before splitting, so the request carries them around the code', () => {
    const split = splitAtCode(
      '【示例】#option#验证码#code#，#eftime#内有效',
      Object.freeze({ option: '登录', eftime: '5分钟' })
    );
    expect(split).toMatchObject({ before: '【示例】登录验证码', after: '，5分钟内有效' });
    expect(Object.isFrozen(split)).toBe(true);
  });

  test('still refuses a variable without a value, and text the code would turn into a placeholder', () => {
    expect(() => splitAtCode('验证码#code#，#option#', {})).toThrow(
      expect.objectContaining({ code: 'invalid_config' })
    );
    expect(() => renderText('#ab{{code}}#', '123456')).toThrow(
      expect.objectContaining({ code: 'invalid_config' })
    );
  });
});
