import { Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CHANGING_LABELS } from '../validation/rules/selector-changing-label';
import { isValidLabelValue } from '../validation/util/k8s-names';

/**
 * The recommended labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/),
 * rendered as `app.kubernetes.io/<key>` on the workload, its pod template and the
 * objects that go with it (Service, PodDisruptionBudget).
 */
export interface RecommendedLabels {
  /** `app.kubernetes.io/name`: the application, e.g. `mysql`. @default - the construct id (the outer construct's, for a construct with the id `Default`) */
  readonly name?: string;
  /**
   * `app.kubernetes.io/instance`: this installation of it, unique per namespace.
   * @default - the workload's `metadata.name` when given, else a stable value derived from the construct path
   */
  readonly instance?: string;
  /**
   * `app.kubernetes.io/version`: changes with every release, so it is never part of the selector.
   * @default - the main container's image tag, when it is a valid label value; else none
   */
  readonly version?: string;
  /** `app.kubernetes.io/component`: the role in the architecture, e.g. `database`. @default - none */
  readonly component?: string;
  /** `app.kubernetes.io/part-of`: the higher-level application, e.g. `wordpress`. @default - none */
  readonly partOf?: string;
  /** `app.kubernetes.io/managed-by`: the tool that manages the objects. @default 'podwright' */
  readonly managedBy?: string;
}

export const LABEL_PREFIX = 'app.kubernetes.io/';

/**
 * The id that names a construct in labels: its own, or, for a construct with the id
 * `Default` (which cdk8s leaves out of generated object names, and which
 * `node.defaultChild` finds), the nearest outer construct's. So a company construct
 * that composes `new ReplicatedApp(this, 'Default', ...)` gives its objects its own
 * names and `app.kubernetes.io/name`, with no extra path level.
 */
export function nameOf(scope: IConstruct): string {
  let c: IConstruct | undefined = scope;
  while (c && c.node.id.toLowerCase() === 'default' && c.node.scope) c = c.node.scope;
  return c?.node.id || scope.node.id;
}

/**
 * Label keys that change between releases. A workload's selector is immutable
 * (apps/v1), so a selector holding one of them breaks the next upgrade. The same list
 * the engine's selector-changing-label rule uses.
 */
export const RELEASE_LABEL_KEYS: readonly string[] = CHANGING_LABELS;

/** The tag of an image reference (`repo/name:1.4.2` -> `1.4.2`); undefined for digests and untagged images. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : undefined;
}

/** The label value problems of a value, joined; undefined when valid. */
export function labelValueProblem(value: string): string | undefined {
  const errs = isValidLabelValue(value);
  return errs.length ? errs.join('; ') : undefined;
}

/** Renders the recommended labels (undefined values dropped), keys sorted for stable output. */
export function recommendedLabelMap(labels: Required<Pick<RecommendedLabels, 'name' | 'instance' | 'managedBy'>> & RecommendedLabels): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => { if (value !== undefined) out[LABEL_PREFIX + key] = value; };
  put('component', labels.component);
  put('instance', labels.instance);
  put('managed-by', labels.managedBy);
  put('name', labels.name);
  put('part-of', labels.partOf);
  put('version', labels.version);
  return out;
}

/**
 * Throws (through `fail`) on a selector that is empty, holds a label that changes
 * between releases, has an invalid value, or disagrees with the pods' own `labels`.
 */
export function checkSelector(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>, fail: (message: string) => Error): void {
  const entries = Object.entries(selector);
  if (entries.length === 0) throw fail('selectorLabels is empty, which would select every pod in the namespace; give at least one stable label');
  for (const [k, v] of entries) {
    if (RELEASE_LABEL_KEYS.includes(k)) {
      throw fail(`selectorLabels holds '${k}', a label that changes between releases; a workload's selector is immutable, so the next upgrade would fail. Select on stable labels such as app.kubernetes.io/name and app.kubernetes.io/instance`);
    }
    const problem = labelValueProblem(v);
    if (problem) throw fail(`selectorLabels '${k}' has the value '${v}', which is not a valid label value (${problem}); fix the value`);
    const other = labels[k];
    if (other !== undefined && other !== v) {
      throw fail(`label '${k}' is '${other}', but selectorLabels says '${v}'; the pods would not match their own selector. Use one value`);
    }
  }
}

/** The labels of a podwright object: the recommended labels and more. */
export interface LabelOptions {
  /** The recommended `app.kubernetes.io/*` labels (see RecommendedLabels for each default). @default - see RecommendedLabels */
  readonly recommendedLabels?: RecommendedLabels;
  /** More labels for the object. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The recommended labels with their defaults (name: the construct id; instance: the
 * object's name, else a value derived from the construct path; version: the main image's
 * tag when it is a valid label value; managed-by: podwright) plus `labels`, all checked.
 * Returns the recommended labels alone and merged with `labels`.
 */
export function resolveLabels(
  scope: IConstruct, options: LabelOptions & { readonly objectName?: string; readonly image?: string }, fail: (message: string) => Error,
): { readonly recommended: Record<string, string>; readonly all: Record<string, string> } {
  const rl = options.recommendedLabels ?? {};
  const version = rl.version ?? (options.image !== undefined ? imageTag(options.image) : undefined);
  const recommended = recommendedLabelMap({
    name: rl.name ?? nameOf(scope),
    instance: rl.instance ?? options.objectName ?? Names.toLabelValue(scope),
    version: version !== undefined && (rl.version !== undefined || labelValueProblem(version) === undefined) ? version : undefined,
    component: rl.component,
    partOf: rl.partOf,
    managedBy: rl.managedBy ?? 'podwright',
  });
  const all = { ...recommended, ...options.labels };
  // Name the setting the value came from: the user may never have set a label at all
  // (a 70-character construct id becomes app.kubernetes.io/name).
  const settingOf = (k: string): string => {
    if (options.labels && Object.prototype.hasOwnProperty.call(options.labels, k)) return `set a valid value in labels['${k}']`;
    const key = k.startsWith(LABEL_PREFIX) ? k.slice(LABEL_PREFIX.length) : k;
    if (key === 'name' && rl.name === undefined) return `it comes from the construct id '${nameOf(scope)}' (the default of recommendedLabels.name); set recommendedLabels.name, or use a shorter id`;
    if (key === 'instance' && rl.instance === undefined) return 'it comes from metadata.name (the default of recommendedLabels.instance); set recommendedLabels.instance';
    const prop = key === 'part-of' ? 'partOf' : key === 'managed-by' ? 'managedBy' : key;
    return `set a valid value in recommendedLabels.${prop}`;
  };
  for (const [k, v] of Object.entries(all)) {
    const problem = labelValueProblem(v);
    if (problem) throw fail(`label '${k}' has the value '${v}', which is not a valid label value (${problem}); ${settingOf(k)}`);
  }
  return { recommended, all };
}
