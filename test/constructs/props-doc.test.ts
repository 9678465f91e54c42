import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Every optional prop of a construct's or a seam's `...Props` / `...Options` interface
 * documents its default (`@default`) in the doc comment right above it.
 */
const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['lib/constructs', 'lib/pod', 'lib/workload', 'lib/debug'];

function undocumented(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: string[] = [];
  let inProps = false;
  lines.forEach((line, i) => {
    if (/^export interface \w+(Props|Options)\b/.test(line)) inProps = true;
    else if (line.startsWith('}')) inProps = false;
    const prop = inProps ? /^ {2}readonly (\w+)\?:/.exec(line) : null;
    if (!prop) return;
    let doc = '';
    for (let j = i - 1; j >= 0 && /^\s*(\/\*\*|\*)/.test(lines[j]!); j--) {
      doc = lines[j]! + doc;
      if (lines[j]!.includes('/**')) break;
    }
    if (!doc.includes('@default')) out.push(`${path.relative(ROOT, file)}:${i + 1} ${prop[1]}`);
  });
  return out;
}

test('every optional construct prop documents its default', () => {
  const files = DIRS.flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, d, f)));
  expect(files.length).toBeGreaterThan(20);
  expect(files.flatMap(undocumented)).toEqual([]);
});

test('the check finds a prop without @default', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-props-doc-'));
  const tmp = path.join(dir, 'x.ts');
  fs.writeFileSync(tmp, 'export interface XProps {\n  /** Documented. @default 1 */\n  readonly a?: number;\n  /** Not. */\n  readonly b?: number;\n}\n');
  try {
    expect(undocumented(tmp)).toEqual([`${path.relative(ROOT, tmp)}:5 b`]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
