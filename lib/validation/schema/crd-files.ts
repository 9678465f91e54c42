/**
 * Reads CRDs from files and folders (`--crd`, the config's `crds`) and from the local
 * files that the app's cdk8s.yaml lists under `imports:` (cdk8s-cli's `[NAME:=]SPEC`,
 * parseImports in cdk8s-cli/src/util.ts), into a CrdRegistry.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { ConfigError } from '../config';
import { CrdRegistry, isCrdObject } from './crd-registry';

const CRD_FILE = /\.(ya?ml|json)$/i;

/** The file names cdk8s-cli reads its configuration from. */
export const CDK8S_CONFIG_FILE = 'cdk8s.yaml';

/**
 * Adds the CRDs of each target (a file, or a folder searched for .yaml, .yml and .json)
 * to `registry` and returns it. `base` resolves relative targets; `what` names the
 * setting in errors (`--crd`, `podwright.config.json: crds`). A target that does not
 * exist, cannot be parsed or holds no CRD is an error (exit code 2 in the CLI).
 */
export function loadCrdFiles(targets: readonly string[], base: string, what: string, registry = new CrdRegistry()): CrdRegistry {
  for (const target of targets) {
    const abs = path.resolve(base, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new ConfigError(`${what}: ${target}: no such file or folder.`);
    }
    const files = stat.isDirectory() ? walk(abs) : [abs];
    let found = 0;
    for (const file of files) found += addFile(file, target, what, registry);
    if (found === 0) {
      throw new ConfigError(`${what}: ${target}: no CustomResourceDefinition (apiextensions.k8s.io/v1) with a schema found; give the CRD's YAML file or a folder of them.`);
    }
  }
  return registry;
}

/**
 * The local CRD files listed under `imports:` of a cdk8s.yaml (absolute paths of those
 * that exist); `k8s`, `k8s@1.NN`, `helm:`, `github:` and URL imports are not files.
 */
export function cdk8sImportFiles(cdk8sYaml: string): string[] {
  let raw: unknown;
  try {
    raw = yaml.load(fs.readFileSync(cdk8sYaml, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${cdk8sYaml}: cannot read its imports: ${(e as Error).message.split('\n')[0]}`);
  }
  const imports = raw !== null && typeof raw === 'object' ? (raw as { imports?: unknown }).imports : undefined;
  if (!Array.isArray(imports)) return [];
  const dir = path.dirname(cdk8sYaml);
  const out: string[] = [];
  for (const spec of imports) {
    if (typeof spec !== 'string') continue;
    const delim = spec.indexOf(':=');
    const source = delim === -1 ? spec : spec.slice(delim + 2);
    if (/^k8s(@|$)/.test(source) || /^[a-z][a-z0-9+.-]*:/i.test(source)) continue;
    const file = path.resolve(dir, source);
    if (CRD_FILE.test(file) && fs.existsSync(file) && fs.statSync(file).isFile()) out.push(file);
  }
  return out;
}

/** Adds the CRDs of one file; returns how many served versions it registered. */
function addFile(file: string, shown: string, what: string, registry: CrdRegistry): number {
  let docs: unknown[];
  try {
    docs = yaml.loadAll(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${what}: ${shown === file ? file : `${shown} (${file})`}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  let n = 0;
  for (const doc of docs) {
    const items = isList(doc) ? doc.items : [doc];
    for (const item of items) if (isCrdObject(item)) n += registry.addCrd(item, file).length;
  }
  return n;
}

function isList(doc: unknown): doc is { items: unknown[] } {
  return doc !== null && typeof doc === 'object' && Array.isArray((doc as { items?: unknown }).items)
    && typeof (doc as { kind?: unknown }).kind === 'string' && (doc as { kind: string }).kind.endsWith('List');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') out.push(...walk(full));
    } else if (e.isFile() && CRD_FILE.test(e.name)) {
      out.push(full);
    }
  }
  return out;
}
