import * as fs from 'fs';
import * as path from 'path';
import { inspect } from 'util';
import { ApiObject, App, AppProps } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PodwrightConfig, ResolvedConfig } from '../validation/config';
import { loadConfig } from '../validation/config-file';
import { RulePlugin } from '../validation/plugins';
import { Engine } from '../validation/engine';
import { countText, formatConstructError, formatFindingLine, formatLine } from './finding-text';
import { failsAt } from '../validation/severity';
import { KubeObject, Report } from '../validation/types';
import { ConstructError } from '../errors';
import { ENGINE_GATE_CONTEXT, K8S_VERSION_CONTEXT } from '../version';
import { inputsOf, staticPodInputsOf } from './chart-inputs';
import { apiObjectsOf, foreignCdk8sObject, otherCopyNote } from './cdk8s-copies';
import { fastSynth, fastSynthApplies, SYNTH_WRITER_ENV } from './fast-synth';
import { setScopeLevel } from './scope-level';
import { PodSecurityLevel } from '../validation/types';

/** Props of a PodwrightApp. */
export interface PodwrightAppProps extends AppProps {
  /**
   * podwright configuration. A string is a path to a JSON file; an object is used as is.
   * @default - podwright.config.json in the current directory when it exists, else defaults
   */
  readonly config?: string | PodwrightConfig;
  /**
   * Validate at synth and refuse to write manifests with findings at or above the
   * configuration's `failOn` severity.
   * @default true
   */
  readonly validate?: boolean;
  /** Where findings are printed. @default process.stderr */
  readonly log?: (line: string) => void;
  /**
   * Rule packages to run beside podwright's rules, after those the configuration's
   * `plugins` names: packages made with `definePlugin`, or package names and paths
   * (resolved from the working folder). Prefer the configuration's `plugins`, which the
   * CLI, the cdk8s plugin and the jest matchers read too.
   * @default []
   */
  readonly plugins?: readonly (string | RulePlugin)[];
  /**
   * Also check every object against a real kube-apiserver at synth (as `podwright validate
   * --server` does): `true` takes the binaries from KUBEBUILDER_ASSETS, a string is the
   * assets folder. Server findings join the report (layer `server`) and gate the same way.
   * @default false
   */
  readonly server?: boolean | string;
}

/**
 * A file that is not for the API server (a static Pod manifest for the kubelet, a
 * `kubectl debug` profile), written into its own folder beside the output folder so
 * that a pipeline applying the output never applies it.
 */
export interface SideFile {
  /** Folder name relative to the output folder's parent, e.g. `static-pods`. */
  readonly folder: string;
  /** File name inside the folder. */
  readonly file: string;
  readonly content: string;
}

/** A construct that contributes side files at synth. */
export interface ISideOutput {
  sideFiles(): readonly SideFile[];
}

function isSideOutput(c: unknown): c is ISideOutput {
  return typeof (c as Partial<ISideOutput>).sideFiles === 'function';
}

/**
 * Thrown by `PodwrightApp.synth()` when the manifests have errors (construct errors or
 * engine findings); nothing was written. The findings were printed before it is thrown,
 * as a linter prints them; the message is the summary line. Uncaught (an app's
 * `app.synth()` run by `cdk8s synth` or node), it ends the process with exit code 1 and
 * no stack trace.
 */
export class ValidationError extends Error {
  /** The engine's report (no findings when construct errors stopped the synth first). */
  declare readonly report: Report;
  /** Construct validation errors, with the construct path. */
  declare readonly constructErrors: readonly { path: string; message: string }[];

  constructor(message: string, report: Report, constructErrors: readonly { path: string; message: string }[] = []) {
    super(message);
    this.name = 'ValidationError';
    // Not enumerable: an uncaught error's printout has no object dump.
    Object.defineProperty(this, 'report', { value: report, enumerable: false });
    Object.defineProperty(this, 'constructErrors', { value: constructErrors, enumerable: false });
  }
}

/**
 * When `error` goes uncaught (thrown out of an app's top-level `app.synth()`), ends the
 * process with exit code 1 and nothing more: the findings and the summary line are
 * already printed. Any other uncaught error in that moment is printed as node prints it.
 * The listener is gone on the next tick, so a caller that catches the error is unaffected.
 */
function exitQuietlyIfUncaught(error: ValidationError): void {
  const onUncaught = (err: unknown): void => {
    process.removeListener('uncaughtException', onUncaught);
    if (err === error) {
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`${inspect(err)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', onUncaught);
  process.nextTick(() => process.removeListener('uncaughtException', onUncaught));
}

let quietOnConstructErrors = false;

/**
 * From the first PodwrightApp on, a ConstructError that goes uncaught (thrown while the
 * app's constructs are built, under `cdk8s synth`, `npm run synth` or `node main.js`) is
 * printed as the synth gate prints construct errors, with the summary line and exit code 1,
 * and no stack trace. Any other uncaught error is left to node, which prints it as always.
 * Not under jest (JEST_WORKER_ID), whose workers handle their own errors.
 */
function exitQuietlyOnConstructError(): void {
  if (quietOnConstructErrors || process.env.JEST_WORKER_ID !== undefined) return;
  quietOnConstructErrors = true;
  const onUncaught = (err: unknown): void => {
    if (err instanceof ValidationError) return; // exitQuietlyIfUncaught ends the run
    if (!(err instanceof ConstructError)) {
      // Not ours: node's own handling (printed with its stack, exit 1), unless someone else listens.
      process.removeListener('uncaughtException', onUncaught);
      if (process.listenerCount('uncaughtException') === 0) process.nextTick(() => { throw err; });
      return;
    }
    process.stderr.write(`${formatConstructError(err.constructPath, err.message)}\n`);
    process.stderr.write(`podwright: ${countText({ errors: 1, warnings: 0 })} while building the constructs; nothing was written.\n`);
    process.exitCode = 1;
  };
  process.on('uncaughtException', onUncaught);
}

/**
 * A cdk8s App that validates before it writes. `synth()` runs the construct
 * validations and podwright's engine (schema, API-server rules, Pod Security,
 * practices) on every object, prints findings with the construct path, and writes
 * nothing when an error is found. Files are first rendered into a temporary folder
 * and then moved into place, so the output folder never holds a half-written set.
 * Works the same under `cdk8s synth` and when run directly with node.
 */
export class PodwrightApp extends App {
  /**
   * Holds the objects that hold pods under `scope` (a chart, or any construct subtree)
   * to a Pod Security level: cdk8s-plus workloads and L1 objects that podwright did not
   * build, including those added later. Each gets the `podwright.io/pod-security`
   * annotation at synth unless it states its own; podwright's constructs keep the level
   * of their `security` prop. The nearest scope wins; objects outside any such scope are
   * held to the configuration's `podSecurity`. Works in a plain cdk8s App too.
   *
   * @example
   * const legacy = new Chart(app, 'legacy');
   * PodwrightApp.setLevel(legacy, 'baseline');
   * new kplus.Deployment(legacy, 'web', { containers: [{ image: 'nginx:1.27' }] });
   */
  static setLevel(scope: IConstruct, level: PodSecurityLevel): void {
    setScopeLevel(scope, level);
  }

  /** The resolved configuration (one for the synth gate, the plugin and the CLI). */
  readonly config: ResolvedConfig;
  private readonly validateOnSynth: boolean;
  private readonly log: (line: string) => void;
  private readonly server: boolean | string;

  constructor(props: PodwrightAppProps = {}) {
    super(props);
    exitQuietlyOnConstructError();
    this.config = loadConfig(props.config, 'PodwrightApp config', process.cwd(), props.plugins).config;
    this.validateOnSynth = props.validate ?? true;
    this.log = props.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.server = props.server ?? false;
    if (this.validateOnSynth) this.node.setContext(ENGINE_GATE_CONTEXT, true);
    if (this.node.tryGetContext(K8S_VERSION_CONTEXT) === undefined) {
      this.node.setContext(K8S_VERSION_CONTEXT, this.config.settings.k8sVersion);
    }
  }

  /** Runs construct validations and the engine; returns the engine's report without writing anything. */
  check(): Report {
    this.throwConstructErrors();
    const engine = new Engine(this.config);
    const inputs = [...inputsOf(this)];
    for (const input of inputs) engine.declareNamespace(input.object); // a Namespace may come after its objects
    for (const input of inputs) engine.check(input);
    return engine.finish();
  }

  override synth(): void {
    try {
      this.synthGated();
    } catch (e) {
      if (e instanceof ValidationError) exitQuietlyIfUncaught(e);
      throw e;
    }
  }

  private synthGated(): void {
    if (!this.validateOnSynth) {
      fastSynth(this, () => this.swapIn(this.renderToTemp()));
      this.writeSideFiles();
      return;
    }
    // The fast path hooks podwright's copy of cdk8s; charts from another copy would never
    // reach its hooks (nothing validated), so they take the reference path.
    const foreign = foreignCdk8sObject(this);
    if (foreign) this.log(otherCopyNote(foreign));
    if (foreign || !fastSynthApplies(this) || this.server !== false) {
      this.gate(this.server !== false ? this.withServer(this.check()) : this.check());
      this.swapIn(this.renderToTemp());
      this.writeSideFiles();
      return;
    }
    // The fast path (./fast-synth.ts): each object is validated as it is written into the
    // temporary folder, and its JSON dropped; the folder is swapped into place only when
    // the whole report passes.
    const engine = new Engine(this.config);
    // Objects are checked as they are written: a Namespace written after the objects in it
    // must still set their Pod Security level (its JSON is computed here too; there are few).
    for (const o of apiObjectsOf(this)) {
      if (ApiObject.isApiObject(o) && o.kind === 'Namespace' && o.apiVersion === 'v1') engine.declareNamespace(o.toJson());
    }
    const checked = new Set<IConstruct>();
    fastSynth(this, () => {
      this.throwConstructErrors();
      for (const input of staticPodInputsOf(this)) engine.check(input);
      const tmp = this.renderToTemp();
      try {
        this.failClosed(checked, engine);
        this.gate(engine.finish());
      } catch (e) {
        fs.rmSync(tmp, { recursive: true, force: true });
        throw e;
      }
      this.swapIn(tmp);
    }, (apiObject, json) => {
      checked.add(apiObject);
      engine.check({ object: json, constructPath: apiObject.node.path });
    });
    this.writeSideFiles();
  }

  /**
   * Refuses to write when an API object of the charts did not reach the engine (it
   * would be written unchecked): validation fails closed, whatever the cause.
   */
  private failClosed(checked: ReadonlySet<IConstruct>, engine: Engine): void {
    const missed = apiObjectsOf(this).filter((o) => !checked.has(o));
    if (missed.length === 0) return;
    const fix = `Install one copy of cdk8s and constructs (npm ls cdk8s constructs; npm dedupe), `
      + `or set ${SYNTH_WRITER_ENV}=cdk8s to validate with cdk8s's own writer.`;
    this.log(formatLine({
      where: missed[0]!.node.path,
      severity: 'error',
      message: `${missed.length} API object(s) were rendered but not validated: the synth hooks did not see them `
        + '(a second copy of cdk8s, or a writer changed by something else)',
      ruleId: 'synth-unchecked',
      fix,
    }));
    this.log(`podwright: 1 error (${missed.length} API object(s) not validated); nothing was written to ${this.outdir}.`);
    throw new ValidationError(
      `podwright: ${missed.length} API object(s) were rendered but not validated (first: '${missed[0]!.node.path}'); `
      + `nothing was written to ${this.outdir}. Cause: the synth hooks did not see them (a second copy of cdk8s, or a writer `
      + `changed by something else). Fix: ${fix}`,
      engine.finish(),
    );
  }

  /** The report with the server's findings added (lib/server, run in a child process: synth is synchronous). */
  private withServer(report: Report): Report {
    // Loaded here so that apps without `server` never load the server layer.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkObjectsSync } = require('../server/sync-check') as typeof import('../server/sync-check');
    const inputs = [...inputsOf(this)].filter((i) => !i.staticPod);
    const objects = inputs.map((i) => ({ object: i.object as KubeObject, ...(i.constructPath ? { constructPath: i.constructPath } : {}) }));
    const { serverCheckOptionsOf } = require('../server/server-layer') as typeof import('../server/server-layer');
    const found = checkObjectsSync(objects, { assets: typeof this.server === 'string' ? this.server : undefined, ...serverCheckOptionsOf(this.config) });
    return { ...report, findings: [...report.findings, ...found.flat()] };
  }

  /** Prints the findings and throws ValidationError when any is at or above `failOn`. */
  private gate(report: Report): void {
    for (const f of report.findings) this.log(formatFindingLine(f));
    const failing = report.findings.filter((f) => failsAt(f, this.config.failOn));
    const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
    const counts = `${countText({ errors: count('error'), warnings: count('warning'), infos: count('info') })} in ${report.objectCount} object${report.objectCount === 1 ? '' : 's'}`;
    if (failing.length > 0) {
      const summary = `podwright: ${counts}, ${failing.length} at or above '${this.config.failOn}'; nothing was written to ${this.outdir}.`;
      this.log(summary);
      throw new ValidationError(summary, report);
    }
    if (report.findings.length > 0) this.log(`podwright: ${counts}.`);
  }

  /** Prints construct validation errors like findings and throws ValidationError when there is any. */
  private throwConstructErrors(): void {
    const errors = constructErrors(this);
    if (errors.length === 0) return;
    for (const e of errors) this.log(formatConstructError(e.path, e.message));
    const summary = `podwright: ${countText({ errors: errors.length, warnings: 0 })} from construct validation; nothing was written to ${this.outdir}.`;
    this.log(summary);
    throw new ValidationError(summary, { findings: [], skipped: [], objectCount: 0, settings: this.config.settings }, errors);
  }

  /** Side files of every construct, grouped by folder; each folder is replaced whole. */
  private writeSideFiles(): void {
    const byFolder = new Map<string, SideFile[]>();
    for (const c of this.node.findAll()) {
      if (!isSideOutput(c)) continue;
      for (const f of c.sideFiles()) byFolder.set(f.folder, [...(byFolder.get(f.folder) ?? []), f]);
    }
    const parent = path.dirname(path.resolve(this.outdir));
    for (const [folder, files] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
      const dir = path.join(parent, folder);
      const tmp = `${dir}.podwright-tmp-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      for (const f of files) {
        if (fs.existsSync(path.join(tmp, f.file))) throw new Error(`podwright: two constructs write ${folder}/${f.file}; give them different names.`);
        fs.writeFileSync(path.join(tmp, f.file), f.content);
      }
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(tmp, dir);
    }
  }

  /** Renders the charts into a sibling temporary folder with cdk8s's own loop; returns the folder. */
  private renderToTemp(): string {
    const tmp = `${path.resolve(this.outdir)}.podwright-tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const self = this as unknown as { outdir: string };
    const original = self.outdir;
    try {
      self.outdir = tmp;
      super.synth();
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    } finally {
      self.outdir = original;
    }
    return tmp;
  }

  /** Moves the rendered files into the output folder, removing YAML files no longer rendered. */
  private swapIn(tmp: string): void {
    const outdir = path.resolve(this.outdir);
    fs.mkdirSync(outdir, { recursive: true });
    const fresh = new Set(fs.readdirSync(tmp));
    for (const name of fs.readdirSync(outdir)) {
      if (!fresh.has(name) && /\.ya?ml$/.test(name)) fs.rmSync(path.join(outdir, name), { force: true });
    }
    for (const name of fresh) fs.renameSync(path.join(tmp, name), path.join(outdir, name));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}


/** Every construct's validation errors, with its path. */
export function constructErrors(scope: IConstruct): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const c of scope.node.findAll()) {
    for (const message of c.node.validate()) out.push({ path: c.node.path, message });
  }
  return out;
}
