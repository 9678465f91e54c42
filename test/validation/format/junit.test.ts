import * as fs from 'fs';
import { DOMParser, Document as XmlDocument } from '@xmldom/xmldom';
import { formatJunit, xmlSafe } from '../../../lib/validation/format/junit';
import { manifestDir, MIXED, runOn } from '../fixtures/cli-run';

/** Parses with @xmldom/xmldom, turning every warning and error into an exception. */
function parseXml(xml: string): XmlDocument {
  const fail = (msg: string) => { throw new Error(`XML parse: ${msg}`); };
  const doc = new DOMParser({ onError: (level, msg) => fail(`${level}: ${msg}`) }).parseFromString(xml, 'text/xml');
  return doc;
}

let dir: string;
beforeAll(() => { dir = manifestDir(MIXED); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('JUnit XML parses, with one suite per file and one case per object', async () => {
  const run = await runOn(dir);
  const xml = formatJunit(run);
  const doc = parseXml(xml);
  const suites = Array.from(doc.getElementsByTagName('testsuite'));
  expect(suites.map((s) => s.getAttribute('name'))).toEqual(['bad/broken.yaml', 'bad/tabs.yml', 'ok/good.yaml']);
  const cases = (i: number) => Array.from(suites[i]!.getElementsByTagName('testcase')).map((c) => c.getAttribute('name'));
  expect(cases(0)).toEqual(['ConfigMap/dup', 'document 2', 'document 3']);
  expect(cases(2)).toEqual(['Pod/default/good']);
  const failures = Array.from(doc.getElementsByTagName('failure'));
  expect(failures.length).toBe([...run.report.findings].filter((f) => f.severity === 'error').length);
  const dup = failures.find((f) => f.getAttribute('type') === 'yaml-duplicate-key')!;
  expect(dup.getAttribute('message')).toBe('metadata.name: duplicate field "name"');
  expect(dup.textContent).toContain('bad/broken.yaml:5:3');
  expect(suites[2]!.getAttribute('failures')).toBe('0');
});

test('control characters illegal in XML 1.0 and XML specials are escaped', async () => {
  const run = await runOn(dir);
  const finding = { ...[...run.report.findings][0]!, message: 'bad \u0001 \u001b[31m <tag> & "q" \'a\' \ud800 end', ruleId: 'x<y' };
  const xml = formatJunit({ ...run, documents: [], report: { ...run.report, findings: [finding] } });
  const doc = parseXml(xml);
  const failure = doc.getElementsByTagName('failure')[0]!;
  expect(failure.getAttribute('type')).toBe('x<y');
  expect(failure.getAttribute('message')).toContain('bad \\u0001 \\u001b[31m <tag> & "q" \'a\' \\ud800 end');
  expect(xmlSafe('ok\t\n\r✓ 😀')).toBe('ok\t\n\r✓ 😀');
});
