/**
 * RE2 regular expressions (what Go's regexp, and so the API server, runs for an OpenAPI
 * `pattern` and for CEL's `matches`, `find` and `findAll`) translated to JavaScript's
 * RegExp. Syntax: https://github.com/google/re2/wiki/Syntax.
 *
 * Translated: leading flag groups `(?i)`, `(?s)`, `(?m)`, `(?P<name>...)`, `\A`, `\z`,
 * `\pL`-style one-letter classes, `\Q...\E`, POSIX classes `[[:alpha:]]`, `\x{10FFFF}`,
 * and escaped punctuation that JavaScript's `u` mode refuses. Anything this cannot
 * translate faithfully (flags in the middle, `\C`, `(?U)`) throws
 * UnsupportedRegexError, so a caller reports "not checked" instead of guessing.
 */

export class UnsupportedRegexError extends Error {
  constructor(pattern: string, what: string) {
    super(`the regular expression ${JSON.stringify(pattern)} uses ${what}, which podwright cannot run as RE2 does`);
    this.name = 'UnsupportedRegexError';
  }
}

const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

/** Characters that may be escaped in JavaScript's `u` mode (SyntaxCharacter and `/`, `-` inside classes). */
const JS_U_ESCAPABLE = new Set('^$\\.*+?()[]{}|/'.split(''));

const cache = new Map<string, RegExp>();

/** A JavaScript RegExp that matches as RE2 matches `pattern` (compiled once per pattern). */
export function re2(pattern: string, global = false): RegExp {
  const key = global ? `g\u0000${pattern}` : pattern;
  let re = cache.get(key);
  if (!re) {
    const { source, flags } = translate(pattern);
    try {
      re = new RegExp(source, flags + (global ? 'g' : ''));
    } catch (e) {
      throw new UnsupportedRegexError(pattern, `syntax JavaScript rejects (${(e as Error).message})`);
    }
    if (cache.size > 2000) cache.clear();
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/** The JavaScript source and flags (always with `u`) for an RE2 pattern. */
export function translate(pattern: string): { source: string; flags: string } {
  let flags = 'u';
  let i = 0;
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === 'U') throw new UnsupportedRegexError(pattern, 'the (?U) flag');
      if (!flags.includes(f)) flags += f;
    }
    i = lead[0].length;
  }
  let out = '';
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) throw new UnsupportedRegexError(pattern, 'a trailing backslash');
      if (n === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = pattern.slice(i + 2, end === -1 ? undefined : end);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end === -1 ? pattern.length : end + 2;
        continue;
      }
      if (n === 'A' && !inClass) { out += '(?<![\\s\\S])'; i += 2; continue; }
      if (n === 'z' && !inClass) { out += '(?![\\s\\S])'; i += 2; continue; }
      if (n === 'C') throw new UnsupportedRegexError(pattern, '\\C');
      if ((n === 'p' || n === 'P') && pattern[i + 2] !== '{') {
        const letter = pattern[i + 2];
        if (letter === undefined) throw new UnsupportedRegexError(pattern, 'a bad \\p class');
        out += `\\${n}{${letter}}`;
        i += 3;
        continue;
      }
      if (n === 'x' && pattern[i + 2] === '{') {
        const end = pattern.indexOf('}', i);
        out += `\\u{${pattern.slice(i + 3, end)}}`;
        i = end + 1;
        continue;
      }
      if (/[A-Za-z0-9]/.test(n)) {
        out += `\\${n}`; // \d \w \s \b \B \n \t \x41 \pN... \1 is not RE2 and JavaScript rejects it below too
      } else if (JS_U_ESCAPABLE.has(n) || (inClass && n === '-')) {
        out += `\\${n}`;
      } else {
        // RE2 lets any punctuation be escaped; JavaScript's u mode does not.
        out += inClass ? n : `[${n === ']' ? '\\]' : n}]`;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i);
        if (end === -1) throw new UnsupportedRegexError(pattern, 'a bad POSIX class');
        let name = pattern.slice(i + 2, end);
        const negated = name.startsWith('^');
        if (negated) name = name.slice(1);
        const set = POSIX[name];
        if (!set || negated) throw new UnsupportedRegexError(pattern, `the POSIX class [:${name}:]`);
        out += set;
        i = end + 2;
        continue;
      }
      if (c === ']') inClass = false;
      else if (c === '[') { out += '\\['; i++; continue; }
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === '^') { out += '^'; i++; }
      if (pattern[i] === ']') { out += '\\]'; i++; } // a leading ] is a literal in RE2
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      if (pattern[i + 2] === 'P' && pattern[i + 3] === '<') { out += '(?<'; i += 4; continue; }
      if (pattern[i + 2] === ':') { out += '(?:'; i += 3; continue; }
      throw new UnsupportedRegexError(pattern, `the group ${pattern.slice(i, i + 4)}`);
    }
    out += c;
    i++;
  }
  return { source: out, flags };
}
