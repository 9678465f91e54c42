import { ApiObject, ApiObjectMetadata, Chart, Lazy, Names } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { PodOwner } from './pod-owner';
import { constructError } from '../errors';
import { ContainerOptions, MountOptions, PodContainer } from '../pod/container';
import { withLevel } from '../pod/metadata';
import { PodDefinition, PodOptions } from '../pod/pod-definition';
import { quantityError } from '../validation/schema/quantity';
import { isDNS1123Label, isValidPortName } from '../validation/util/k8s-names';
import { CONFIG_HASH_ANNOTATION, configHash } from '../workload/config-hash';
import {
  formatIntOrPercent, intOrPercentNumber, intOrPercentProblem, IntOrPercent, isOver100Percent, scaled,
} from '../workload/int-or-percent';
import { imageTag, LABEL_PREFIX, labelValueProblem, RecommendedLabels, recommendedLabelMap, RELEASE_LABEL_KEYS } from '../workload/labels';
import { VolumeClaim, VolumeClaimOptions } from '../workload/volume-claim';

/** The workload resource that runs the pods. */
export type WorkloadKind =
  /** Interchangeable replicas (the default). */
  | 'Deployment'
  /** Replicas with a stable identity (`<name>-0`, `<name>-1`, ...) and a claim each. */
  | 'StatefulSet';

/** How a Deployment replaces old pods with new ones. */
export type DeploymentStrategy =
  | {
    readonly type: 'RollingUpdate';
    /** Pods above `replicas` during a rollout (a percentage rounds up). @default '25%' (the API default) */
    readonly maxSurge?: IntOrPercent;
    /** Pods below `replicas` during a rollout (a percentage rounds down); at most 100%. @default '25%' (the API default) */
    readonly maxUnavailable?: IntOrPercent;
  }
  /** Stop every old pod before starting new ones (for apps that cannot run two versions at once). */
  | { readonly type: 'Recreate' };

/** A PodDisruptionBudget for the app's pods; set at most one of minAvailable and maxUnavailable. */
export interface DisruptionBudgetOptions {
  /** Pods that must stay available during a voluntary disruption (a percentage rounds up). @default - unset */
  readonly minAvailable?: IntOrPercent;
  /** Pods that may be unavailable during a voluntary disruption. @default 1 (when minAvailable is unset) */
  readonly maxUnavailable?: IntOrPercent;
  /**
   * Whether running but not-ready pods may be evicted even when the budget is used up.
   * `AlwaysAllow` lets a node drain proceed past a crash-looping app, which is what the
   * Kubernetes maintainers recommend for most apps; the field is beta and on by default
   * since 1.27 (KEP-3017, GA in 1.31). `IfHealthyBudget` is the API's behaviour when unset.
   * @default 'AlwaysAllow'
   */
  readonly unhealthyPodEvictionPolicy?: 'AlwaysAllow' | 'IfHealthyBudget';
}

/** One Service port, aimed at a named container port. */
export interface ServicePortOptions {
  /** The name of a container port of this pod (the Service targets it by name). */
  readonly targetPort: string;
  /** The port the Service listens on. @default - the container port's number */
  readonly port?: number;
  /** The Service port's name. @default - the targetPort name */
  readonly name?: string;
}

/** A Service in front of the app's pods; its selector is the pod selector. */
export interface AppServiceOptions {
  /** @default 'ClusterIP' */
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** @default - one port per named container port (main containers and sidecars) */
  readonly ports?: readonly ServicePortOptions[];
  /** @default - the workload's metadata.name when given, else a name generated from the construct path */
  readonly name?: string;
}

/** How replicas are kept apart so that one node or zone going down does not take them all. */
export type SpreadMode =
  /**
   * topologySpreadConstraints on `topology.kubernetes.io/zone` and
   * `kubernetes.io/hostname`, maxSkew 1, `ScheduleAnyway` (a preference: pods still
   * schedule when the cluster has one zone or few nodes).
   */
  | 'topology'
  /** A preferred pod anti-affinity on `kubernetes.io/hostname` (weight 100). */
  | 'antiAffinity'
  /** No spreading: the scheduler may put every replica on one node. */
  | 'none';

/** The StatefulSet's update strategy. */
export type StatefulSetUpdateStrategy =
  /** Ordinals at or above `partition` are updated, highest first. */
  | { readonly type: 'RollingUpdate'; /** @default 0 (update every pod) */ readonly partition?: number }
  /** Pods are updated only when you delete them. */
  | { readonly type: 'OnDelete' };

/** Settings that only a StatefulSet has. */
export interface StatefulSetOptions {
  /**
   * The governing Service, which gives each pod its DNS name (`<pod>.<service>`).
   * @default - the headless Service this construct creates
   */
  readonly serviceName?: string;
  /** Create the headless Service (`clusterIP: None`) named by serviceName. @default true */
  readonly headlessService?: boolean;
  /**
   * Publish DNS records for pods that are not ready yet, so peers can find each other
   * while they bootstrap (a clustered database, for example).
   * @default true
   */
  readonly publishNotReadyAddresses?: boolean;
  /** Per-replica claims; more with addVolumeClaim(). @default [] */
  readonly volumeClaims?: readonly VolumeClaimOptions[];
  /** `OrderedReady` starts pod N+1 when pod N is ready; `Parallel` starts them all at once. @default 'OrderedReady' (the API default) */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /** @default { type: 'RollingUpdate', partition: 0 } (the API default) */
  readonly updateStrategy?: StatefulSetUpdateStrategy;
}

/** Props of a ReplicatedApp. The main container's options sit at the top level, beside `image`. */
export interface ReplicatedAppProps extends PodOptions, Omit<ContainerOptions, 'image' | 'name'> {
  /** The main container's image; with it, the top-level container options describe that container. @default - no main container from props; add one with addContainer() */
  readonly image?: string;
  /** The main container's name. @default 'main' */
  readonly containerName?: string;
  /** More main containers. @default [] */
  readonly containers?: readonly ContainerOptions[];
  /** Metadata of the workload object. @default - a name generated from the construct path */
  readonly metadata?: ApiObjectMetadata;
  /** @default 'Deployment' */
  readonly kind?: WorkloadKind;
  /**
   * Replicas. 1 is allowed, but a single replica is down whenever its pod restarts or
   * moves, so no PodDisruptionBudget is made for it by default.
   * @default 2
   */
  readonly replicas?: number;
  /** The recommended `app.kubernetes.io/*` labels (see RecommendedLabels for each default). @default - see RecommendedLabels */
  readonly recommendedLabels?: RecommendedLabels;
  /** More labels for the workload, its pods, the Service and the budget (never the selector). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The pod selector. Selectors are immutable, so they must hold only labels that never
   * change between releases; a version label throws.
   * @default - `app.kubernetes.io/name` and `app.kubernetes.io/instance`
   */
  readonly selectorLabels?: Readonly<Record<string, string>>;
  /** Deployment only. @default { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' } */
  readonly strategy?: DeploymentStrategy;
  /** Seconds a new pod must be ready before it counts as available. @default 0 (the API default) */
  readonly minReadySeconds?: number;
  /** Deployment only: seconds without progress before the rollout is reported failed; greater than minReadySeconds. @default 600 (the API default) */
  readonly progressDeadlineSeconds?: number;
  /** Old ReplicaSets / revisions kept for rollback. @default 10 (the API default) */
  readonly revisionHistoryLimit?: number;
  /**
   * A PodDisruptionBudget: `true` for the default budget, options, or `false` for none.
   * @default - { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' } when replicas >= 2, none otherwise
   */
  readonly disruptionBudget?: boolean | DisruptionBudgetOptions;
  /** @default 'topology' */
  readonly spread?: SpreadMode;
  /** A Service for the pods: `true` for the defaults, or options. @default false */
  readonly service?: boolean | AppServiceOptions;
  /**
   * Hash the ConfigMaps and Secrets of the same chart that the pod reads (by volume or
   * env) into the pod-template annotation `podwright.io/config-hash`, so that a change
   * of their content rolls the pods. hashConfig() adds objects explicitly.
   * @default true
   */
  readonly configHash?: boolean;
  /** StatefulSet settings; only with kind 'StatefulSet'. @default - see StatefulSetOptions */
  readonly statefulSet?: StatefulSetOptions;
}

const TYPE = 'ReplicatedApp';
const CONTAINER_KEYS = ['command', 'args', 'workingDir', 'imagePullPolicy', 'ports', 'env', 'resources', 'startupProbe',
  'readinessProbe', 'livenessProbe', 'securityContext', 'mounts', 'preStopSleepSeconds'] as const;

/**
 * The pod that SecurePod, SidecarPod and SharedVolumePod describe (security level,
 * sidecars, shared volumes, init containers), run as a Deployment, or as a StatefulSet
 * when each replica keeps state. Production-shaped by default:
 *
 * | concern | default |
 * |---|---|
 * | replicas | 2 |
 * | selector | `app.kubernetes.io/name` + `app.kubernetes.io/instance` (never a version) |
 * | labels | all recommended `app.kubernetes.io/*` labels on the workload and the pods |
 * | rollout | RollingUpdate 25% / 25%, rendered explicitly |
 * | restartPolicy | Always (the only value a workload accepts) |
 * | disruption budget | maxUnavailable 1, unhealthyPodEvictionPolicy AlwaysAllow, when replicas >= 2 |
 * | spreading | zones and nodes, ScheduleAnyway |
 * | resources | the `small` preset (100m/200m CPU, 128Mi memory) for containers that set none |
 * | security | `restricted`, recorded in the `podwright.io/pod-security` annotation |
 * | config rollout | `podwright.io/config-hash` over the chart's ConfigMaps and Secrets the pod reads |
 *
 * Everything is rendered through cdk8s-plus-28's L1 objects, lazily, so containers,
 * sidecars and volumes added later land in the output.
 *
 * @example
 * new ReplicatedApp(chart, 'web', { image: 'ghcr.io/acme/web:1.4.2' });
 */
export class ReplicatedApp extends PodOwner {
  /** The pod description: containers, sidecars, volumes, security level. */
  readonly pod: PodDefinition;
  readonly kind: WorkloadKind;
  readonly replicas: number;
  /** The pod selector (also the Service and budget selector). */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** The pod template's labels: recommended labels, `labels`, and the selector. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The main container made from `image` and the top-level container options, if any. */
  readonly main?: PodContainer;
  /** The Deployment or StatefulSet. */
  readonly workload: ApiObject;
  /** The PodDisruptionBudget, if any. */
  readonly disruptionBudget?: ApiObject;
  /** The Service, if any. */
  readonly service?: ApiObject;
  /** The StatefulSet's headless Service, if created. */
  readonly headlessService?: ApiObject;

  private readonly props: ReplicatedAppProps;
  private readonly claims: VolumeClaim[] = [];
  private readonly claimMounts: { container: PodContainer; claim: VolumeClaim; path: string; options: MountOptions }[] = [];
  private readonly hashed: IConstruct[] = [];
  private readonly servicePorts?: readonly ServicePortOptions[];

  constructor(scope: Construct, id: string, props: ReplicatedAppProps = {}) {
    super(scope, id);
    this.props = props;
    this.kind = props.kind ?? 'Deployment';
    this.replicas = props.replicas ?? 2;
    this.checkCounts(props);
    this.checkKindProps(props);

    this.pod = new PodDefinition(this, { typeName: TYPE, restartPolicy: 'Always' }, {
      ...props,
      defaultResources: props.defaultResources ?? 'small',
    });
    if (props.image !== undefined) {
      const { image, containerName } = props;
      const main: Record<string, unknown> = { image, name: containerName };
      for (const k of CONTAINER_KEYS) main[k] = props[k];
      this.main = this.pod.addContainer(main as unknown as ContainerOptions);
    } else {
      const given = [...CONTAINER_KEYS, 'containerName' as const].filter((k) => props[k] !== undefined);
      if (given.length > 0) {
        throw this.error(`${given.join(', ')} describe the main container, but image is not set; set image, or pass the container in containers`);
      }
    }
    for (const c of props.containers ?? []) this.pod.addContainer(c);

    // Labels and selector.
    const workloadName = props.metadata?.name;
    const rl = props.recommendedLabels ?? {};
    const version = rl.version ?? (this.main ? imageTag(this.main.image) : undefined);
    const recommended = recommendedLabelMap({
      name: rl.name ?? id,
      instance: rl.instance ?? workloadName ?? Names.toLabelValue(this),
      version: version !== undefined && (rl.version !== undefined || labelValueProblem(version) === undefined) ? version : undefined,
      component: rl.component,
      partOf: rl.partOf,
      managedBy: rl.managedBy ?? 'podwright',
    });
    const objectLabels = { ...recommended, ...props.labels };
    // Name the setting the value came from: the user may never have set a label at all
    // (a 70-character construct id becomes app.kubernetes.io/name).
    const settingOf = (k: string): string => {
      if (props.labels && Object.prototype.hasOwnProperty.call(props.labels, k)) return `set a valid value in labels['${k}']`;
      const key = k.startsWith(LABEL_PREFIX) ? k.slice(LABEL_PREFIX.length) : k;
      if (key === 'name' && rl.name === undefined) return `it comes from the construct id '${id}' (the default of recommendedLabels.name); set recommendedLabels.name, or use a shorter id`;
      if (key === 'instance' && rl.instance === undefined) return `it comes from metadata.name (the default of recommendedLabels.instance); set recommendedLabels.instance`;
      const prop = key === 'part-of' ? 'partOf' : key === 'managed-by' ? 'managedBy' : key;
      return `set a valid value in recommendedLabels.${prop}`;
    };
    for (const [k, v] of Object.entries(objectLabels)) {
      const problem = labelValueProblem(v);
      if (problem) throw this.error(`label '${k}' has the value '${v}', which is not a valid label value (${problem}); ${settingOf(k)}`);
    }
    const selector = props.selectorLabels ?? {
      'app.kubernetes.io/name': recommended['app.kubernetes.io/name']!,
      'app.kubernetes.io/instance': recommended['app.kubernetes.io/instance']!,
    };
    this.checkSelector(selector, objectLabels);
    this.selectorLabels = { ...selector };
    this.podLabels = { ...objectLabels, ...selector };

    // Budget and Service options, checked at once (replicas is known now).
    const budget = this.resolveBudget(props.disruptionBudget);
    const serviceOptions = props.service === true ? {} : props.service || undefined;
    this.servicePorts = serviceOptions?.ports;
    for (const p of serviceOptions?.ports ?? []) {
      const problems = isValidPortName(p.targetPort);
      if (problems.length) throw this.error(`service port targetPort '${p.targetPort}' is not a valid port name (${problems.join('; ')}); use the name of a container port`);
    }

    const sts = props.statefulSet ?? {};
    for (const c of sts.volumeClaims ?? []) this.addVolumeClaim(c);

    // Undefined keys are dropped: `name: undefined` would stop cdk8s from generating a name.
    const labelled = (meta: ApiObjectMetadata | undefined): ApiObjectMetadata => {
      const out: Record<string, unknown> = { ...meta, labels: { ...objectLabels, ...meta?.labels } };
      for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
      return out as ApiObjectMetadata;
    };
    const level = this.pod.level;

    // The Service and the headless Service come first: the StatefulSet names the latter.
    if (this.kind === 'StatefulSet' && (sts.headlessService ?? true)) {
      const name = sts.serviceName ?? (workloadName ? `${workloadName}-headless` : undefined);
      this.headlessService = new k8s.KubeService(this, 'Headless', {
        metadata: labelled(name ? { name, namespace: props.metadata?.namespace } : { namespace: props.metadata?.namespace }),
        spec: Lazy.any({
          produce: (): k8s.ServiceSpec => ({
            // The L1 type spells it clusterIp; toJson renders clusterIP.
            clusterIp: 'None',
            publishNotReadyAddresses: sts.publishNotReadyAddresses ?? true,
            selector: { ...this.selectorLabels },
            ports: this.resolvedServicePorts(undefined).ok,
          }),
        }),
      });
    }
    if (serviceOptions) {
      const name = serviceOptions.name ?? workloadName;
      this.service = new k8s.KubeService(this, 'Service', {
        metadata: labelled({ name, namespace: props.metadata?.namespace }),
        spec: Lazy.any({
          produce: (): k8s.ServiceSpec => ({
            type: serviceOptions.type ?? 'ClusterIP',
            selector: { ...this.selectorLabels },
            ports: this.resolvedServicePorts(this.servicePorts).ok,
          }),
        }),
      });
    }

    const metadata = withLevel(labelled(props.metadata), level);
    const template = {
      metadata: {
        labels: { ...this.podLabels },
        annotations: Lazy.any({ produce: () => this.templateAnnotations() }),
      },
      spec: Lazy.any({ produce: () => this.renderPodSpec() }),
    };
    if (this.kind === 'Deployment') {
      const strategy = props.strategy ?? { type: 'RollingUpdate' };
      this.workload = new k8s.KubeDeployment(this, 'Resource', {
        metadata,
        spec: {
          replicas: this.replicas,
          selector: { matchLabels: { ...this.selectorLabels } },
          strategy: strategy.type === 'Recreate'
            ? { type: 'Recreate' }
            : {
              type: 'RollingUpdate',
              rollingUpdate: { maxSurge: intOrString(strategy.maxSurge ?? '25%'), maxUnavailable: intOrString(strategy.maxUnavailable ?? '25%') },
            },
          minReadySeconds: props.minReadySeconds,
          progressDeadlineSeconds: props.progressDeadlineSeconds,
          revisionHistoryLimit: props.revisionHistoryLimit,
          template,
        },
      });
    } else {
      const serviceName = sts.serviceName ?? this.headlessService?.name;
      if (serviceName === undefined) {
        throw this.error('statefulSet.headlessService is false, but statefulSet.serviceName is not set; name the existing governing Service in serviceName, or let the construct create the headless Service');
      }
      const update = sts.updateStrategy ?? { type: 'RollingUpdate' };
      this.workload = new k8s.KubeStatefulSet(this, 'Resource', {
        metadata,
        spec: {
          replicas: this.replicas,
          serviceName,
          selector: { matchLabels: { ...this.selectorLabels } },
          podManagementPolicy: sts.podManagementPolicy,
          updateStrategy: update.type === 'OnDelete'
            ? { type: 'OnDelete' }
            : { type: 'RollingUpdate', rollingUpdate: update.partition !== undefined ? { partition: update.partition } : undefined },
          minReadySeconds: props.minReadySeconds,
          revisionHistoryLimit: props.revisionHistoryLimit,
          template,
          volumeClaimTemplates: Lazy.any({ produce: () => (this.claims.length ? this.claims.map((c) => c.toKube()) : undefined) }),
        },
      });
    }
    if (budget) {
      this.disruptionBudget = new k8s.KubePodDisruptionBudget(this, 'Budget', {
        metadata: labelled({ name: workloadName, namespace: props.metadata?.namespace }),
        spec: {
          selector: { matchLabels: { ...this.selectorLabels } },
          minAvailable: budget.minAvailable !== undefined ? intOrString(budget.minAvailable) : undefined,
          maxUnavailable: budget.maxUnavailable !== undefined ? intOrString(budget.maxUnavailable) : undefined,
          unhealthyPodEvictionPolicy: budget.unhealthyPodEvictionPolicy,
        },
      });
    }
    this.node.defaultChild = this.workload;
    this.node.addValidation({ validate: () => this.validate() });
  }

  /**
   * Adds a StatefulSet volumeClaimTemplate; `mountPath` mounts it into the first main
   * container. The name may not be a pod volume's name.
   */
  addVolumeClaim(options: VolumeClaimOptions): VolumeClaim {
    if (this.kind !== 'StatefulSet') {
      throw this.error(`volume claim '${options.name}' needs kind 'StatefulSet' (a Deployment's replicas share their volumes); set kind: 'StatefulSet', or use Volume.persistentVolumeClaim() for one shared claim`);
    }
    const problems = isDNS1123Label(options.name);
    if (problems.length) throw this.error(`volume claim name '${options.name}' is not a DNS-1123 label (${problems.join('; ')}); use lower-case letters, digits and '-'`);
    if (this.claims.some((c) => c.name === options.name)) throw this.error(`volume claim name '${options.name}' is already used; give each claim its own name`);
    const size: unknown = options.size;
    const sizeProblem = typeof size === 'string' ? quantityError(size) : 'it is not set';
    if (sizeProblem !== undefined) {
      throw this.error(`volume claim '${options.name}' has size ${JSON.stringify(size)}, which is not a storage quantity (${sizeProblem}); set size to a quantity such as '10Gi'`);
    }
    this.checkClaimVolumeCollision(options.name);
    const claim = new VolumeClaim(options);
    this.claims.push(claim);
    if (options.mountPath !== undefined) {
      const main = this.pod.mainContainers[0];
      if (!main) throw this.error(`volume claim '${options.name}' sets mountPath, but the pod has no main container yet; add the container first, or call mountClaim()`);
      this.mountClaim(claim, main, options.mountPath);
    }
    return claim;
  }

  /** Mounts a volume claim (by object or name) into a container of this pod. */
  mountClaim(claim: VolumeClaim | string, container: PodContainer, path: string, options: MountOptions = {}): this {
    const name = typeof claim === 'string' ? claim : claim.name;
    const found = this.claims.find((c) => c.name === name);
    if (!found) throw this.error(`no volume claim named '${name}'; add it with addVolumeClaim() or statefulSet.volumeClaims first`);
    if (!this.pod.containers.includes(container)) throw this.error(`container '${container.name}' belongs to another pod`);
    const clash = this.mountPathsOf(container).find((m) => m.path === path);
    if (clash) throw this.error(`container '${container.name}' mounts both ${clash.what} and volume claim '${name}' at ${path}; mount paths must be unique in a container`);
    this.claimMounts.push({ container, claim: found, path, options });
    return this;
  }

  /**
   * Hashes these objects (cdk8s-plus ConfigMaps or Secrets, or any L1 ApiObject of the
   * same chart) into the `podwright.io/config-hash` pod-template annotation, so a change
   * of their content rolls the pods. The hash is computed at synth.
   */
  hashConfig(...objects: IConstruct[]): this {
    for (const o of objects) {
      if (Chart.of(o) !== Chart.of(this)) {
        throw this.error(`hashConfig: '${o.node.path}' is in another chart, so its content is not known when this chart is rendered; define it in the same chart`);
      }
      try {
        ApiObject.of(o);
      } catch {
        throw this.error(`hashConfig: '${o.node.path}' is not a Kubernetes object (no ApiObject found); pass a ConfigMap, a Secret or an ApiObject`);
      }
      if (!this.hashed.includes(o)) this.hashed.push(o);
    }
    return this;
  }

  /** The volume claim templates, in the order added. */
  get volumeClaims(): readonly VolumeClaim[] {
    return this.claims;
  }

  /** Whole-tree checks, run at synth. */
  private validate(): string[] {
    const errors = this.pod.validate();
    const ports = this.resolvedServicePorts(this.servicePorts);
    if (this.service) errors.push(...ports.errors);
    if (this.service && ports.ok.length === 0 && ports.errors.length === 0) {
      errors.push(`${TYPE} service has no port: no container declares a named port; name a container port (ports: [{ number: 8080, name: 'http' }]) or list service.ports.`);
    }
    for (const c of this.claims) {
      if (this.pod.volumes.some((v) => v.name === c.name) || (this.pod.scratch && c.name === 'scratch')) errors.push(`${this.collisionMessage(c.name)}.`);
    }
    for (const container of this.pod.containers) {
      const seen = new Set<string>();
      for (const m of this.mountPathsOf(container)) {
        if (seen.has(m.path)) errors.push(`container '${container.name}' mounts two volumes at ${m.path}; mount paths must be unique in a container.`);
        seen.add(m.path);
      }
    }
    return errors;
  }

  private mountPathsOf(container: PodContainer): { path: string; what: string }[] {
    const out = container.mountList.map((m) => ({ path: m.path, what: `volume '${m.volume.name}'` }));
    if (this.pod.scratch) out.push({ path: this.pod.scratch.path ?? '/tmp', what: 'the scratch directory' });
    for (const m of this.claimMounts) if (m.container === container) out.push({ path: m.path, what: `volume claim '${m.claim.name}'` });
    return out;
  }

  /** The Service ports, resolved against the containers' named ports. */
  private resolvedServicePorts(requested: readonly ServicePortOptions[] | undefined): { ok: k8s.ServicePort[]; errors: string[] } {
    const named = new Map<string, { number: number; protocol: string }>();
    for (const c of this.pod.containers) {
      if (c.role === 'init') continue;
      for (const p of c.portList) if (p.name !== undefined && !named.has(p.name)) named.set(p.name, { number: p.number, protocol: p.protocol });
    }
    const wanted: readonly ServicePortOptions[] = requested ?? [...named.keys()].map((targetPort) => ({ targetPort }));
    const ok: k8s.ServicePort[] = [];
    const errors: string[] = [];
    for (const p of wanted) {
      const target = named.get(p.targetPort);
      if (!target) {
        const known = [...named.keys()];
        errors.push(`service port '${p.name ?? p.targetPort}' targets container port '${p.targetPort}', which no container declares${known.length ? ` (named ports: ${known.join(', ')})` : ''}; name a container port '${p.targetPort}', or target one of the declared names.`);
        continue;
      }
      ok.push({
        name: p.name ?? p.targetPort,
        port: p.port ?? target.number,
        targetPort: k8s.IntOrString.fromString(p.targetPort),
        protocol: target.protocol,
      });
    }
    return { ok, errors };
  }

  private renderPodSpec(): k8s.PodSpec {
    const spec = this.pod.render();
    const addClaims = (c: k8s.Container): k8s.Container => {
      const mounts = this.claimMounts.filter((m) => m.container.name === c.name);
      if (mounts.length === 0) return c;
      return {
        ...c,
        volumeMounts: [
          ...(c.volumeMounts ?? []),
          ...mounts.map((m) => ({ name: m.claim.name, mountPath: m.path, readOnly: m.options.readOnly, subPath: m.options.subPath })),
        ],
      };
    };
    const spread = this.props.spread ?? 'topology';
    const matchLabels = { ...this.selectorLabels };
    return {
      ...spec,
      containers: spec.containers.map(addClaims),
      initContainers: spec.initContainers?.map(addClaims),
      topologySpreadConstraints: spread === 'topology'
        ? ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
          maxSkew: 1,
          topologyKey,
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels },
        }))
        : undefined,
      affinity: spread === 'antiAffinity'
        ? {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{
              weight: 100,
              podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels } },
            }],
          },
        }
        : undefined,
    };
  }

  private templateAnnotations(): Record<string, string> | undefined {
    const objects = [...this.hashed.map((o) => ApiObject.of(o))];
    if (this.props.configHash ?? true) {
      const wanted = new Set(this.pod.references.filter((r) => r.kind === 'ConfigMap' || r.kind === 'Secret').map((r) => `${r.kind}/${r.name}`));
      // Walk the chart only when the pod reads a ConfigMap or Secret: a walk per app is
      // quadratic in the number of apps in a chart.
      for (const c of wanted.size > 0 ? Chart.of(this).node.findAll() : []) {
        if (ApiObject.isApiObject(c) && wanted.has(`${c.kind}/${c.name}`) && !objects.includes(c)) objects.push(c);
      }
    }
    if (objects.length === 0) return undefined;
    const sorted = objects.map((o) => o.toJson() as Record<string, unknown>)
      .sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
    return { [CONFIG_HASH_ANNOTATION]: configHash(sorted) };
  }

  private resolveBudget(option: boolean | DisruptionBudgetOptions | undefined): DisruptionBudgetOptions | undefined {
    if (option === false || (option === undefined && this.replicas < 2)) return undefined;
    const o = option === true || option === undefined ? {} : option;
    if (o.minAvailable !== undefined && o.maxUnavailable !== undefined) {
      throw this.error('disruptionBudget sets both minAvailable and maxUnavailable, but a PodDisruptionBudget takes only one; keep one of them');
    }
    for (const key of ['minAvailable', 'maxUnavailable'] as const) {
      const v = o[key];
      if (v === undefined) continue;
      const problem = intOrPercentProblem(v);
      if (problem) throw this.error(`disruptionBudget.${key} is ${formatIntOrPercent(v)}, which ${problem}; use an integer or a percentage such as '50%'`);
      if (isOver100Percent(v)) throw this.error(`disruptionBudget.${key} is ${formatIntOrPercent(v)}, which must not be greater than 100%; use at most '100%'`);
    }
    const resolved: DisruptionBudgetOptions = {
      minAvailable: o.minAvailable,
      maxUnavailable: o.minAvailable === undefined ? o.maxUnavailable ?? 1 : undefined,
      unhealthyPodEvictionPolicy: o.unhealthyPodEvictionPolicy ?? 'AlwaysAllow',
    };
    const never = 'so the budget never allows an eviction and node drains hang';
    if (resolved.maxUnavailable !== undefined && intOrPercentNumber(resolved.maxUnavailable) === 0) {
      throw this.error(`disruptionBudget.maxUnavailable is ${formatIntOrPercent(resolved.maxUnavailable)}, ${never}; allow at least 1, or set disruptionBudget: false`);
    }
    if (resolved.minAvailable !== undefined && this.replicas >= 1 && scaled(resolved.minAvailable, this.replicas, true) >= this.replicas) {
      throw this.error(`disruptionBudget.minAvailable is ${formatIntOrPercent(resolved.minAvailable)} with replicas ${this.replicas}, ${never}; keep minAvailable below replicas (e.g. ${this.replicas - 1}), or use maxUnavailable: 1`);
    }
    return resolved;
  }

  private checkCounts(props: ReplicatedAppProps): void {
    const nonNegative = (field: string, v: number | undefined) => {
      if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw this.error(`${field} is ${v}, but it must be an integer greater than or equal to 0; fix the value`);
    };
    nonNegative('replicas', props.replicas);
    nonNegative('minReadySeconds', props.minReadySeconds);
    nonNegative('progressDeadlineSeconds', props.progressDeadlineSeconds);
    nonNegative('revisionHistoryLimit', props.revisionHistoryLimit);
    nonNegative('statefulSet.updateStrategy.partition', props.statefulSet?.updateStrategy?.type === 'RollingUpdate' ? props.statefulSet.updateStrategy.partition : undefined);
    const minReady = props.minReadySeconds ?? 0;
    if ((this.kind === 'Deployment') && (props.progressDeadlineSeconds ?? 600) <= minReady) {
      throw this.error(`progressDeadlineSeconds (${props.progressDeadlineSeconds ?? '600, the default'}) must be greater than minReadySeconds (${minReady}); raise progressDeadlineSeconds or lower minReadySeconds`);
    }
    const s = props.strategy;
    if (s?.type === 'RollingUpdate') {
      for (const key of ['maxSurge', 'maxUnavailable'] as const) {
        const v = s[key];
        if (v === undefined) continue;
        const problem = intOrPercentProblem(v);
        if (problem) throw this.error(`strategy.${key} is ${formatIntOrPercent(v)}, which ${problem}; use an integer or a percentage such as '25%'`);
      }
      const surge = s.maxSurge ?? '25%';
      const unavailable = s.maxUnavailable ?? '25%';
      if (intOrPercentNumber(surge) === 0 && intOrPercentNumber(unavailable) === 0) {
        throw this.error('strategy.maxSurge and strategy.maxUnavailable are both 0, so a rollout could never replace a pod; allow at least one of them (e.g. maxSurge: 1)');
      }
      if (isOver100Percent(unavailable)) {
        throw this.error(`strategy.maxUnavailable is ${formatIntOrPercent(unavailable)}, which must not be greater than 100%; use at most '100%'`);
      }
    }
  }

  private checkKindProps(props: ReplicatedAppProps): void {
    if (this.kind === 'StatefulSet') {
      for (const key of ['strategy', 'progressDeadlineSeconds'] as const) {
        if (props[key] !== undefined) throw this.error(`${key} applies to a Deployment only, but kind is 'StatefulSet'; remove it (a StatefulSet uses statefulSet.updateStrategy)`);
      }
    } else if (props.statefulSet !== undefined) {
      throw this.error("statefulSet is set, but kind is 'Deployment'; set kind: 'StatefulSet', or remove statefulSet");
    }
  }

  private checkSelector(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): void {
    const entries = Object.entries(selector);
    if (entries.length === 0) throw this.error('selectorLabels is empty, which would select every pod in the namespace; give at least one stable label');
    for (const [k, v] of entries) {
      if (RELEASE_LABEL_KEYS.includes(k)) {
        throw this.error(`selectorLabels holds '${k}', a label that changes between releases; a workload's selector is immutable, so the next upgrade would fail. Select on stable labels such as app.kubernetes.io/name and app.kubernetes.io/instance`);
      }
      const problem = labelValueProblem(v);
      if (problem) throw this.error(`selectorLabels '${k}' has the value '${v}', which is not a valid label value (${problem}); fix the value`);
      const other = labels[k];
      if (other !== undefined && other !== v) {
        throw this.error(`label '${k}' is '${other}', but selectorLabels says '${v}'; the pods would not match their own selector. Use one value`);
      }
    }
  }

  private checkClaimVolumeCollision(name: string): void {
    if (this.pod.volumes.some((v) => v.name === name) || (this.pod.scratch && name === 'scratch')) throw this.error(this.collisionMessage(name));
  }

  private collisionMessage(name: string): string {
    return `volume claim '${name}' has the name of a pod volume; the StatefulSet controller adds a volume of that name for the claim, so the two would collide. Rename the claim or the volume`;
  }

  private error(message: string): Error {
    return constructError(this, TYPE, `${message}.`);
  }
}

function intOrString(v: IntOrPercent): k8s.IntOrString {
  return typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v);
}

function objectKey(o: Record<string, unknown>): string {
  const m = (o.metadata ?? {}) as Record<string, unknown>;
  return `${String(o.kind)}/${String(m.namespace ?? '')}/${String(m.name ?? '')}`;
}
