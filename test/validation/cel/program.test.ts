import { compileRule, parseFieldPath, rewriteIndexedHas, ruleErrorText } from '../../../lib/validation/cel/program';

const run = (rule: string, self: unknown, extra: object = {}) => {
  const r = compileRule({ rule, ...extra });
  if (r.state !== 'ready') throw new Error(`${r.state}: ${'why' in r ? r.why : ''}`);
  return r.run(self);
};

describe('compileRule', () => {
  test('a passing and a failing rule; the message, else messageExpression, else the rule', () => {
    expect(run('self.a < self.b', { a: 1n, b: 2n })).toEqual({ ok: true });
    expect(run('self.a < self.b', { a: 3n, b: 2n }, { message: ' a must be below b ' })).toEqual({ ok: false, message: 'a must be below b' });
    expect(run('self.a < self.b', { a: 3n, b: 2n }, { messageExpression: "'a is ' + string(self.a)" })).toEqual({ ok: false, message: 'a is 3' });
    expect(run('self.a < self.b', { a: 3n, b: 2n }, { messageExpression: 'self.missing' })).toEqual({ ok: false, message: 'failed rule: self.a < self.b' });
    expect(run('self.a < self.b', { a: 3n, b: 2n })).toEqual({ ok: false, message: 'failed rule: self.a < self.b' });
  });

  test('reading a field the object lacks fails the rule as the server words it', () => {
    expect(run('size(self.refs) > 0', {}, { message: 'refs required' })).toEqual({ ok: false, message: 'no such key: refs evaluating rule: refs required' });
  });

  test('a transition rule (oldSelf) is not run; an unknown function is not compiled', () => {
    expect(compileRule({ rule: 'self == oldSelf' }).state).toBe('transition');
    const r = compileRule({ rule: "isIP(self) && ip(self).family() == 4" });
    expect(r.state).toBe('unsupported');
  });

  test('a matches() pattern that JavaScript would read differently is not run', () => {
    const r = compileRule({ rule: "self.matches('(?i)^abc$')" });
    expect(r.state).toBe('unsupported');
    expect(run("self.matches('^[a-z]+$')", 'abc')).toEqual({ ok: true });
  });

  test('the Kubernetes library: regex, lists, urls, strings', () => {
    expect(run("self.find('[0-9]+') == '123' && self.findAll('[a-z]').size() == 2 && self.findAll('[a-z]', 1) == ['a']", 'a123b')).toEqual({ ok: true });
    expect(run('self.isSorted() && self.sum() == 6 && self.min() == 1 && self.max() == 3 && self.indexOf(2) == 1 && self.lastIndexOf(9) == -1', [1n, 2n, 3n])).toEqual({ ok: true });
    expect(run("isURL(self) && url(self).getScheme() == 'https' && url(self).getHost() == 'a.b:8443' && url(self).getHostname() == 'a.b' && url(self).getPort() == '8443' && url(self).getEscapedPath() == '/x' && url(self).getQuery()['q'] == ['1']", 'https://a.b:8443/x?q=1')).toEqual({ ok: true });
    expect(run("!isURL(self)", 'not a url')).toEqual({ ok: true });
    expect(run("self.charAt(1) == 'b' && self.replace('b', 'x') == 'axc' && self.replace('c', '', 0) == self && self.reverse() == 'cba'", 'abc')).toEqual({ ok: true });
    expect(run('self.min() == 0', [])).toMatchObject({ ok: 'error' });
  });
});

test('rewriteIndexedHas: has() on a selection after an index, strings left alone', () => {
  expect(rewriteIndexedHas('has(self.a[0].b) && has(self.c)')).toBe("podwright_has(self.a[0], 'b') && has(self.c)");
  expect(rewriteIndexedHas("'has(self.a[0].b)' == x")).toBe("'has(self.a[0].b)' == x");
  expect(run('!has(self.m[0].path) || self.m[0].path == "/"', { m: [{}] })).toEqual({ ok: true });
  expect(run('has(self.m[0].path)', { m: [{}] })).toEqual({ ok: false, message: 'failed rule: has(self.m[0].path)' });
});

test('fieldPath and reason', () => {
  expect(parseFieldPath(".spec.x['a.b'][2]")).toEqual(['spec', 'x', 'a.b', 2]);
  expect(parseFieldPath('spec')).toBeUndefined();
  expect(ruleErrorText({ rule: 'x', reason: 'FieldValueForbidden' }, 'object', 'no')).toBe('Forbidden: no');
  expect(ruleErrorText({ rule: 'x', reason: 'FieldValueRequired' }, 'object', 'no')).toBe('Required value: no');
  expect(ruleErrorText({ rule: 'x' }, 'array', 'no')).toBe('Invalid value: "array": no');
});
