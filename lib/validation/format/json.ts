import { EngineSettings, Finding, PodSecurityLevel, SkippedObject } from '../types';
import { failingCount, RunResult, summaryOf, toolVersion } from './common';
import { jsonChunks, joinChunks, placeholder, StreamedArray } from './json-chunks';

/**
 * The JSON report (`--format json`). The shape is stable: fields are only ever
 * added. `findings` and `skipped` are the engine's own records.
 */
export interface JsonReport {
  /** Version of this JSON shape. */
  readonly formatVersion: 1;
  readonly tool: { readonly name: 'podwright'; readonly version: string };
  readonly settings: EngineSettings & { readonly failOn: 'error' | 'warning' };
  readonly summary: {
    readonly files: number;
    readonly documents: number;
    readonly objects: number;
    readonly skipped: number;
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    /** Findings at or above `failOn`. */
    readonly failing: number;
    /** True when the run fails (exit code 1). */
    readonly failed: boolean;
    /** Objects with pods judged at each Pod Security level. */
    readonly podSecurityLevels?: Readonly<Record<PodSecurityLevel, number>>;
  };
  readonly findings: readonly Finding[];
  readonly skipped: readonly SkippedObject[];
}

/** The JSON report as one object (findings read into an array: for callers that want it whole). */
export function toJsonReport(run: RunResult): JsonReport {
  return { ...jsonHead(run), findings: [...run.report.findings], skipped: run.report.skipped };
}

/** Everything but the findings and skipped objects, from the run's summary. */
function jsonHead(run: RunResult): Omit<JsonReport, 'findings' | 'skipped'> {
  const c = summaryOf(run);
  const failing = failingCount(c, run.failOn);
  return {
    formatVersion: 1,
    tool: { name: 'podwright', version: toolVersion() },
    settings: { ...run.report.settings, failOn: run.failOn },
    summary: {
      files: run.files.length,
      documents: run.documentCount,
      objects: run.report.objectCount,
      skipped: run.report.skipped.length,
      errors: c.errors,
      warnings: c.warnings,
      infos: c.infos,
      failing,
      failed: failing > 0,
      ...(run.report.podSecurityLevels ? { podSecurityLevels: run.report.podSecurityLevels } : {}),
    },
  };
}

export function formatJson(run: RunResult): string {
  return joinChunks(jsonReportChunks(run));
}

/** The JSON report in pieces, findings written one at a time (see ./json-chunks). */
export function* jsonReportChunks(run: RunResult): Generator<string> {
  const findings = placeholder('findings');
  const skipped = placeholder('skipped');
  const report = { ...jsonHead(run), findings, skipped };
  yield* jsonChunks(report, new Map<string, StreamedArray<unknown>>([
    [findings, { items: run.report.findings, item: (f) => f }],
    [skipped, { items: run.report.skipped, item: (s) => s }],
  ]));
}
