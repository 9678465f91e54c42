import * as fs from 'fs';
import * as path from 'path';
import { ResolvedConfig } from '../config';
import { Engine } from '../engine';
import { Finding, ObjectInput, ObjectRef, Report, SourceLocation } from '../types';
import { asObject, field } from '../util/values';
import { readYamlBatches, readYamlFileBatches, ReadOptions } from './read';

/** One document that was read, with the findings the engine gave it. The object itself is not kept. */
export interface DocumentResult {
  readonly file?: string;
  readonly documentIndex?: number;
  readonly object: ObjectRef;
  readonly location?: SourceLocation;
  readonly findings: readonly Finding[];
}

/** Everything the report formats need about one run. */
export interface RunResult {
  readonly report: Report;
  /**
   * Documents read, in order: every one when `keepAllDocuments` was set (JUnit's one
   * test case per object), else only those with findings, so memory stays flat on
   * large clean inputs.
   */
  readonly documents: readonly DocumentResult[];
  /** How many documents were read. */
  readonly documentCount: number;
  /** Every file read, in order, as shown (relative to cwd, forward slashes). */
  readonly files: readonly string[];
  readonly failOn: 'error' | 'warning';
}

/** A file that cannot be read, or a target that does not exist (exit code 2). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface ValidateFilesOptions {
  readonly config: ResolvedConfig;
  /** Absolute static-pod folders. */
  readonly staticPodDirs?: readonly string[];
  /** Treat every input as a static Pod manifest. */
  readonly staticPods?: boolean;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Keep a result for every document, not only those with findings (JUnit needs them). @default false */
  readonly keepAllDocuments?: boolean;
  /** What `-` reads. @default process.stdin */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** Called with every document read, in order, after the engine checked it (the server layer keeps them). */
  readonly onInput?: (input: ObjectInput) => void;
}

const YAML_EXT = /\.ya?ml$/i;
export const STDIN_NAME = '<stdin>';

/**
 * Validates files, folders (walked recursively for .yaml/.yml) and `-` (stdin).
 * Documents stream through the engine one at a time: findings are kept, objects are not.
 */
export async function validateFiles(targets: readonly string[], options: ValidateFilesOptions): Promise<RunResult> {
  const cwd = options.cwd ?? process.cwd();
  const files = expandTargets(targets, cwd);
  const engine = new Engine(options.config);
  const documents: DocumentResult[] = [];
  let documentCount = 0;
  const shownFiles: string[] = [];
  const readOptions: ReadOptions = { staticPods: options.staticPods, staticPodDirs: options.staticPodDirs };
  for (const file of files) {
    const shown = file === '-' ? STDIN_NAME : displayPath(file, cwd);
    shownFiles.push(shown);
    const batches = file === '-'
      ? readYamlBatches(options.stdin ?? process.stdin, STDIN_NAME, readOptions)
      : readYamlFileBatches(path.resolve(cwd, file), readOptions, shown);
    for (;;) {
      let next: IteratorResult<Iterable<ObjectInput>>;
      try {
        next = await batches.next();
      } catch (e) {
        throw new InputError(`${shown}: cannot read: ${(e as Error).message}`);
      }
      if (next.done) break;
      const pulled = next.value[Symbol.iterator]();
      for (;;) {
        let doc: IteratorResult<ObjectInput>;
        try {
          doc = pulled.next(); // parses the document
        } catch (e) {
          throw new InputError(`${shown}: cannot read: ${(e as Error).message}`);
        }
        if (doc.done) break;
        const input = doc.value;
        documentCount++;
        const findings = engine.check(input);
        options.onInput?.(input);
        // A custom resource read before its CRD gets its findings at finish(), into the same list.
        if (options.keepAllDocuments || findings.length > 0 || engine.mayGrow(findings)) documents.push(resultOf(input, findings));
      }
    }
  }
  const report = engine.finish();
  const kept = options.keepAllDocuments ? documents : documents.filter((d) => d.findings.length > 0);
  return { report, documents: kept, documentCount, files: shownFiles, failOn: options.config.failOn };
}

function resultOf(input: ObjectInput, findings: Finding[]): DocumentResult {
  const metadata = asObject(field(input.object, 'metadata'));
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const object: { -readonly [K in keyof ObjectRef]: ObjectRef[K] } = {};
  const apiVersion = str(field(input.object, 'apiVersion'));
  const kind = str(field(input.object, 'kind'));
  const namespace = str(field(metadata, 'namespace'));
  const name = str(field(metadata, 'name')) ?? str(field(metadata, 'generateName'));
  if (apiVersion !== undefined) object.apiVersion = apiVersion;
  if (kind !== undefined) object.kind = kind;
  if (namespace !== undefined) object.namespace = namespace;
  if (name !== undefined) object.name = name;
  const location = input.locate?.([]) ?? input.problems?.[0]?.location;
  // Built by assignment, keys in the report's order: object spreads would give every kept result its own hidden class.
  const result: { -readonly [K in keyof DocumentResult]?: DocumentResult[K] } = {};
  if (input.file !== undefined) result.file = input.file;
  if (input.documentIndex !== undefined) result.documentIndex = input.documentIndex;
  result.object = object;
  if (location) result.location = location;
  result.findings = findings;
  return result as DocumentResult;
}

/** Files to read, in a stable order; throws InputError for a missing target. */
export function expandTargets(targets: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const target of targets) {
    if (target === '-') {
      out.push('-');
      continue;
    }
    const abs = path.resolve(cwd, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new InputError(`${target}: no such file or folder.`);
    }
    if (stat.isDirectory()) {
      const found = walk(abs);
      out.push(...found);
    } else {
      out.push(abs);
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (e) {
      throw new InputError(`${current}: cannot read the folder: ${(e as Error).message}`);
    }
    const subdirs: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(current, entry.name);
      // Symbolic links to folders are not followed (no loops); links to files are read.
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') subdirs.push(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && YAML_EXT.test(entry.name)) {
        if (entry.isSymbolicLink()) {
          try {
            if (!fs.statSync(full).isFile()) continue;
          } catch {
            continue;
          }
        }
        out.push(full);
      }
    }
    stack.push(...subdirs.reverse());
  }
  return out.sort();
}

/** Relative to cwd with forward slashes when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  const shown = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(cwd, file) : rel;
  return shown.split(path.sep).join('/');
}
