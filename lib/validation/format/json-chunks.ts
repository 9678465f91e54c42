/**
 * `JSON.stringify(value, null, 2)` in pieces, for reports whose arrays are large: the
 * value is stringified with a placeholder where each large array goes, and each array is
 * written an item at a time. The text is the same (`JSON.stringify` indents a nested value
 * exactly as it indents the value alone, shifted by its depth; tested against the whole
 * stringify), but no string of the whole report, and no object tree of it, is ever made.
 */

/** A large array to write an item at a time; `item` turns each element into its JSON value. */
export interface StreamedArray<T> {
  readonly items: Iterable<T>;
  readonly item: (x: T) => unknown;
}

/**
 * `value` with each `arrays` key's placeholder (from `placeholder()`) replaced by the
 * array's items. Yields the text in pieces, ending with a newline.
 */
export function* jsonChunks(value: unknown, arrays: ReadonlyMap<string, StreamedArray<any>>): Generator<string> {
  const head = JSON.stringify(value, null, 2);
  let at = 0;
  const marks = [...arrays.keys()]
    .map((token) => ({ token, index: head.indexOf(JSON.stringify(token)) }))
    .filter((m) => m.index !== -1)
    .sort((a, b) => a.index - b.index);
  for (const { token, index } of marks) {
    yield head.slice(at, index);
    const lineStart = head.lastIndexOf('\n', index) + 1;
    const indent = /^ */.exec(head.slice(lineStart))![0].length;
    const pad = ' '.repeat(indent + 2);
    const { items, item } = arrays.get(token)!;
    let first = true;
    for (const x of items) {
      const text = JSON.stringify(item(x), null, 2) ?? 'null'; // an undefined item is null in an array
      yield `${first ? '[\n' : ',\n'}${pad}${text.replace(/\n/g, `\n${pad}`)}`;
      first = false;
    }
    yield first ? '[]' : `\n${' '.repeat(indent)}]`;
    at = index + JSON.stringify(token).length;
  }
  yield `${head.slice(at)}\n`;
}

let counter = 0;

/** A string that stands for an array in `jsonChunks`; it cannot occur in report data. */
export function placeholder(name: string): string {
  counter++;
  return `\u0000podwright-${name}-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}\u0000`;
}

/** Joins chunks (for callers that want the whole text). */
export function joinChunks(chunks: Iterable<string>): string {
  let out = '';
  for (const c of chunks) out += c;
  return out;
}
