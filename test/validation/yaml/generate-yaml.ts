/**
 * Small YAML documents for the differential test of the two readers: generated from a
 * seed (the same seed gives the same documents on every machine), built from the
 * pieces Kubernetes manifests are made of and the places where YAML is subtle
 * (typed plain scalars, indicators inside scalars, folding, chomping, flow collections,
 * comments, tabs), then, for some, mutated a character or two so that the fast reader
 * also meets broken and exotic input it must decline.
 */

/** A small, seeded pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN = [
  'web', 'nginx:1.25', 'TCP', '8080', '0', '-1', '+1', '1.5', '1e3', '.5', '.inf', '-.Inf', '.nan', '0x1F', '0o17', '0755', '0b101',
  '1_000', '1:30', '190:20:30', 'y', 'Y', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'null', 'Null', '~', 'n', 'yesterday', 'nullable',
  '2024-01-01', '25%', '*.example.com', '/api/*', 'echo done!', 'a&b', 'a#b', 'a:b', 'http://x.io:80/p?q=1&r=2', 'a b  c', 'a\tb',
  '-c', '--flag=1', 'a]b', 'a}b', 'a,b', "it's", 'say "hi"', 'é', '日本', '<<x', '%x', 'a!', '@', '-', '?', ':x', 'a: b', 'a #b',
  'x\x01y', '\x7fx', 'x\x85', '\u2028', '\ufeffx', 'x\x0cy', 'e3', 'E-2', 'e', '._',
];
/** Continuation lines of plain scalars, where indicators are text. */
const CONTINUATIONS = ['"Secret".', '`Unknown`).', '|| x', '> y', '- item', '[a]', '{b}', '&a', '*b', '!c', '%d', '@e', "'f'", '? g', ', h', '] i', ': j', '- k: l'];
const KEYS = ['name', 'image', 'app', 'a', 'b', 'k8s.io/x', 'a b', 'y', 'on', '1', '0x1', '~', '__proto__', 'toString', '<<', '-k', 'x:y', 'a#b'];
const QUOTABLE = ['', ' ', 'x', "it's", 'a"b', 'a\\b', 'tab\there', 'line\nbreak', '*', '&a', '!x', '# no', '[a]', 'é', '%', '\\\'', ' lead', 'trail '];
const BLOCK_LINES = ['echo hi', '', '  indented', 'a: b', '# not a comment', '* * * *', '\tx', 'last', ' ', '- item', "quote's", '"dq"'];
const SPACES = [' ', ' ', ' ', '  ', '\t', ' \t'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function doubleQuoted(r: () => number, s: string): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': r() < 0.5 ? '\\t' : '\t', '\n': '\\n' };
  let out = '';
  for (const ch of s) out += escapes[ch] ?? (ch === 'é' && r() < 0.5 ? '\\u00e9' : ch);
  return `"${out}"`;
}

function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''").replace(/\n/g, '\n\n')}'`;
}

function scalar(r: () => number, indent: number, flow: boolean): string {
  const x = r();
  if (x < 0.45) {
    const p = pick(r, PLAIN);
    if (!flow && r() < 0.08) return `${p}\n${' '.repeat(indent + 1 + Math.floor(r() * 3))}${pick(r, [...PLAIN, ...CONTINUATIONS])}`; // multi-line plain
    return p;
  }
  if (x < 0.65) {
    const s = pick(r, QUOTABLE);
    if (r() < 0.1) return `"${s.replace(/["\\\n]/g, '')}\n${' '.repeat(indent + 1)}more${r() < 0.5 ? '\\\n' + ' '.repeat(indent + 2) + 'end' : ''}"`;
    return doubleQuoted(r, s);
  }
  if (x < 0.8) {
    const s = pick(r, QUOTABLE);
    if (r() < 0.1) return `'${s.replace(/['\n]/g, '')}\n${r() < 0.3 ? '\n' : ''}${' '.repeat(indent + 1)}more'`;
    return singleQuoted(s);
  }
  if (flow) return pick(r, PLAIN);
  // A block scalar.
  const header = `${pick(r, ['|', '>'])}${pick(r, ['', '', '-', '+', '2', '-1', '+2'])}${r() < 0.1 ? ' # note' : ''}`;
  const explicit = /\d/.exec(header)?.[0];
  const contentIndent = explicit ? indent + Number(explicit) : indent + 2;
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const l = pick(r, BLOCK_LINES);
    lines.push(l === '' ? (r() < 0.3 ? ' '.repeat(Math.floor(r() * (contentIndent + 2))) : '') : ' '.repeat(contentIndent) + l);
  }
  if (lines[0]!.trim() === '' && r() < 0.7) lines[0] = ' '.repeat(contentIndent) + 'first';
  if (r() < 0.3) lines.push('');
  return `${header}\n${lines.join('\n')}`;
}

function flowNode(r: () => number, depth: number, indent: number): string {
  const x = r();
  if (depth > 2 || x < 0.5) {
    const s = scalar(r, indent, true);
    return s;
  }
  const n = Math.floor(r() * 4);
  const items: string[] = [];
  const map = x < 0.75;
  for (let k = 0; k < n; k++) items.push(map ? `${pick(r, ['a', 'b', '"q"', 'c d', 'k'])}: ${flowNode(r, depth + 1, indent)}` : flowNode(r, depth + 1, indent));
  const sep = r() < 0.15 ? `,\n${' '.repeat(indent + 1 + Math.floor(r() * 2))}` : pick(r, [', ', ',', ' , ']);
  const trailing = r() < 0.1 ? ',' : '';
  const open = map ? '{' : '[';
  const close = map ? '}' : ']';
  const beforeClose = r() < 0.1 ? `\n${' '.repeat(Math.max(0, indent - 1 + Math.floor(r() * 3)))}` : r() < 0.2 ? ' ' : '';
  return `${open}${r() < 0.2 ? ' ' : ''}${items.join(sep)}${trailing}${beforeClose}${close}`;
}

function comment(r: () => number): string {
  return r() < 0.1 ? `${pick(r, SPACES)}# ${pick(r, ['c', 'a: b', '- x', '\tx', '"'])}` : '';
}

/** A block node at `indent` (the value of a key or a sequence item), as lines of text. */
function blockValue(r: () => number, depth: number, indent: number): string {
  const x = r();
  if (depth > 3 || x < 0.45) return ` ${scalar(r, indent, false)}${comment(r)}`;
  if (x < 0.55) return ` ${flowNode(r, 1, indent)}${comment(r)}`;
  if (x < 0.6) return `${comment(r)}`; // empty
  const step = pick(r, [2, 2, 4, 1, 3]);
  if (x < 0.8) return `${comment(r)}\n${mapping(r, depth + 1, indent + step)}`;
  const seqIndent = r() < 0.4 ? indent : indent + step;
  return `${comment(r)}\n${sequence(r, depth + 1, seqIndent)}`;
}

function mapping(r: () => number, depth: number, indent: number): string {
  const n = 1 + Math.floor(r() * 4);
  const out: string[] = [];
  const used = new Set<string>();
  for (let k = 0; k < n; k++) {
    let key = pick(r, KEYS);
    if (used.has(key) && r() < 0.9) continue;
    used.add(key);
    if (r() < 0.15) key = r() < 0.5 ? doubleQuoted(r, key) : singleQuoted(key);
    if (r() < 0.05) out.push(`${' '.repeat(Math.floor(r() * (indent + 3)))}# comment`);
    if (r() < 0.05) out.push('');
    out.push(`${' '.repeat(indent)}${key}:${blockValue(r, depth, indent)}`);
  }
  return out.join('\n');
}

function sequence(r: () => number, depth: number, indent: number): string {
  const n = 1 + Math.floor(r() * 3);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const y = r();
    const gap = pick(r, [' ', ' ', '   ', '\t']);
    if (y < 0.4 && depth < 4) {
      // A compact mapping in the entry.
      const inner = mapping(r, depth + 1, indent + 1 + gap.length);
      out.push(`${' '.repeat(indent)}-${gap}${inner.slice(indent + 1 + gap.length)}`);
    } else if (y < 0.5 && depth < 4) {
      const inner = sequence(r, depth + 1, indent + 2);
      out.push(`${' '.repeat(indent)}- ${inner.slice(indent + 2)}`);
    } else {
      out.push(`${' '.repeat(indent)}-${blockValue(r, depth, indent)}`);
    }
  }
  return out.join('\n');
}

const MUTATIONS = [' ', '\t', '\n', ':', '-', '#', '"', "'", '|', '>', '[', ']', '{', '}', ',', 'a', '1', '\\', '\r\n', '&', '*', '!', '?', '%', '  ', '\n  ', '\x01', '\x85', '\x7f', '\ufeff', '\u2028', '\x0c'];

/** One document: a mapping at the top, sometimes after a `---` line or before a `...` line, sometimes mutated. */
export function generateDocument(r: () => number): string {
  let text = `${r() < 0.2 ? `---${r() < 0.2 ? ' # start' : ''}\n` : ''}${r() < 0.1 ? '# head\n\n' : ''}${r() < 0.05 ? pick(r, ['{a: 1, b: [x]}', '{\n  a: 1,\n  b: "x",\n}']) : mapping(r, 0, 0)}\n`;
  if (r() < 0.05) text += '...\n';
  if (r() < 0.03) text = text.replace(/\n/g, '\r\n');
  if (r() < 0.4) {
    const edits = 1 + Math.floor(r() * 2);
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(r() * text.length);
      const del = r() < 0.3 ? 1 : 0;
      text = text.slice(0, at) + (r() < 0.8 ? pick(r, MUTATIONS) : '') + text.slice(at + del);
    }
  }
  return text;
}
