/**
 * The Pods guide's YAML examples (a copy of shared/seed/pods.md in
 * test/fixtures/seed) each have their counterpart in dist/, and the combined example
 * is in dist/ at the restricted level with every piece of the pod seam.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { SEED_IMAGE_CHOICES } from '../../apps/seed';
import { resolveConfig, RULES, validate } from '../../lib';

const ROOT = path.resolve(__dirname, '../..');
const GUIDE = path.join(ROOT, 'test/fixtures/seed/pods.md');
const DIST = path.join(ROOT, 'dist');

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, any> };

/** Every ```yaml block of the guide (indented ones included), parsed. */
function guideExamples(): Obj[] {
  const out: Obj[] = [];
  const fence = /^([ \t]*)```yaml\n([\s\S]*?)^\1```/gm;
  const text = fs.readFileSync(GUIDE, 'utf8');
  for (const m of text.matchAll(fence)) {
    const indent = m[1]!.length;
    const body = m[2]!.split('\n').map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
    for (const doc of parseAllDocuments(body)) out.push(doc.toJS() as Obj);
  }
  return out;
}

function distObjects(): Obj[] {
  const out: Obj[] = [];
  for (const f of fs.readdirSync(DIST).filter((n) => n.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(DIST, f), 'utf8'))) out.push(doc.toJS() as Obj);
  }
  return out;
}

const podSpec = (o: Obj): Record<string, any> => (o.kind === 'Pod' ? o.spec : o.spec.template.spec);

/** `nginx`, `nginx:1.27` and `docker.io/library/nginx:1.27` name one repository. */
function repository(image: string): string {
  const noDigest = image.split('@')[0]!;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const repo = colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
  return repo.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

describe("the Pods guide's examples in dist/", () => {
  const examples = guideExamples();
  const rendered = distObjects();

  test('the guide has six examples: five Pods and a Deployment', () => {
    expect(examples.map((e) => `${e.kind}/${e.metadata.name}`)).toEqual([
      'Pod/nginx', 'Pod/multi-container-pod', 'Pod/my-pod', 'Pod/shared-storage-pod', 'Pod/secure-pod', 'Deployment/my-deployment',
    ]);
  });

  test.each(guideExamples().map((e) => [`${e.kind}/${e.metadata.name}`, e] as const))('%s has its counterpart', (_id, example) => {
    const twin = rendered.find((o) => o.kind === example.kind && o.metadata.name === example.metadata.name);
    expect(twin).toBeDefined();
    const want = podSpec(example).containers as { name: string; image: string }[];
    const got = podSpec(twin!).containers as { name: string; image: string }[];
    expect(got.map((c) => c.name)).toEqual(want.map((c) => c.name));
    for (const c of want) {
      const image = got.find((g) => g.name === c.name)!.image;
      const choice = SEED_IMAGE_CHOICES.find((x) => x.pod === example.metadata.name && x.container === c.name);
      if (choice) {
        // A deliberate difference: declared with its reason, and what dist/ holds.
        expect(choice.guide).toBe(c.image);
        expect(choice.why.length).toBeGreaterThan(20);
        expect(image).toBe(choice.image);
      } else {
        // The guide's own image, with at most a pinned tag added.
        expect(repository(image)).toBe(repository(c.image));
        expect(image).toMatch(/:[\w][\w.-]*$/);
      }
    }
  });

  test('every declared image choice belongs to an example container', () => {
    for (const choice of SEED_IMAGE_CHOICES) {
      const example = examples.find((e) => e.metadata.name === choice.pod);
      expect(podSpec(example!).containers.map((c: { name: string }) => c.name)).toContain(choice.container);
    }
  });
});

describe('the combined example', () => {
  const objects = distObjects();
  const pod = objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'combined-pod')!;

  test('dist/ holds six Pods or more and the guide\'s Deployment', () => {
    expect(objects.filter((o) => o.kind === 'Pod').length).toBeGreaterThanOrEqual(6);
    expect(objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'my-deployment')).toBe(true);
  });

  test('restricted, with an init container, a sidecar and a volume shared between containers', () => {
    expect(pod.metadata.annotations?.['podwright.io/pod-security']).toBe('restricted');
    expect(pod.spec.initContainers.map((c: { name: string }) => c.name)).toEqual(['write-page']);
    expect(pod.spec.containers.map((c: { name: string }) => c.name)).toEqual(['web', 'log-shipper']);
    const all = [...pod.spec.initContainers, ...pod.spec.containers] as { name: string; volumeMounts?: { name: string }[] }[];
    const mountedBy = (volume: string) => all.filter((c) => c.volumeMounts?.some((m) => m.name === volume)).map((c) => c.name);
    expect(mountedBy('html')).toEqual(['write-page', 'web']);
    expect(mountedBy('logs')).toEqual(['web', 'log-shipper']);
  });

  test('the engine finds no error in it at restricted', () => {
    const config = resolveConfig({ podSecurity: 'restricted' }, RULES.map((r) => r.meta.id));
    const report = validate([{ object: pod }], config);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
