import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadAll } from 'js-yaml';
import { ApiServer } from '../../lib/server';
import { resolveConfig } from '../../lib/validation/config';
import { RULES } from '../../lib/validation/rules';
import { validateFiles } from '../../lib/validation/yaml/validate-files';
import { dependsOnCluster } from '../fixtures/corpus-agreement';
import { labelOf, pool } from './effective';

/**
 * The Kubernetes website examples (../shared/corpus/k8s-website-examples, labelled there by
 * a 1.32 server) relabelled by the 1.28 server: each file's effective verdict (every
 * document, and what its controllers create), in a namespace that enforces nothing (as the
 * examples are applied in `default`). The labels are recorded in
 * test/fixtures/website-corpus-1.28.labels.json (PODWRIGHT_RELABEL=1 rewrites them); this
 * test checks the live server against the record, and podwright at --k8s-version 1.28
 * against it: an error exactly on the files the server refuses.
 */
const CORPUS = join(__dirname, '../../../shared/corpus/k8s-website-examples');
const FILE = join(__dirname, '../fixtures/website-corpus-1.28.labels.json');
const RELABEL = process.env.PODWRIGHT_RELABEL === '1';
/** API groups a bare cluster does not serve (CRDs and config files): such files are not checked. */
const NOT_SERVED = ['gateway.networking.k8s.io/', 'snapshot.storage.k8s.io/', 'kind.x-k8s.io/', 'apiserver.k8s.io/'];

/**
 * Files the server accepts and podwright knowingly refuses, because they can never run: the
 * documentation's placeholders are image references the kubelet cannot parse
 * (reference.ParseNormalizedNamed, pkg/kubelet/images), so the pod stays in
 * InvalidImageName. Each is an error of podwright's own rule; the server's verdict stays
 * recorded as it is.
 */
const STRICTER: Readonly<Record<string, { rule: string; reason: string }>> = {
  'application/job/rabbitmq/job.yaml': { rule: 'image-reference', reason: 'image "gcr.io/<project>/job-wq-1" is a placeholder' },
  'pods/private-reg-pod.yaml': { rule: 'image-reference', reason: 'image "<your-private-image>" is a placeholder' },
};

type FileLabel = { verdict: 'accepted' | 'rejected' | 'not-checked'; message?: string };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

async function serverLabel(server: ApiServer, file: string): Promise<FileLabel> {
  let docs: unknown[];
  try {
    docs = loadAll(readFileSync(file, 'utf8')).filter((d) => d !== null && d !== undefined);
  } catch (e) {
    return { verdict: 'rejected', message: `YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const objects = docs.flatMap((d) => (typeof d === 'object' && d !== null && (d as { kind?: unknown }).kind === 'List' ? ((d as { items?: unknown[] }).items ?? []) : [d]));
  for (const o of objects) {
    const obj = o as { apiVersion?: unknown; kind?: unknown };
    if (typeof obj !== 'object' || obj === null || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return { verdict: 'rejected', message: 'apiVersion or kind not set' };
    if (NOT_SERVED.some((g) => String(obj.apiVersion).startsWith(g))) return { verdict: 'not-checked', message: `${obj.apiVersion} is not served by a bare cluster` };
  }
  for (const o of objects) {
    const l = await labelOf(server, o, 'privileged');
    if (l.verdict === 'rejected') return { verdict: 'rejected', message: l.message };
  }
  return { verdict: 'accepted' };
}

const describeIf = existsSync(CORPUS) ? describe : describe.skip;
let server: ApiServer;

describeIf('the website examples at 1.28', () => {
  beforeAll(async () => {
    server = await ApiServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('the live server gives every file its recorded verdict, and podwright agrees on every file', async () => {
    const files = yamlFiles(CORPUS);
    expect(files.length).toBeGreaterThan(250);
    const live = await pool(files, 4, (f) => serverLabel(server, f));
    const names = files.map((f) => relative(CORPUS, f));
    if (RELABEL) {
      const labels: Record<string, FileLabel> = {};
      names.forEach((n, i) => { labels[n] = live[i]!; });
      writeFileSync(FILE, `${JSON.stringify({
        $comment: 'Effective verdicts of kube-apiserver v1.28.15 on the Kubernetes website examples, corpus k8s-website-examples (each file, every document and what its controllers create, in a namespace enforcing nothing), written by `PODWRIGHT_RELABEL=1 npm run test:server -- website-corpus`. Do not edit by hand.',
        server: 'kube-apiserver v1.28.15 (envtest), admission defaults minus ServiceAccount',
        labels,
      }, null, 1)}\n`);
    }
    const recorded = (JSON.parse(readFileSync(FILE, 'utf8')) as { labels: Record<string, FileLabel> }).labels;
    const differ = names.flatMap((n, i) => (recorded[n]?.verdict === live[i]!.verdict ? [] : [`${n}: recorded ${recorded[n]?.verdict ?? 'nothing'}, live ${live[i]!.verdict} ${live[i]!.message ?? ''}`]));
    expect(differ).toEqual([]);

    const config = resolveConfig({ k8sVersion: '1.28', podSecurity: 'privileged' }, RULES.map((r) => r.meta.id));
    const disagreements: string[] = [];
    const notCheckedByPodwright: string[] = [];
    const stricter: string[] = [];
    for (const n of names) {
      const label = recorded[n]!;
      if (label.verdict === 'not-checked' || (label.verdict === 'rejected' && dependsOnCluster({ verdict: 'rejected', message: label.message }))) continue;
      const run = await validateFiles([join(CORPUS, n)], { config, cwd: CORPUS });
      const errors = [...run.report.findings].filter((f) => f.severity === 'error');
      // A kind podwright does not check (it says so: "not checked") is counted apart.
      if (label.verdict === 'rejected' && errors.length === 0 && run.report.skipped.length > 0) notCheckedByPodwright.push(n);
      else if (label.verdict === 'rejected' && errors.length === 0) disagreements.push(`${n}: the server refuses (${label.message}), podwright finds no error`);
      if (label.verdict === 'accepted' && errors.length > 0) {
        if (STRICTER[n] && errors.every((f) => f.ruleId === STRICTER[n]!.rule)) stricter.push(n);
        else disagreements.push(`${n}: the server accepts, podwright says ${errors.map((f) => `${f.ruleId} ${f.path}: ${f.message}`).join('; ')}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Knowingly stricter: exactly the listed files, each only through its listed rule.
    expect(stricter).toEqual(Object.keys(STRICTER).sort());
    // Every file the server refuses gets an error (List documents are checked item by item).
    expect(notCheckedByPodwright).toEqual([]);
  }, 600_000);
});
