import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run as runCli } from '../../../lib/cli/main';
import { formatJson, jsonReportChunks, toJsonReport } from '../../../lib/validation/format/json';
import { jsonChunks, joinChunks, placeholder } from '../../../lib/validation/format/json-chunks';
import { formatJunit, junitChunks } from '../../../lib/validation/format/junit';
import { writeChunks, writeFileAtomic } from '../../../lib/validation/format/output';
import { formatSarif, sarifChunks, toSarif } from '../../../lib/validation/format/sarif';
import { formatText, textChunks } from '../../../lib/validation/format/text';
import { runOn } from '../fixtures/cli-run';
import { rng } from '../../fixtures/seeded';
import { WEBSITE_EXAMPLES } from '../../fixtures/website-examples';

const corpus = WEBSITE_EXAMPLES;


function randomValue(r: () => number, depth: number): unknown {
  const x = r();
  if (depth > 3 || x < 0.35) {
    const y = r();
    if (y < 0.2) return `s "q" \\ \n ${Math.floor(r() * 100)} é \u2028`;
    if (y < 0.4) return Math.floor(r() * 1e6) / 100;
    if (y < 0.5) return r() < 0.5;
    if (y < 0.6) return null;
    if (y < 0.7) return undefined;
    return '';
  }
  if (x < 0.65) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 4); i > 0; i--) o[`k${Math.floor(r() * 10)}`] = randomValue(r, depth + 1);
  return o;
}

describe('jsonChunks: JSON.stringify(value, null, 2) in pieces', () => {
  test('equals the whole stringify for 500 random values with streamed arrays at any depth', () => {
    const r = rng(42);
    for (let i = 0; i < 500; i++) {
      const arrays = new Map<string, { items: unknown[]; item: (x: unknown) => unknown }>();
      const withPlaceholders = (v: unknown, depth: number): unknown => {
        if (Array.isArray(v)) {
          if (r() < 0.5) {
            const token = placeholder('t');
            arrays.set(token, { items: v, item: (x) => x });
            return token;
          }
          return v.map((x) => withPlaceholders(x, depth + 1));
        }
        if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withPlaceholders(x, depth + 1)]));
        return v;
      };
      const value = { top: randomValue(r, 0), list: Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, 1)) };
      const expected = `${JSON.stringify(value, null, 2)}\n`;
      const pieces = [...jsonChunks(withPlaceholders(value, 0), arrays)];
      expect(pieces.join('')).toBe(expected);
    }
  });
});

describe('reports written in pieces', () => {
  test('every format gives the same text whole and in pieces, on the Kubernetes website corpus', async () => {
    const run = await runOn(corpus, ['.'], { k8sVersion: '1.32' });
    expect(run.report.findings.length).toBeGreaterThan(100);
    expect(run.report.skipped.length).toBeGreaterThan(0);
    expect(formatJson(run)).toBe(`${JSON.stringify(toJsonReport(run), null, 2)}\n`);
    expect(formatSarif(run)).toBe(`${JSON.stringify(toSarif(run), null, 2)}\n`);
    expect(joinChunks(jsonReportChunks(run))).toBe(formatJson(run));
    expect(joinChunks(sarifChunks(run))).toBe(formatSarif(run));
    expect(joinChunks(textChunks(run))).toBe(formatText(run));
    expect(joinChunks(junitChunks(run))).toBe(formatJunit(run));
    // Pieces, not one string: a report of this size comes in many.
    expect([...sarifChunks(run)].length).toBeGreaterThan(run.report.findings.length);
  });

  test('writeChunks batches pieces into writes of about 64 KB; large and multi-byte pieces stay whole; writeFileAtomic takes pieces', () => {
    const writes: string[] = [];
    const pieces = Array.from({ length: 3000 }, (_, i) => `${'x'.repeat(98)}é${i % 10}`); // 101 bytes each
    const big = 'y'.repeat(100_000);
    writeChunks({ write: (s) => writes.push(s) }, [...pieces, big, '€𝄞 end']);
    expect(writes.join('')).toBe(`${pieces.join('')}${big}€𝄞 end`);
    // A batch is handed on when the next piece might not fit (3 bytes per character reserved):
    // 646 pieces of 101 bytes fill 65,246 of 65,536. Then the rest, the large piece alone, the tail.
    expect(writes.map((w) => Buffer.byteLength(w))).toEqual([65_246, 65_246, 65_246, 65_246, 303_000 - 4 * 65_246, 100_000, 11]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-chunks-'));
    writeFileAtomic(path.join(dir, 'r.txt'), pieces);
    expect(fs.readFileSync(path.join(dir, 'r.txt'), 'utf8')).toBe(pieces.join(''));
    expect(fs.readdirSync(dir)).toEqual(['r.txt']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('podwright validate writes the report to stdout in pieces, equal to the whole report', async () => {
    const writes: string[] = [];
    const sink = { write: (s: string) => writes.push(s), isTTY: false };
    const code = await runCli(['validate', '.', '--format', 'sarif', '--k8s-version', '1.32'], { stdout: sink, stderr: sink, stdin: process.stdin, cwd: corpus, env: {} });
    expect(code).toBe(1);
    const run = await runOn(corpus, ['.'], { k8sVersion: '1.32' });
    expect(writes.join('')).toBe(formatSarif(run));
    expect(writes.length).toBeGreaterThan(1);
  });
});
