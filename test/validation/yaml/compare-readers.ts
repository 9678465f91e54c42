import { readYamlString } from '../../../lib/validation/yaml/read';
import { fastParse } from '../../../lib/validation/yaml/fast-parse';
import { ObjectInput, Path } from '../../../lib/validation/types';

/**
 * The differential check of the two YAML readers: the fast path must read every
 * document it accepts exactly as the full reader does (the same object, no problems,
 * the same location for every field). Returns how many documents with content the
 * fast path took, and the documents it declined although the full reader reads them
 * without a problem (what the fast path leaves on the table).
 */
function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

export function compare(text: string, name: string): { fast: number; total: number; declinedClean: string[] } {
  const full = readYamlString(text, name, { fastPath: false });
  const quick = readYamlString(text, name);
  expect(quick.map((d) => d.object)).toEqual(full.map((d) => d.object));
  expect(quick.map((d) => d.problems)).toEqual(full.map((d) => d.problems));
  expect(quick.map((d) => d.documentIndex)).toEqual(full.map((d) => d.documentIndex));
  quick.forEach((q: ObjectInput, i) => {
    const f = full[i]!;
    for (const p of paths(q.object)) expect([p, q.locate?.(p)]).toEqual([p, f.locate?.(p)]);
    // A path that is not in the object: the nearest ancestor's location, on both paths.
    expect(q.locate?.(['no-such-field', 0])).toEqual(f.locate?.(['no-such-field', 0]));
  });
  // Documents with content (not the empty text before a leading `---`, nor comments alone).
  const segments = text.split(/^---(?:[ \t].*)?$/m).filter((s) => s.replace(/^\s*#.*$/gm, '').trim() !== '');
  const declined = segments.filter((s) => fastParse(s, 1000) === undefined);
  const declinedClean = declined.filter((s) => readYamlString(s, name, { fastPath: false }).every((d) => d.problems === undefined && isMapping(d.object)));
  return { fast: segments.length - declined.length, total: segments.length, declinedClean };
}

function isMapping(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
