import { field, sharedString } from '../../../lib/validation/util/values';

describe('field', () => {
  test('reads own values of plain objects, whatever they hold', () => {
    const fn = () => 1;
    const o: Record<string, unknown> = { a: 1, b: 'x', c: null, d: false, e: { f: [1] }, g: fn, h: undefined };
    expect(field(o, 'a')).toBe(1);
    expect(field(o, 'b')).toBe('x');
    expect(field(o, 'c')).toBeNull();
    expect(field(o, 'd')).toBe(false);
    expect(field(o, 'e')).toEqual({ f: [1] });
    expect(field(o, 'g')).toBe(fn);
    expect(field(o, 'h')).toBeUndefined();
    expect(field(o, 'missing')).toBeUndefined();
  });

  test('never returns what an object inherits', () => {
    const o = { a: 1 };
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__']) {
      expect([key, field(o, key)]).toEqual([key, undefined]);
    }
    class WithGetter {
      own = 'mine';
      get inherited(): string {
        return 'from the prototype';
      }
    }
    const instance = new WithGetter();
    expect(field(instance, 'own')).toBe('mine');
    expect(field(instance, 'inherited')).toBeUndefined();
    const child = Object.create({ parent: 'value' }) as Record<string, unknown>;
    child.mine = 2;
    expect(field(child, 'parent')).toBeUndefined();
    expect(field(child, 'mine')).toBe(2);
  });

  test('reads keys that name Object.prototype members when they are own (as the YAML readers define them)', () => {
    const o: Record<string, unknown> = {};
    Object.defineProperty(o, '__proto__', { value: 'p', writable: true, enumerable: true, configurable: true });
    Object.defineProperty(o, 'constructor', { value: 'c', writable: true, enumerable: true, configurable: true });
    Object.defineProperty(o, 'toString', { value: 't', writable: true, enumerable: true, configurable: true });
    expect(field(o, '__proto__')).toBe('p');
    expect(field(o, 'constructor')).toBe('c');
    expect(field(o, 'toString')).toBe('t');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.a = 1;
    expect(field(bare, 'a')).toBe(1);
    expect(field(bare, 'toString')).toBeUndefined();
  });

  test('is undefined for what is not a mapping', () => {
    expect(field(null, 'a')).toBeUndefined();
    expect(field(undefined, 'a')).toBeUndefined();
    expect(field('text', 'length')).toBeUndefined();
    expect(field([1, 2], 'length')).toBeUndefined();
    expect(field([1, 2], '0')).toBeUndefined();
  });
});

describe('sharedString', () => {
  test('gives back the same text, whatever it is (property-name corner cases included)', () => {
    const text = 'metadata:\n  name: a-name-long-enough-to-be-a-slice\n';
    const cut = text.slice(18, 50);
    const cases = ['', 'a', '__proto__', 'constructor', 'toString', '0', '42', '4294967294', '4294967295', '-0', '1e3', ' spaced ', 'ünïcödé 😀', 'x'.repeat(300), cut, `${cut}${'y'.repeat(20)}`];
    for (const s of cases) expect([s, sharedString(s)]).toEqual([s, s]);
    expect(sharedString(cut)).toBe('a-name-long-enough-to-be-a-slice');
  });

  test('two copies of equal text built apart are one string to a Map', () => {
    const a = sharedString(['con', 'tainer "app" has no probe'].join(''));
    const b = sharedString(`container "${'app'}" has no probe`);
    const ids = new Map([[a, 1]]);
    expect(ids.get(b)).toBe(1);
    expect(a).toBe(b);
  });
});
