/**
 * The messages between the main thread and the worker threads that check parts of the
 * input (see ./pool.ts). Everything here is plain data: it crosses threads by structured
 * clone.
 */
import type { NamespacePolicy } from '../engine';
import type { ResolvedConfig } from '../config';
import type { ReadOptions } from '../yaml/read';
import type { DocumentResult } from '../yaml/validate-files';
import type { OutputRecord, PodSecurityLevel, SkippedObject } from '../types';

/**
 * How a worker rebuilds the run's configuration. A ResolvedConfig holds rule packages
 * (functions) and compiled CRDs (class instances), which do not cross threads: the worker
 * loads them again the way the CLI did (the configuration file, then the `--crd` files)
 * and takes every plain setting from the main thread's configuration as it is.
 */
export interface ConfigRecipe {
  /** `--config FILE`, as given; undefined: podwright.config.json in `cwd`, when present. */
  readonly file?: string;
  readonly cwd: string;
  /** `--crd` files and folders, as given (resolved against `cwd`). */
  readonly crdFiles: readonly string[];
}

/** The plain parts of a ResolvedConfig (everything but `plugins` and `crdRegistry`). */
export type PlainConfig = Omit<ResolvedConfig, 'plugins' | 'crdRegistry'>;

/** What every worker starts with (its workerData). */
export interface WorkerSetup {
  readonly recipe: ConfigRecipe;
  readonly config: PlainConfig;
  /** The ids of every rule the main thread's configuration runs, in order: the worker checks it has the same. */
  readonly ruleIds: readonly string[];
  readonly readOptions: ReadOptions;
  /** Keep a result for every document, not only those with findings (JUnit). */
  readonly keepAllDocuments: boolean;
  /** Count the documents the fast YAML path read (the benchmark asks; see ./pool.ts, parallelCounters). */
  readonly countFastPath: boolean;
}

/** One part of one file to check: the bytes [start, end), which begin at a document. */
export interface RangeTask {
  readonly task: number;
  /** The file's real path. */
  readonly file: string;
  /** Its name in reports. */
  readonly shown: string;
  readonly start: number;
  /** undefined: to the end of the file. */
  readonly end?: number;
  /** The Namespace policies the part starts with (those the documents before it leave). */
  readonly policies: readonly (readonly [string, NamespacePolicy])[];
}

/** What a worker sends back for one part. Locations and document indices count from the start of the part. */
export type RangeResult =
  | {
    readonly task: number;
    readonly kind: 'done';
    /** Documents the report keeps (those with findings, or every one when all are kept), in order. */
    readonly documents: readonly DocumentResult[];
    /** Documents read (objects and unreadable documents, as the engine counts inputs). */
    readonly inputs: number;
    /** Document indices and lines the reader used in this part. */
    readonly documentIndices: number;
    readonly lines: number;
    readonly objectCount: number;
    readonly levelCounts: Readonly<Record<PodSecurityLevel, number>>;
    readonly records: readonly (readonly [string, OutputRecord])[];
    readonly notChecked: readonly SkippedObject[];
    /** The Namespace objects the engine saw, in order (the main thread declares them in turn). */
    readonly namespaces: readonly unknown[];
    /** Documents the fast YAML path read (when counted). */
    readonly fastDocuments: number;
  }
  | { readonly task: number; readonly kind: 'unreadable'; readonly message: string }
  /** The part holds a CustomResourceDefinition the main thread's scan did not see (written with YAML escapes): the run starts over in one thread. */
  | { readonly task: number; readonly kind: 'crd' }
  | { readonly task: number; readonly kind: 'failed'; readonly message: string; readonly stack?: string };
