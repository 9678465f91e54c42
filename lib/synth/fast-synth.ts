/**
 * The fast synth path of PodwrightApp (see bench/README.md for the figures).
 *
 * For the duration of one synth, `fastSynth`:
 * - computes each construct's validation once (cdk8s validates the whole app in
 *   `App.synth()` and again inside every `chart.toJson()`; the tree does not change);
 * - makes cdk8s's `Yaml.save` write with the byte-identical emitter of ./yaml-emitter,
 *   a document at a time;
 * - with a `visit` callback, streams objects: each chart's objects are handed to the
 *   writer unresolved, and each object's JSON is computed, passed to `visit` (the
 *   validation engine) and written, then dropped, so the JSON of a whole chart is never
 *   held at once. PodwrightApp writes into a temporary folder and swaps it into place
 *   only when validation passed, so streaming never half-writes the output.
 * - without `visit`, each ApiObject computes its JSON once, shared by whoever asks.
 *
 * Chart order, file names, document order and separators stay cdk8s's own code
 * (`App.synth()`), except the order of objects inside a chart, which follows cdk8s's
 * `chartToKube` (a DependencyGraph topology of the chart's own objects). When no
 * construct in a scope declares a dependency, that topology is plain tree order (see
 * `treeOrder`), computed without building the graph (a vertex and two Sets per
 * construct: tens of MB at 10,000 apps). Everything is
 * undone when the synth returns or throws; synth is synchronous, so nothing else
 * observes the changes. Only for the default output type (FILE_PER_CHART);
 * `PODWRIGHT_SYNTH_WRITER=cdk8s` in the environment leaves cdk8s unchanged.
 */
import * as fs from 'fs';
import { ApiObject, App, Chart, DependencyGraph, Yaml, YamlOutputType } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { l1Json } from './l1-json';
import { writeDocuments } from './yaml-emitter';

/** Set `PODWRIGHT_SYNTH_WRITER=cdk8s` to write with cdk8s's own serializer (the reference). */
export const SYNTH_WRITER_ENV = 'PODWRIGHT_SYNTH_WRITER';

/** Whether `fastSynth` changes anything for this app. */
export function fastSynthApplies(app: App): boolean {
  return app.yamlOutputType === YamlOutputType.FILE_PER_CHART && process.env[SYNTH_WRITER_ENV] !== 'cdk8s';
}

/** Receives each API object and its JSON as it is written. */
export type ObjectVisitor = (apiObject: ApiObject, json: unknown) => void;

/** An object handed to the writer before its JSON is computed. */
class Deferred {
  constructor(readonly apiObject: ApiObject) {}
}

/** A chart's own API objects in cdk8s's order (cdk8s app.js `chartToKube`). */
function chartObjects(chart: Chart): ApiObject[] {
  return topology(chart.node)
    .filter((x: IConstruct): x is ApiObject => ApiObject.isApiObject(x))
    .filter((x) => Chart.of(x) === chart);
}

/** cdk8s's `App.charts` (a DependencyGraph topology of the whole app), computed by `topology`. */
function orderCharts(app: App, undo: (() => void)[]): void {
  if (Object.prototype.hasOwnProperty.call(app, 'charts')) return;
  Object.defineProperty(app, 'charts', {
    configurable: true,
    get: () => topology(app.node).filter((x): x is Chart => x instanceof Chart),
  });
  undo.push(() => { delete (app as unknown as { charts?: unknown }).charts; });
}

/** `new DependencyGraph(node).topology()`, without the graph when nothing in the scope has a dependency. */
function topology(node: Node): IConstruct[] {
  const all = node.findAll();
  return all.some((c) => c.node.dependencies.length > 0) ? new DependencyGraph(node).topology() : treeOrder(all);
}

/** An array index as a property key (ECMAScript CanonicalNumericIndexString below 2^32 - 1). */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * The DependencyGraph topology of a scope without dependencies: every construct is an
 * orphan adopted by the root in the order of the graph's vertex table, an object keyed
 * by construct path (cdk8s dependency.js). An object lists array-index keys first, in
 * ascending order, then the others in insertion order (findAll's pre-order); the root
 * itself has the path '' and is listed like any other construct.
 */
function treeOrder(all: IConstruct[]): IConstruct[] {
  const indexed: IConstruct[] = [];
  const named: IConstruct[] = [];
  for (const c of all) {
    const p = c.node.path;
    (ARRAY_INDEX.test(p) && Number(p) < 2 ** 32 - 1 ? indexed : named).push(c);
  }
  if (indexed.length === 0) return named;
  indexed.sort((a, b) => Number(a.node.path) - Number(b.node.path));
  return [...indexed, ...named];
}

/** Runs `synth` with validations computed once, the fast writer, and (with `visit`) streamed objects. */
export function fastSynth<T>(app: App, synth: () => T, visit?: ObjectVisitor): T {
  if (!fastSynthApplies(app)) return synth();
  const undo: (() => void)[] = [];
  try {
    cacheValidations(undo);
    orderCharts(app, undo);
    let resolve = (doc: unknown) => doc;
    if (visit) resolve = streamObjects(visit, undo);
    else cacheJson(app, undo);
    const yaml = Yaml as unknown as { save: typeof Yaml.save };
    const originalSave = yaml.save;
    yaml.save = (filePath: string, docs: unknown[]) => {
      const fd = fs.openSync(filePath, 'w');
      try {
        writeDocuments(fd, docs, resolve);
      } finally {
        fs.closeSync(fd);
      }
    };
    undo.push(() => { yaml.save = originalSave; });
    return synth();
  } finally {
    for (const u of undo.reverse()) u();
  }
}

/**
 * Every construct's validations run once per synth: `Node.prototype.validate` answers
 * from a table for the duration (one Map entry per construct, no closure or own
 * property per node).
 */
function cacheValidations(undo: (() => void)[]): void {
  if (cachingValidations) return; // a nested synth: the outer one caches
  const proto = Node.prototype as unknown as { validate(this: Node): string[] };
  const compute = proto.validate;
  const done = new Map<Node, string[]>();
  const none: string[] = [];
  proto.validate = function validateOnce(this: Node): string[] {
    let errors = done.get(this);
    if (errors === undefined) {
      errors = compute.call(this);
      done.set(this, errors.length === 0 ? none : errors);
    }
    return errors.length === 0 ? [] : [...errors];
  };
  cachingValidations = true;
  undo.push(() => {
    proto.validate = compute;
    cachingValidations = false;
  });
}

let cachingValidations = false;

/** `apiObject.toJson()`, through ./l1-json for cdk8s-plus-28's L1 classes unless the object overrides toJson. */
function renderJson(apiObject: ApiObject): unknown {
  if (Object.prototype.hasOwnProperty.call(apiObject, 'toJson')) return apiObject.toJson();
  return l1Json(apiObject) ?? apiObject.toJson();
}

function cacheJson(app: App, undo: (() => void)[]): void {
  for (const o of app.node.findAll()) {
    if (!ApiObject.isApiObject(o) || Object.prototype.hasOwnProperty.call(o, 'toJson')) continue; // someone else's override: leave it alone
    const compute = o.toJson;
    let json: unknown;
    let done = false;
    Object.defineProperty(o, 'toJson', {
      configurable: true,
      writable: true,
      value: function toJsonOnce(this: ApiObject) {
        if (!done) {
          json = l1Json(this) ?? compute.call(this);
          done = true;
        }
        return json;
      },
    });
    undo.push(() => { delete (o as unknown as { toJson?: unknown }).toJson; });
  }
}

/**
 * `chart.toJson()` (which App.synth calls once per chart) returns unresolved objects;
 * the writer resolves each with the returned function as it writes. A `chart.toJson()`
 * made while an object is being resolved (from a Lazy, say) gets real JSON.
 */
function streamObjects(visit: ObjectVisitor, undo: (() => void)[]): (doc: unknown) => unknown {
  const appClass = App as unknown as { _synthChart(chart: Chart): unknown[] };
  const original = appClass._synthChart;
  let resolving = 0;
  appClass._synthChart = (chart: Chart) => (resolving > 0 ? original.call(App, chart) : chartObjects(chart).map((o) => new Deferred(o)));
  undo.push(() => { appClass._synthChart = original; });
  return (doc) => {
    if (!(doc instanceof Deferred)) return doc;
    resolving++;
    let json: unknown;
    try {
      json = renderJson(doc.apiObject);
    } finally {
      resolving--;
    }
    visit(doc.apiObject, json);
    return json;
  };
}
