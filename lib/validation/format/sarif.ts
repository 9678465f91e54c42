import { ruleMetasOf } from '../rule-set';
import { Finding, RuleMeta, RuleSetting, Severity } from '../types';
import { objectLabel, ruleHelpUri, RunResult, summaryOf, toolVersion } from './common';
import { STDIN_NAME } from '../yaml/validate-files';
import { jsonChunks, joinChunks, placeholder, StreamedArray } from './json-chunks';

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html),
 * for GitHub code scanning and other SARIF viewers.
 */
export interface SarifOptions {
  /** Rules to describe in tool.driver.rules. @default every registered rule, then the server layer's (`ruleMetasOf`) */
  readonly rules?: readonly RuleMeta[];
  /** The configuration's per-rule settings, for defaultConfiguration. @default {} */
  readonly ruleSettings?: Readonly<Record<string, RuleSetting>>;
}

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(run: RunResult, options: SarifOptions = {}): object {
  return sarifLog(run, options, (resultOf) => [...run.report.findings].map(resultOf));
}

/** How one finding becomes a SARIF result (it needs its rule's index in the log). */
type ResultOf = (f: Finding) => object;

/** The SARIF log; `results` gives the value of its `results` field. */
function sarifLog(run: RunResult, options: SarifOptions, results: (resultOf: ResultOf) => unknown): object {
  const metas = [...(options.rules ?? ruleMetasOf({ plugins: [] }))];
  const settings = options.ruleSettings ?? {};
  const known = new Set(metas.map((m) => m.id));
  // Findings under an id not in the list (should not happen) still get a rule entry.
  for (const f of summaryOf(run).firstByRule.values()) {
    if (!known.has(f.ruleId)) {
      known.add(f.ruleId);
      metas.push({ id: f.ruleId, layer: f.layer, severity: f.severity, description: f.ruleId, fix: f.fix, scope: 'object' });
    }
  }
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const rules = metas.map((m) => {
    const setting = settings[m.id];
    const level = LEVEL[setting === undefined || setting === 'off' ? m.severity : setting];
    return {
      id: m.id,
      name: pascal(m.id),
      shortDescription: { text: m.description },
      fullDescription: { text: m.source ? `${m.description} Follows ${m.source}.` : m.description },
      help: { text: `${m.description} Fix: ${m.fix}`, markdown: `${m.description}\n\n**Fix:** ${m.fix}` },
      helpUri: ruleHelpUri(m.id, m.docsUrl),
      defaultConfiguration: { level, enabled: setting !== 'off' },
      properties: { layer: m.layer, tags: [m.layer], ...(m.source ? { source: m.source } : {}) },
    };
  });
  const resultOf: ResultOf = (f) => result(f, index.get(f.ruleId)!);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'podwright',
          informationUri: 'https://github.com/podwright/podwright',
          version: toolVersion(),
          semanticVersion: toolVersion(),
          rules,
        },
      },
      columnKind: 'utf16CodeUnits',
      results: results(resultOf),
    }],
  };
}

function result(f: Finding, ruleIndex: number): object {
  const objectName = objectLabel(f.object);
  const logicalLocations: object[] = [{ name: objectName, fullyQualifiedName: objectName, kind: 'object' }];
  if (f.path !== '') logicalLocations.push({ name: f.path, fullyQualifiedName: `${objectName}/${f.path}`, kind: 'member' });
  if (f.constructPath) logicalLocations.push({ name: f.constructPath, fullyQualifiedName: f.constructPath, kind: 'module' });
  const location: Record<string, unknown> = { logicalLocations };
  if (f.location && f.location.file !== STDIN_NAME) {
    location.physicalLocation = {
      artifactLocation: { uri: toUri(f.location.file) },
      region: { startLine: f.location.line, startColumn: f.location.column },
    };
  }
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.path === '' ? '' : `${f.path}: `}${f.message}. Fix: ${f.fix}` },
    locations: [location],
    properties: { layer: f.layer, object: f.object, path: f.path },
  };
}

/** A relative path with forward slashes as a URI reference (RFC 3986: escape what must be escaped). */
function toUri(file: string): string {
  const forward = file.split('\\').join('/');
  const encoded = forward.split('/').map((seg) => encodeURIComponent(seg)).join('/');
  return /^\//.test(forward) ? `file://${encoded}` : encoded;
}

function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

export function formatSarif(run: RunResult, options?: SarifOptions): string {
  return joinChunks(sarifChunks(run, options));
}

/** The SARIF log in pieces, one result at a time (see ./json-chunks). */
export function* sarifChunks(run: RunResult, options: SarifOptions = {}): Generator<string> {
  const token = placeholder('results');
  let resultOf: ResultOf | undefined;
  const log = sarifLog(run, options, (r) => {
    resultOf = r;
    return token;
  });
  yield* jsonChunks(log, new Map<string, StreamedArray<Finding>>([
    [token, { items: run.report.findings, item: (f) => resultOf!(f) }],
  ]));
}
