/**
 * The CEL environment of custom resource validation rules: @marcbachmann/cel-js (the
 * standard functions and macros, and most of cel-go's strings extension) plus the
 * Kubernetes CEL libraries these rules use, ported from k8s.io/apiserver/pkg/cel/library:
 *
 * - regex.go: `find`, `findAll` (RE2, see re2.ts);
 * - lists.go: `isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf` on lists;
 * - urls.go: `url`, `isURL` and the URL getters;
 * - cel-go ext/strings.go (v2, as 1.28 configures it): `charAt`, `replace`, `reverse`,
 *   `quote` where cel-js lacks them.
 *
 * - quantity.go (1.29+): `quantity`, `isQuantity`, `sign`, `compareTo`, `isGreaterThan`,
 *   `isLessThan`, `isInteger`, `asInteger`, `asApproximateFloat`, `add`, `sub`, `==`.
 *
 * Not here (a rule that calls them is reported as not evaluated): quantity `mul`/`div`/
 * `divInt`, `ip`/`cidr` (1.30), `sets.*` (1.29), `format` (1.31).
 *
 * The library is loaded on first use only: a run without CEL rules never loads it.
 */
import type { Environment as CelEnvironment } from '@marcbachmann/cel-js';
import { re2 } from './re2';

type Env = CelEnvironment;

let env: Env | undefined;

/** The shared environment (functions are stateless; programs are compiled per rule). */
export function celEnvironment(): Env {
  if (env) return env;
  // Loaded lazily: the package is ES-module only (require(esm), Node >= 20.19).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cel = require('@marcbachmann/cel-js') as typeof import('@marcbachmann/cel-js');
  const e = new cel.Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
  const fail = (message: string): never => {
    throw new Error(message);
  };

  // regex.go
  e.registerFunction('string.find(string): string', (s: string, p: string) => re2(p).exec(s)?.[0] ?? '');
  e.registerFunction('string.findAll(string): list<string>', (s: string, p: string) => findAll(s, p, -1));
  e.registerFunction('string.findAll(string, int): list<string>', (s: string, p: string, n: bigint) => findAll(s, p, Number(n)));

  // lists.go: comparable elements (int, uint, double, string, bool, bytes, duration, timestamp).
  const cmp = (a: unknown, b: unknown): number => {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
      const x = Number(a);
      const y = Number(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
    return fail('no such overload: elements are not comparable');
  };
  e.registerFunction('list.isSorted(): bool', (l: readonly unknown[]) => {
    for (let i = 1; i < l.length; i++) if (cmp(l[i - 1], l[i]) > 0) return false;
    return true;
  });
  e.registerFunction('list.sum(): dyn', (l: readonly unknown[]) => {
    if (l.length === 0) return 0n;
    if (typeof l[0] === 'bigint') return (l as bigint[]).reduce((a, b) => a + b, 0n);
    return (l as number[]).reduce((a, b) => a + Number(b), 0);
  });
  e.registerFunction('list.min(): dyn', (l: readonly unknown[]) => {
    if (l.length === 0) fail('min called on empty list');
    return l.reduce((a, b) => (cmp(b, a) < 0 ? b : a));
  });
  e.registerFunction('list.max(): dyn', (l: readonly unknown[]) => {
    if (l.length === 0) fail('max called on empty list');
    return l.reduce((a, b) => (cmp(b, a) > 0 ? b : a));
  });
  e.registerFunction('list.indexOf(dyn): int', (l: readonly unknown[], x: unknown) => BigInt(l.findIndex((y) => celEquals(y, x))));
  e.registerFunction('list.lastIndexOf(dyn): int', (l: readonly unknown[], x: unknown) => {
    for (let i = l.length - 1; i >= 0; i--) if (celEquals(l[i], x)) return BigInt(i);
    return -1n;
  });

  // urls.go: url() accepts what Go's url.ParseRequestURI accepts (absolute URI or absolute path).
  class KubernetesURL {
    constructor(readonly raw: string, readonly u: URL | undefined) {}
  }
  e.registerType('kubernetes.URL', { ctor: KubernetesURL } as never);
  const parseUrl = (s: string): KubernetesURL | undefined => {
    if (s.startsWith('/')) return new KubernetesURL(s, undefined);
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) || /\s/.test(s)) return undefined;
    try {
      return new KubernetesURL(s, new URL(s));
    } catch {
      return undefined;
    }
  };
  e.registerFunction('url(string): kubernetes.URL', (s: string) => parseUrl(s) ?? fail(`URL parse error during conversion from string: parse "${s}": invalid URI for request`));
  e.registerFunction('isURL(string): bool', (s: string) => parseUrl(s) !== undefined);
  e.registerFunction('kubernetes.URL.getScheme(): string', (u: KubernetesURL) => (u.u ? u.u.protocol.slice(0, -1) : ''));
  e.registerFunction('kubernetes.URL.getHost(): string', (u: KubernetesURL) => (u.u ? u.u.host : ''));
  e.registerFunction('kubernetes.URL.getHostname(): string', (u: KubernetesURL) => (u.u ? u.u.hostname.replace(/^\[(.*)\]$/, '$1') : ''));
  e.registerFunction('kubernetes.URL.getPort(): string', (u: KubernetesURL) => (u.u ? u.u.port : ''));
  e.registerFunction('kubernetes.URL.getEscapedPath(): string', (u: KubernetesURL) => (u.u ? u.u.pathname : u.raw.split(/[?#]/)[0]!));
  e.registerFunction('kubernetes.URL.getQuery(): map<string, list<string>>', (u: KubernetesURL) => {
    const out = new Map<string, string[]>();
    const params = u.u ? u.u.searchParams : new URLSearchParams(u.raw.split('?')[1] ?? '');
    for (const [k, v] of params) out.set(k, [...(out.get(k) ?? []), v]);
    return out;
  });

  // has(<expr>.<field>) where <expr> is not a plain selection chain (see rewriteIndexedHas).
  e.registerFunction('podwright_has(dyn, string): bool', (o: unknown, f: string) => {
    if (o instanceof Map) return o.has(f);
    if (o !== null && typeof o === 'object' && !Array.isArray(o)) return Object.prototype.hasOwnProperty.call(o, f) && (o as Record<string, unknown>)[f] !== undefined;
    return fail(`invalid type for field selection`);
  });

  // quantity.go (Kubernetes 1.29+): exact arithmetic on resource.Quantity values.
  e.registerType('kubernetes.Quantity', { ctor: Quantity } as never);
  e.registerFunction('quantity(string): kubernetes.Quantity', (s: string) => Quantity.parse(s) ?? fail(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`));
  e.registerFunction('isQuantity(string): bool', (s: string) => Quantity.parse(s) !== undefined);
  e.registerFunction('kubernetes.Quantity.sign(): int', (q: Quantity) => BigInt(q.sign()));
  e.registerFunction('kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool', (q: Quantity, o: Quantity) => q.cmp(o) === 1);
  e.registerFunction('kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool', (q: Quantity, o: Quantity) => q.cmp(o) === -1);
  e.registerFunction('kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (q: Quantity, o: Quantity) => BigInt(q.cmp(o)));
  e.registerFunction('kubernetes.Quantity.asApproximateFloat(): double', (q: Quantity) => q.approximate());
  e.registerFunction('kubernetes.Quantity.isInteger(): bool', (q: Quantity) => q.asInt64() !== undefined);
  e.registerFunction('kubernetes.Quantity.asInteger(): int', (q: Quantity) => q.asInt64() ?? fail('cannot convert value to integer'));
  e.registerFunction('kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity', (q: Quantity, o: Quantity) => q.plus(o));
  e.registerFunction('kubernetes.Quantity.add(int): kubernetes.Quantity', (q: Quantity, n: bigint) => q.plus(new Quantity(n, 1n)));
  e.registerFunction('kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity', (q: Quantity, o: Quantity) => q.plus(o.negated()));
  e.registerFunction('kubernetes.Quantity.sub(int): kubernetes.Quantity', (q: Quantity, n: bigint) => q.plus(new Quantity(-n, 1n)));
  e.registerOperator('kubernetes.Quantity == kubernetes.Quantity', (a: Quantity, b: Quantity) => a.cmp(b) === 0);

  // cel-go ext/strings.go functions cel-js lacks.
  e.registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
    const cps = [...s];
    const n = Number(i);
    if (n < 0 || n > cps.length) fail(`index out of range: ${n}`);
    return cps[n] ?? '';
  });
  e.registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) => s.split(a).join(b));
  e.registerFunction('string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) => {
    let left = Number(n);
    if (left < 0) return s.split(a).join(b);
    let out = '';
    let rest = s;
    while (left > 0) {
      const at = rest.indexOf(a);
      if (at === -1) break;
      out += rest.slice(0, at) + b;
      rest = rest.slice(at + a.length);
      left--;
      if (a === '') { out += rest.slice(0, 1); rest = rest.slice(1); }
    }
    return out + rest;
  });
  e.registerFunction('string.reverse(): string', (s: string) => [...s].reverse().join(''));
  env = e;
  return e;
}

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Ti: 40, Gi: 30, Pi: 50, Ei: 60 };
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/**
 * A resource.Quantity as an exact fraction (k8s.io/apimachinery/pkg/api/resource,
 * ParseQuantity, Cmp, AsInt64): `num / den`, den > 0.
 */
export class Quantity {
  constructor(readonly num: bigint, readonly den: bigint) {}

  /** ParseQuantity: `[+-]?digits[.digits]` then a decimal or binary SI suffix or an exponent; undefined when invalid. */
  static parse(s: string): Quantity | undefined {
    const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[+-]?[0-9]*)$/.exec(s);
    if (!m || (m[2]! + (m[3] ?? '')).length === 0) return undefined;
    const frac = m[3] ?? '';
    let num = BigInt(`${m[2]!}${frac}` || '0') * (m[1] === '-' ? -1n : 1n);
    let den = 10n ** BigInt(frac.length);
    const suffix = m[4]!;
    let exp10: number;
    if (Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIX, suffix)) exp10 = DECIMAL_SUFFIX[suffix]!;
    else if (Object.prototype.hasOwnProperty.call(BINARY_SUFFIX, suffix)) {
      exp10 = 0;
      num *= 1n << BigInt(BINARY_SUFFIX[suffix]!);
    } else if (/^[eE][+-]?[0-9]+$/.test(suffix)) exp10 = Number(suffix.slice(1));
    else return undefined;
    if (exp10 >= 0) num *= 10n ** BigInt(exp10);
    else den *= 10n ** BigInt(-exp10);
    return new Quantity(num, den);
  }

  sign(): number {
    return this.num > 0n ? 1 : this.num < 0n ? -1 : 0;
  }

  cmp(o: Quantity): number {
    const a = this.num * o.den;
    const b = o.num * this.den;
    return a > b ? 1 : a < b ? -1 : 0;
  }

  plus(o: Quantity): Quantity {
    return new Quantity(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  negated(): Quantity {
    return new Quantity(-this.num, this.den);
  }

  /** AsInt64: the value when it is a whole number within int64. */
  asInt64(): bigint | undefined {
    if (this.num % this.den !== 0n) return undefined;
    const v = this.num / this.den;
    return v > INT64_MAX || v < INT64_MIN ? undefined : v;
  }

  approximate(): number {
    return Number(this.num) / Number(this.den);
  }
}

function findAll(s: string, pattern: string, limit: number): string[] {
  if (limit === 0) return [];
  const out: string[] = [];
  const re = re2(pattern, true);
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    out.push(m[0]);
    if (m[0] === '') re.lastIndex++;
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

/** CEL equality for list elements (numbers across int/uint/double compare by value). */
function celEquals(a: unknown, b: unknown): boolean {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
