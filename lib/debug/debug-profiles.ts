import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { constructError } from '../errors';
import { PodDefinition } from '../pod/pod-definition';
import type { ISideOutput, SideFile } from '../synth/podwright-app';
import { KubeObject } from '../validation/types';
import { podSitesOf } from '../validation/util/pod-sites';
import { asObject, asString, field } from '../validation/util/values';
import { checkDebugProfile, debugProfileFor, debugTargetOf, promisedLevel } from './debug-profile';

/** The folder, next to the output folder (dist/), that debug profiles are written to. */
export const DEBUG_PROFILE_FOLDER = 'debug-profiles';

/** Props of DebugProfiles. */
export interface DebugProfilesProps {
  /** The debug image the documented commands use. @default 'busybox:1.36' */
  readonly image?: string;
  /** Folder name, beside the output folder. @default 'debug-profiles' */
  readonly folder?: string;
  /**
   * Where to look for Pods and workloads.
   * @default - the construct's parent (the chart or app it is attached to), and everything under it
   */
  readonly scope?: IConstruct;
}

/** One profile: the pod it is for, its file and the command that uses it. */
export interface DebugProfileEntry {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly constructPath: string;
  readonly level: string;
  readonly target: string;
  /** File name inside the folder. */
  readonly file: string;
  readonly profile: KubeObject;
  /** The shell lines to run, from the folder's parent (the repository root). */
  readonly command: readonly string[];
}

/**
 * Emits a `kubectl debug` profile for every Pod and workload under its scope: one
 * JSON file per object (`debug-profiles/<kind>-<name>.json`, a partial container spec
 * from debugProfileFor()) plus a README.md that lists the exact command for each.
 * The folder sits beside dist/, so a pipeline applying dist/ never sees it.
 *
 * Each profile runs the debugger as the pod's non-root user with seccomp
 * RuntimeDefault, all capabilities dropped and no privilege escalation (so it is
 * admitted at any Pod Security level, restricted included), joins the main
 * container's process namespace (`--target`) and mounts its volumes read-only. Every
 * profile is checked with checkDebugProfile() against the object's promised level at
 * synth; one that would be refused throws.
 *
 * Static Pods get none: ephemeral containers are not supported by static Pods.
 *
 * Attach one per app (or give each its own `folder`):
 * `new DebugProfiles(app, 'debug-profiles')`.
 */
export class DebugProfiles extends Construct implements ISideOutput {
  /** The debug image the documented commands use. */
  readonly image: string;
  /** Folder name, beside the output folder. */
  readonly folder: string;
  private readonly scope: IConstruct;

  constructor(scope: Construct, id: string, props: DebugProfilesProps = {}) {
    super(scope, id);
    this.image = props.image ?? 'busybox:1.36';
    this.folder = props.folder ?? DEBUG_PROFILE_FOLDER;
    this.scope = props.scope ?? scope;
    const clash = this.node.root.node.findAll().find((c) => c !== this && c instanceof DebugProfiles && c.folder === this.folder);
    if (clash) {
      throw constructError(this, 'DebugProfiles', `folder '${this.folder}' is already written by DebugProfiles '${clash.node.path}'; attach one DebugProfiles to the app, or give this one another folder.`);
    }
  }

  /** The profiles, sorted by file name. */
  entries(): DebugProfileEntry[] {
    const out: DebugProfileEntry[] = [];
    for (const c of this.scope.node.findAll()) {
      if (!ApiObject.isApiObject(c)) continue;
      const obj = c.toJson() as KubeObject;
      const kind = asString(field(obj, 'kind')) ?? '';
      const [site] = podSitesOf(kind, obj);
      if (!site || kind === 'PodTemplate') continue;
      const metadata = asObject(field(obj, 'metadata'));
      const name = asString(field(metadata, 'name')) ?? c.name;
      const namespace = asString(field(metadata, 'namespace'));
      const level = promisedLevel(obj);
      // A podwright Pod construct knows which containers are the app (not sidecars).
      const definition = (c.node.scope as { pod?: unknown } | undefined)?.pod;
      const source = definition instanceof PodDefinition ? definition : obj;
      const target = debugTargetOf(source);
      const profile = debugProfileFor(source, { target });
      const issues = checkDebugProfile(profile, site.spec, level, { target });
      if (issues.length > 0) {
        throw constructError(c, 'DebugProfiles', `the debug profile for ${kind} '${name}' would not be admitted at the ${level} level: ${issues.map((i) => `${i.message} at ${i.path}`).join('; ')}.`);
      }
      const file = `${kind.toLowerCase()}-${name}.json`;
      out.push({
        kind, name, namespace, constructPath: c.node.path, level, target, file, profile,
        command: this.command(kind, name, namespace, obj, target, file),
      });
    }
    return out.sort((a, b) => a.file.localeCompare(b.file));
  }

  /** ISideOutput: one JSON file per object, and README.md. */
  sideFiles(): readonly SideFile[] {
    const entries = this.entries();
    const files: SideFile[] = entries.map((e) => ({ folder: this.folder, file: e.file, content: `${JSON.stringify(e.profile, null, 2)}\n` }));
    files.push({ folder: this.folder, file: 'README.md', content: this.readme(entries) });
    return files;
  }

  private command(kind: string, name: string, namespace: string | undefined, obj: KubeObject, target: string, file: string): string[] {
    const ns = namespace ? ` -n ${namespace}` : '';
    const debug = (pod: string) => `kubectl debug${ns} ${pod} -it --image=${this.image} --target=${target} --profile=restricted --custom=${this.folder}/${file}`;
    if (kind === 'Pod') return [debug(name)];
    // kubectl debug only adds ephemeral containers to Pods (deploy/x is "not supported by debug"): pick one of the workload's pods.
    const labels = asObject(field(field(field(obj, 'spec'), 'selector'), 'matchLabels'))
      ?? asObject(field(podSitesOf(kind, obj)[0]?.metadata, 'labels'))
      ?? (kind === 'Job' ? { 'job-name': name } : undefined);
    const selector = labels ? Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`).join(',') : undefined;
    if (!selector) return [`# pick one of ${kind} ${name}'s pods with: kubectl get pods${ns}`, debug('<pod>')];
    return [`POD=$(kubectl get pods${ns} -l ${selector} -o jsonpath='{.items[0].metadata.name}')`, debug('"$POD"')];
  }

  private readme(entries: readonly DebugProfileEntry[]): string {
    const lines = [
      '# Debug profiles',
      '',
      'Generated by podwright (`DebugProfiles`); not for the API server, so it lives beside dist/ and is never applied.',
      '',
      'Each JSON file is a partial container spec for `kubectl debug --custom`, merged onto the debug container that',
      '`--profile=restricted` builds. It runs the debugger as the pod\'s non-root user, with seccomp RuntimeDefault,',
      'all capabilities dropped and no privilege escalation, so a namespace that enforces the pod\'s Pod Security level',
      '(restricted included) admits it; `--target` joins the main container\'s process namespace, and the main',
      'container\'s volumes are mounted read-only at the same paths (mounts that use subPath are left out: ephemeral',
      'containers may not use subPath).',
      '',
      'Needs kubectl 1.31 or later (`--custom` is on by default from 1.31; in kubectl 1.30 set',
      '`KUBECTL_DEBUG_CUSTOM_PROFILE=true`; kubectl 1.28 and 1.29 have no `--custom`: use `--profile=restricted` alone,',
      'which works when the pod sets runAsUser, without the volume mounts). Run the commands from the folder that holds',
      `dist/ and ${this.folder}/. \`kubectl debug\` adds ephemeral containers to Pods only, so for a workload the`,
      'command picks one of its pods first. Static Pods have no profile: ephemeral containers are not supported by static Pods.',
      '',
    ];
    for (const e of entries) {
      lines.push(`## ${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`, '');
      lines.push(`Construct \`${e.constructPath}\`, level ${e.level}, target container \`${e.target}\`, profile \`${e.file}\`.`, '');
      lines.push('```sh', ...e.command, '```', '');
    }
    return lines.join('\n');
  }
}
