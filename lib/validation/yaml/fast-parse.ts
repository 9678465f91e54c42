/**
 * A fast path for ordinary documents. The `yaml` package (which gives exact
 * positions, duplicate-key and alias handling) parses about a dozen times slower
 * than js-yaml; on a 20,000-document file it was three quarters of `podwright validate`.
 *
 * `fastParse` reads a document with js-yaml, with plain scalars resolved by the very
 * resolvers of the `yaml` package's YAML 1.1 schema (minus the timestamp tag), and
 * records where each key and sequence item starts, so `locate()` answers as the full
 * reader does. It declines (returns undefined) for what it does not do: anchors,
 * aliases, tags, merge keys, directives and explicit keys as YAML syntax (not the same
 * characters inside scalars: see `unusual`), tabs, or any js-yaml error (duplicate
 * keys, syntax errors, nesting too deep). The caller then uses the full reader, which
 * reports those cases. A differential test keeps both paths equal on every document the
 * fast path accepts.
 */
import * as jsyaml from 'js-yaml';
import { Document, isScalar } from 'yaml';
import { Path } from '../types';
import { segmentName } from '../util/path';

interface ScalarTag {
  readonly tag: string;
  readonly default?: boolean | string;
  readonly test?: RegExp;
  resolve(value: string, onError: (msg: string) => void, options: object): unknown;
}

/**
 * A js-yaml schema whose plain scalars resolve exactly as in the `yaml` package's
 * YAML 1.1 schema (minus the timestamp tag): one implicit type that tries the yaml
 * package's own tag tests in schema order and constructs with its own resolvers.
 * One type rather than one per tag: js-yaml calls every implicit type per scalar, and
 * this is the hot path. (The tag name only matters for explicit tags, which the fast
 * path declines.)
 */
function yaml11Schema(): jsyaml.Schema {
  const tags = (new Document(null, { version: '1.1' }).schema as unknown as { tags: ScalarTag[] }).tags
    .filter((t) => t.default === true && t.test instanceof RegExp && t.tag !== 'tag:yaml.org,2002:timestamp');
  // Every such scalar starts with one of these characters (the tests' first characters, or empty for null).
  const candidate = /^(?:$|[-+.~0-9nNyYtTfFoO])/;
  const noError = () => { throw new Error('unresolvable scalar'); };
  // The only typed scalars that start with a letter are the YAML 1.1 booleans and nulls
  // (y, yes, on, off, true, false, null, ... in three cases), five characters at most.
  const longWord = (data: string) => {
    const lower = data.charCodeAt(0) | 0x20; // ASCII letters to lower case
    return data.length > 5 && lower >= 0x61 && lower <= 0x7a;
  };
  // Kubernetes documents repeat a few hundred plain scalars ('TCP', '8080', 'true', ...):
  // each distinct one is resolved once. Only primitive results are kept (all of these tags give primitives).
  const NOT_TYPED = Symbol('string');
  const known = new Map<string, unknown>();
  const typed = (data: string): unknown => {
    let v = known.get(data);
    if (v === undefined && !known.has(data)) {
      const tag = tags.find((t) => t.test!.test(data));
      if (tag) {
        const r = tag.resolve(data, noError, {});
        v = isScalar(r) ? r.value : r; // booleans come back wrapped, to keep their source form
      } else {
        v = NOT_TYPED;
      }
      if (known.size >= 10_000) known.clear();
      if (v === null || typeof v !== 'object') known.set(data, v);
    }
    return v;
  };
  const plain = new jsyaml.Type('tag:podwright.io/yaml-1.1-plain', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && candidate.test(data) && !longWord(data) && typed(data) !== NOT_TYPED,
    construct: (data: string) => typed(data),
  });
  return jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [plain] });
}

let schema: jsyaml.Schema | undefined;

/** Where a node's keys or items start, by key or index. */
interface PositionNode {
  readonly start: number;
  readonly result: unknown;
  readonly children: PositionNode[];
  /** For mappings: key to [key start, value node]. */
  entries?: Map<string, [number, PositionNode | undefined]>;
}

/**
 * What the fast path leaves to the full reader: anchors, aliases, tags, directives,
 * merge keys, explicit (`? `) keys and tabs, as YAML syntax. The characters themselves
 * are common inside scalars (`maxSurge: 25%`, `host: "*.example.com"`, `path: /api/*`,
 * `echo done!`, `?a=1&b=2`, `cat <<EOF`), so each is matched only where YAML could read
 * it as syntax, and a false match only costs a decline:
 * - a node property (`&anchor`, `!tag`) or an alias (`*name`) can only begin a node
 *   (YAML 1.2 §6.9, §7.1; a plain scalar cannot begin with `&`, `*` or `!`, §7.3.3): at
 *   the start of a line after indentation, after a block indicator (`-`, `?`, `:`) and a
 *   space, after a flow indicator (`[`, `{`, `,`), or right after a quoted key's `:`;
 * - a directive begins a line with `%` (§6.8);
 * - a merge key is the key `<<`;
 * - the lines of a block scalar (`key: |`, `- >-`) are content, not syntax (§8.1): a
 *   line indented deeper than the scalar's key belongs to it, so a script's `* * *`,
 *   `& friends` or tab-indented Makefile lines there do not count.
 */
const QUICK = /[&*!%\t?]|<</;
const NODE_PROPERTY = /^[ ]*[&*!]|[-?:][ ]+[&*!]|[[{,][ ]*[&*!]|["']:[&*!]/;
const MERGE_KEY = /<<["']?[ ]*:/;
const EXPLICIT_KEY = /(?:^|[{,[])[ -]*\?(?:\s|$)/;
/** A line that opens a block scalar: group 1 is what precedes its key (indentation and `- `), group 2 the key. */
const BLOCK_SCALAR = /^([ ]*(?:-[ ]+)*)((?:[^\s#'"&*!|>%@`{[\]},?:-][^:#]*|"[^"\\]*"|'[^']*'):[ ]+)?[|>][-+1-9]{0,2}[ ]*(?:#.*)?$/;

/** Whether a document holds YAML syntax the fast path leaves to the full reader. */
function unusual(text: string): boolean {
  // Most documents hold none of these characters at all: only those that do are read a line at a time.
  return QUICK.test(text) && syntaxOutsideBlockScalars(text);
}

function syntaxOutsideBlockScalars(text: string): boolean {
  /** Lines indented deeper than this are block scalar content; -1 outside a block scalar. */
  let blockKey = -1;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (blockKey >= 0) {
      let spaces = 0;
      while (line.charCodeAt(spaces) === 0x20) spaces++;
      if (spaces > blockKey || line.trim() === '') continue;
      blockKey = -1;
    }
    if (QUICK.test(line)
      && (line.includes('\t') || line.startsWith('%') || NODE_PROPERTY.test(line) || MERGE_KEY.test(line) || EXPLICIT_KEY.test(line))) return true;
    if (!line.includes('|') && !line.includes('>')) continue;
    const block = BLOCK_SCALAR.exec(line);
    // The scalar's parent: its key (`- key: |`), or the last dash of a sequence entry (`- |`).
    if (block) blockKey = block[2] ? block[1]!.length : Math.max(0, block[1]!.trimEnd().length - 1);
  }
  return false;
}

export interface FastDocument {
  readonly value: Readonly<Record<string, unknown>>;
  /** The offset of the field at `path`, or of its nearest ancestor that exists. */
  offsetOf(path: Path): number | undefined;
}

/**
 * Reads one document quickly, or returns undefined when the document needs the full
 * reader. Only mappings (Kubernetes objects) are taken.
 */
export function fastParse(text: string, maxDepth: number): FastDocument | undefined {
  if (unusual(text)) return undefined;
  schema ??= yaml11Schema();
  const stack: { start: number; children: PositionNode[] }[] = [];
  let root: PositionNode | undefined;
  let value: unknown;
  try {
    value = jsyaml.load(text, {
      schema,
      json: false,
      maxDepth,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ start: state.position, children: [] });
          return;
        }
        const frame = stack.pop()!;
        let node: PositionNode = { start: frame.start, result: state.result, children: frame.children };
        // js-yaml opens some nodes twice (a wrapper around the same result): keep the inner one.
        if (frame.children.length === 1 && frame.children[0]!.result === state.result && state.result !== null && typeof state.result === 'object') {
          node = frame.children[0]!;
        }
        // js-yaml sends no event for some empty nodes (`-` alone, `key:` alone); without one
        // node per entry the positions cannot be paired with entries: leave it to the full reader.
        const r = node.result;
        if (typeof r === 'object' && r !== null && node.children.length !== (Array.isArray(r) ? r.length : 2 * Object.keys(r).length)) {
          throw new Error('unpaired positions');
        }
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(node);
        else root = node;
      },
    } as jsyaml.LoadOptions & { maxDepth: number });
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !root) return undefined;
  const top = root;
  return {
    value: value as Record<string, unknown>,
    offsetOf: (path) => locate(top, path, text),
  };
}

function entriesOf(node: PositionNode): Map<string, [number, PositionNode | undefined]> | undefined {
  if (node.entries) return node.entries;
  if (typeof node.result !== 'object' || node.result === null || Array.isArray(node.result)) return undefined;
  const map = new Map<string, [number, PositionNode | undefined]>();
  const c = node.children;
  for (let i = 0; i < c.length; i += 2) {
    const key = c[i]!;
    map.set(String(key.result), [key.start, c[i + 1]]);
  }
  node.entries = map;
  return map;
}

function locate(root: PositionNode, path: Path, text: string): number | undefined {
  let node: PositionNode | undefined = root;
  let offset = startOf(root, text);
  for (const seg of path) {
    if (!node) break;
    if (Array.isArray(node.result)) {
      if (typeof seg !== 'number') break;
      const item: PositionNode | undefined = node.children[seg];
      if (!item) break;
      offset = startOf(item, text);
      node = item;
      continue;
    }
    const entry: [number, PositionNode | undefined] | undefined = entriesOf(node)?.get(String(segmentName(seg)));
    if (!entry) break;
    offset = entry[0];
    node = entry[1];
  }
  return offset;
}

const isCollection = (node: PositionNode) => typeof node.result === 'object' && node.result !== null;

/**
 * Where a node starts, as the `yaml` package's ranges say: a scalar at its first
 * character; a block mapping at its first key; a flow collection at its bracket; a
 * block sequence at its first `-`. js-yaml reports where it began looking for a
 * collection, so collections are found from their first entry, looking back over
 * white space and comments for a bracket or a dash.
 */
function startOf(node: PositionNode, text: string): number {
  if (!isCollection(node)) return node.start;
  const seq = Array.isArray(node.result);
  const first = node.children[0];
  if (!first) {
    let i = node.start;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    return i;
  }
  const content = startOf(first, text);
  const before = previousToken(text, content);
  if (before !== undefined) {
    const c = text[before];
    if ((!seq && c === '{') || (seq && (c === '[' || c === '-'))) return before;
  }
  return content;
}

/** The offset of the last character before `offset` that is not white space or part of a comment. */
function previousToken(text: string, offset: number): number | undefined {
  let j = offset - 1;
  for (;;) {
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j--;
    if (j < 0) return undefined;
    if (text[j] !== '\n') return j;
    // Step onto the previous line, dropping a trailing comment.
    const lineEnd = j;
    if (lineEnd === 0) return undefined;
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(lineStart, lineEnd).replace(/(^|[ \t])#.*$/, '$1');
    j = lineStart + line.length - 1;
    if (j < lineStart) {
      if (lineStart === 0) return undefined;
      j = lineStart - 1;
    }
  }
}
