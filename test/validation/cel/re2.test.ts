import { re2, translate, UnsupportedRegexError } from '../../../lib/validation/cel/re2';

describe('RE2 to JavaScript', () => {
  test.each([
    // [pattern, input, RE2's verdict (Go regexp.MatchString)]
    ['^[a-z]+$', 'abc', true],
    ['(?i)^ABC$', 'abc', true],
    ['^a.c$', 'a\nc', false],
    ['(?s)^a.c$', 'a\nc', true],
    ['^[[:alpha:]]+$', 'abC', true],
    ['^[[:digit:]]+$', 'ab', false],
    ['^\\pL+$', 'héllo', true],
    ['^\\Qa.b\\E$', 'a.b', true],
    ['^\\Qa.b\\E$', 'axb', false],
    ['^(?P<word>\\w+)$', 'abc', true],
    ['\\Aab\\z', 'ab', true],
    ['\\Aab\\z', 'ab\n', false],
    ['^a\\-b$', 'a-b', true],
    ['^[]a]+$', ']a', true],
    ['^\\x{41}$', 'A', true],
  ])('%s on %j', (pattern, input, expected) => {
    expect(re2(pattern).test(input)).toBe(expected);
  });

  test('what it cannot run the same way is refused, not guessed', () => {
    expect(() => re2('(?U)a+')).toThrow(UnsupportedRegexError);
    expect(() => re2('a(?i)b')).toThrow(UnsupportedRegexError);
    expect(() => re2('\\C')).toThrow(UnsupportedRegexError);
  });

  test('a plain pattern is left as it is (so cel-js may run it)', () => {
    expect(translate('^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$')).toEqual({ source: '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$', flags: 'u' });
  });
});
