import { ApiObjectMetadata } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as YAML from 'yaml';
import { constructError } from '../errors';
import { withLevel } from '../pod/metadata';
import { ContainerOptions, PodContainer } from '../pod/container';
import { InitContainerOptions, PodDefinition, PodOptions, SidecarOptions } from '../pod/pod-definition';
import { Volume } from '../pod/volume';
import type { ISideOutput, SideFile } from '../synth/podwright-app';
import { KubeObject } from '../validation/types';
import { LabelOptions, resolveLabels } from '../workload/labels';

/** The folder, next to the output folder (dist/), that static Pod manifests are written to. */
export const STATIC_POD_FOLDER = 'static-pods';

/** The namespace a StaticPod gets unless told otherwise. */
export const STATIC_POD_DEFAULT_NAMESPACE = 'kube-system';

const STATIC_POD_SYMBOL = Symbol.for('podwright.StaticPod');

/** Props of a StaticPod. Its labels default like every podwright Pod's (see BasePodProps). */
export interface StaticPodProps extends PodOptions, LabelOptions {
  /**
   * Metadata of the Pod manifest. The kubelet names the mirror Pod it shows in the
   * API `<name>-<nodeName>`.
   * @default - name: the construct id; namespace: 'kube-system'
   */
  readonly metadata?: ApiObjectMetadata;
  /** Main containers; more can be added with addContainer(). @default [] */
  readonly containers?: readonly ContainerOptions[];
  /** @default - unset (the API default, Always; the kubelet restarts static Pods' containers) */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}

/**
 * A static Pod: a Pod manifest that a node's kubelet reads from its manifest folder
 * (its `staticPodPath`, `/etc/kubernetes/manifests` on kubeadm nodes) and runs
 * itself, without the API server or the scheduler. Control-plane components
 * (etcd, kube-apiserver, ...) run this way.
 *
 * A StaticPod is built on the pod seam like every podwright Pod (security level,
 * sidecars, shared volumes, init containers), but it is *not* an API object of its
 * chart: it never lands in dist/, so a GitOps pipeline applying dist/ cannot send it
 * to the API server. `PodwrightApp.synth()` writes it to `static-pods/<name>.yaml`,
 * beside dist/, one file per pod, and validates it first with the engine as a static
 * Pod (the `static-pod-*` rules included).
 *
 * To run it, copy the file into the node's `staticPodPath`
 * (e.g. `scp static-pods/etcd.yaml node:/etc/kubernetes/manifests/`). The kubelet
 * watches that folder, starts the pod, restarts it when the file changes and stops
 * it when the file is removed, and creates a read-only *mirror Pod* named
 * `<name>-<nodeName>` in the API so that `kubectl get pods -n <namespace>` shows it.
 *
 * The kubelet's rules, enforced when a prop or call breaks them:
 * - a static Pod cannot refer to other API objects: no serviceAccountName, no
 *   ConfigMap, Secret or PersistentVolumeClaim volumes, no projected ConfigMap,
 *   Secret or service-account-token sources, no env values from ConfigMaps or
 *   Secrets (the API server refuses the mirror Pod of such a pod, and the kubelet
 *   cannot read those objects for it);
 * - it cannot have ephemeral containers (`kubectl debug` does not work on it; the pod
 *   seam has no way to declare them);
 * - it must set a namespace: the kubelet would put a manifest without one in
 *   `default`; podwright requires it explicitly and defaults to `kube-system`.
 *
 * Pod Security levels still apply. Control-plane pods typically need hostNetwork,
 * hostPath volumes for certificates and data, and `priorityClassName:
 * system-node-critical`; host namespaces and hostPath need `security: { level: 'privileged' }`.
 *
 * @example
 * new StaticPod(chart, 'etcd', {
 *   security: { level: 'privileged', hostNetwork: true },
 *   priorityClassName: 'system-node-critical',
 *   containers: [{ image: 'registry.k8s.io/etcd:3.5.9-0', command: ['etcd'],
 *     mounts: [{ path: '/etc/kubernetes/pki/etcd', volume: Volume.hostPath('certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), readOnly: true }] }],
 * });
 */
export class StaticPod extends Construct implements ISideOutput {
  /** True for StaticPod constructs (works across copies of the library). */
  static isStaticPod(x: unknown): x is StaticPod {
    return typeof x === 'object' && x !== null && STATIC_POD_SYMBOL in x;
  }

  /** The pod description: containers, sidecars, volumes, security level. */
  readonly pod: PodDefinition;
  /** The Pod's name (also the file name: `<name>.yaml`). */
  readonly name: string;
  /** The Pod's namespace. */
  readonly namespace: string;
  // Truly private (#): a subclass's own members of these names replace nothing.
  readonly #metadata: ApiObjectMetadata;

  constructor(scope: Construct, id: string, props: StaticPodProps = {}) {
    super(scope, id);
    Object.defineProperty(this, STATIC_POD_SYMBOL, { value: true });
    this.name = props.metadata?.name ?? id;
    const namespace = props.metadata?.namespace ?? STATIC_POD_DEFAULT_NAMESPACE;
    if (namespace.trim() === '') {
      throw this.#error(`metadata.namespace is '${namespace}'; a static Pod must name its namespace (the kubelet would put it in 'default'); leave it unset for '${STATIC_POD_DEFAULT_NAMESPACE}' or name one`);
    }
    this.namespace = namespace;
    if (props.serviceAccountName !== undefined) {
      throw this.#error(`serviceAccountName is '${props.serviceAccountName}', but a static Pod cannot refer to other API objects (the API server refuses the mirror Pod of a pod that names a service account); remove serviceAccountName`);
    }
    if (props.imagePullSecrets !== undefined && props.imagePullSecrets.length > 0) {
      const names = props.imagePullSecrets.map((r) => `'${typeof r === 'string' ? r : r.name}'`).join(', ');
      throw this.#error(`imagePullSecrets names ${names}, but a static Pod cannot refer to other API objects (the kubelet cannot read Secrets for it, and the API server refuses its mirror Pod); remove imagePullSecrets and configure registry credentials on the node (the kubelet's config.json or credential provider)`);
    }
    if (props.security?.automountServiceAccountToken === true) {
      throw this.#error(`security.automountServiceAccountToken is true, but a static Pod has no service account and gets no token (static Pods bypass admission, which mounts the token); remove it`);
    }
    this.pod = new PodDefinition(this, { typeName: 'StaticPod', restartPolicy: props.restartPolicy }, props);
    this.#checkReferences();
    for (const c of props.containers ?? []) this.addContainer(c);
    const { all } = resolveLabels(this, { ...props, objectName: this.name, image: props.containers?.[0]?.image }, (m) => this.#error(m));
    this.#metadata = {
      ...props.metadata,
      name: this.name,
      namespace: this.namespace,
      labels: { ...all, ...props.metadata?.labels },
      annotations: Object.keys(this.pod.annotations).length || props.metadata?.annotations ? { ...this.pod.annotations, ...props.metadata?.annotations } : undefined,
    };
    this.node.addValidation({ validate: () => [...this.#referenceErrors(), ...this.pod.validate()] });
  }

  /** Adds a main container. */
  addContainer(options: ContainerOptions): PodContainer {
    return this.#checked(this.pod.addContainer(options));
  }

  /** Adds an init container (runs to completion, in order, before the main containers). */
  addInitContainer(options: InitContainerOptions): PodContainer {
    return this.#checked(this.pod.addInitContainer(options));
  }

  /** Adds a sidecar (native or classic, see PodOptions.sidecarMode). */
  addSidecar(options: SidecarOptions): PodContainer {
    return this.#checked(this.pod.addSidecar(options));
  }

  /**
   * Declares a volume (mounting one declares it too). hostPath volumes need
   * `security: { level: 'privileged' }`; ConfigMap, Secret, PersistentVolumeClaim and
   * projected volumes that read API objects are refused.
   */
  addVolume(volume: Volume): Volume {
    const refs = volume.references;
    if (refs.length > 0) throw this.#error(referenceMessage(refs));
    return this.pod.addVolume(volume);
  }

  /** The static Pod manifest as Kubernetes JSON (a `v1/Pod`, in the shape `k8s.KubePod` renders). */
  toJson(): KubeObject {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: withLevel(this.#metadata, this.pod.level) as unknown as KubeObject,
      spec: this.pod.toJson(),
    };
  }

  /** The manifest as YAML, rendered the way cdk8s renders dist/ (sorted keys, no empty values). */
  toYaml(): string {
    return YAML.stringify(sanitize(this.toJson()), { keepUndefined: true, lineWidth: 0, version: '1.1' });
  }

  /** ISideOutput: `static-pods/<name>.yaml`. */
  sideFiles(): readonly SideFile[] {
    return [{ folder: STATIC_POD_FOLDER, file: `${this.name}.yaml`, content: this.toYaml() }];
  }

  #checked(container: PodContainer): PodContainer {
    this.#checkReferences();
    return container;
  }

  #checkReferences(): void {
    const [first] = this.#referenceErrors();
    if (first !== undefined) throw this.#error(first.replace(/\.$/, ''));
  }

  /** Messages for what the pod reads from the API (PodDefinition.references). */
  #referenceErrors(): string[] {
    const refs = this.pod.references;
    return refs.length > 0 ? [`${referenceMessage(refs)}.`] : [];
  }

  #error(message: string): Error {
    return constructError(this as IConstruct, 'StaticPod', `${message}.`);
  }
}

function referenceMessage(refs: readonly { readonly kind: string; readonly name: string }[]): string {
  const list = refs.map((r) => (r.kind === 'ServiceAccountToken' ? `a service-account token (projected at '${r.name}')` : `${r.kind} '${r.name}'`)).join(', ');
  return `the pod refers to ${list}, but a static Pod cannot refer to other API objects (the kubelet runs it without the API server, and the API server refuses its mirror Pod); put the files on the node and mount them with a hostPath volume, or run the pod through the API server (SecurePod, ReplicatedApp)`;
}

/** cdk8s's output rules: sorted keys, no null or undefined values. */
function sanitize(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(sanitize);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = sanitize((value as Record<string, unknown>)[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
