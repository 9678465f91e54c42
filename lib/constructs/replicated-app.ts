import { ApiObject, ApiObjectMetadata, Chart, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { PodOwner } from './pod-owner';
import { constructError } from '../errors';
import { ContainerOptions, MountOptions, PodContainer } from '../pod/container';
import { withLevel } from '../pod/metadata';
import { PodDefinition, PodOptions } from '../pod/pod-definition';
import {
  AppServiceOptions, checkServicePortNames, headlessServiceSpec, servicePortErrors, serviceSpec,
} from '../workload/app-service';
import { CONFIG_HASH_ANNOTATION, configHash } from '../workload/config-hash';
import { DisruptionBudgetOptions, disruptionBudgetSpec, resolveDisruptionBudget } from '../workload/disruption-budget';
import { checkSelector, RecommendedLabels, resolveLabels } from '../workload/labels';
import { SpreadMode, spreadScheduling } from '../workload/spread';
import { VolumeClaim, VolumeClaimOptions } from '../workload/volume-claim';
import { VolumeClaims } from '../workload/volume-claims';
import {
  checkKindSettings, checkWorkloadCounts, DeploymentStrategy, deploymentStrategySpec, StatefulSetOptions,
  statefulSetUpdateStrategySpec, WorkloadKind,
} from '../workload/workload-spec';

// The workload's parts live one concern a file under lib/workload/; their types are
// re-exported here, where the public API has always taken them from.
export { AppServiceOptions, ServicePortOptions } from '../workload/app-service';
export { DisruptionBudgetOptions } from '../workload/disruption-budget';
export { SpreadMode } from '../workload/spread';
export { DeploymentStrategy, StatefulSetOptions, StatefulSetUpdateStrategy, WorkloadKind } from '../workload/workload-spec';

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
  'readinessProbe', 'livenessProbe', 'securityContext', 'mounts', 'preStopSleepSeconds', 'envFrom', 'lifecycle'] as const;

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

  // Truly private (#): a subclass's own `props`, `validate()` or `claims` neither
  // replaces these at run time nor clashes with them in TypeScript.
  readonly #props: ReplicatedAppProps;
  readonly #claims: VolumeClaims;
  readonly #hashed: IConstruct[] = [];
  readonly #serviceOptions?: AppServiceOptions;

  constructor(scope: Construct, id: string, props: ReplicatedAppProps = {}) {
    super(scope, id);
    this.#props = props;
    this.kind = props.kind ?? 'Deployment';
    this.replicas = props.replicas ?? 2;
    const fail = (message: string) => this.#error(message);
    checkWorkloadCounts(this.kind, props, fail);
    checkKindSettings(this.kind, props, fail);

    this.pod = new PodDefinition(this, { typeName: TYPE, restartPolicy: 'Always' }, {
      ...props,
      defaultResources: props.defaultResources ?? 'small',
    });
    this.#claims = new VolumeClaims(this.pod, fail);
    if (props.image !== undefined) {
      const { image, containerName } = props;
      const main: Record<string, unknown> = { image, name: containerName };
      for (const k of CONTAINER_KEYS) main[k] = props[k];
      this.main = this.pod.addContainer(main as unknown as ContainerOptions);
    } else {
      const given = [...CONTAINER_KEYS, 'containerName' as const].filter((k) => props[k] !== undefined);
      if (given.length > 0) {
        throw this.#error(`${given.join(', ')} describe the main container, but image is not set; set image, or pass the container in containers`);
      }
    }
    for (const c of props.containers ?? []) this.pod.addContainer(c);

    // Labels and selector.
    const workloadName = props.metadata?.name;
    const { recommended, all: objectLabels } = resolveLabels(this, { ...props, objectName: workloadName, image: this.main?.image }, fail);
    const selector = props.selectorLabels ?? {
      'app.kubernetes.io/name': recommended['app.kubernetes.io/name']!,
      'app.kubernetes.io/instance': recommended['app.kubernetes.io/instance']!,
    };
    checkSelector(selector, objectLabels, fail);
    this.selectorLabels = { ...selector };
    this.podLabels = { ...objectLabels, ...selector };

    // Budget and Service options, checked at once (replicas is known now).
    const budget = resolveDisruptionBudget(props.disruptionBudget, this.replicas, fail);
    const serviceOptions = props.service === true ? {} : props.service || undefined;
    this.#serviceOptions = serviceOptions;
    checkServicePortNames(serviceOptions?.ports, fail);

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
        spec: Lazy.any({ produce: () => headlessServiceSpec(this.pod, this.selectorLabels, sts.publishNotReadyAddresses ?? true) }),
      });
    }
    if (serviceOptions) {
      const name = serviceOptions.name ?? workloadName;
      this.service = new k8s.KubeService(this, 'Service', {
        metadata: labelled({ name, namespace: props.metadata?.namespace }),
        spec: Lazy.any({ produce: () => serviceSpec(this.pod, serviceOptions, this.selectorLabels) }),
      });
    }

    const metadata = withLevel(labelled(props.metadata), level);
    const template = {
      metadata: Lazy.any({ produce: () => this.podTemplateMetadata() }),
      spec: Lazy.any({ produce: () => this.renderPodSpec() }),
    };
    if (this.kind === 'Deployment') {
      this.workload = new k8s.KubeDeployment(this, 'Resource', {
        metadata,
        spec: {
          replicas: this.replicas,
          selector: { matchLabels: { ...this.selectorLabels } },
          strategy: deploymentStrategySpec(props.strategy),
          minReadySeconds: props.minReadySeconds,
          progressDeadlineSeconds: props.progressDeadlineSeconds,
          revisionHistoryLimit: props.revisionHistoryLimit,
          template,
        },
      });
    } else {
      const serviceName = sts.serviceName ?? this.headlessService?.name;
      if (serviceName === undefined) {
        throw this.#error('statefulSet.headlessService is false, but statefulSet.serviceName is not set; name the existing governing Service in serviceName, or let the construct create the headless Service');
      }
      this.workload = new k8s.KubeStatefulSet(this, 'Resource', {
        metadata,
        spec: {
          replicas: this.replicas,
          serviceName,
          selector: { matchLabels: { ...this.selectorLabels } },
          podManagementPolicy: sts.podManagementPolicy,
          updateStrategy: statefulSetUpdateStrategySpec(sts.updateStrategy),
          minReadySeconds: props.minReadySeconds,
          revisionHistoryLimit: props.revisionHistoryLimit,
          template,
          volumeClaimTemplates: Lazy.any({ produce: () => this.#claims.toKube() }),
        },
      });
    }
    if (budget) {
      this.disruptionBudget = new k8s.KubePodDisruptionBudget(this, 'Budget', {
        metadata: labelled({ name: workloadName, namespace: props.metadata?.namespace }),
        spec: disruptionBudgetSpec(budget, this.selectorLabels),
      });
    }
    this.node.defaultChild = this.workload;
    this.node.addValidation({ validate: () => this.#validate() });
  }

  /**
   * Adds a StatefulSet volumeClaimTemplate; `mountPath` mounts it into the first main
   * container. The name may not be a pod volume's name.
   */
  addVolumeClaim(options: VolumeClaimOptions): VolumeClaim {
    if (this.kind !== 'StatefulSet') {
      throw this.#error(`volume claim '${options.name}' needs kind 'StatefulSet' (a Deployment's replicas share their volumes); set kind: 'StatefulSet', or use Volume.persistentVolumeClaim() for one shared claim`);
    }
    return this.#claims.add(options);
  }

  /** Mounts a volume claim (by object or name) into a container of this pod. */
  mountClaim(claim: VolumeClaim | string, container: PodContainer, path: string, options: MountOptions = {}): this {
    this.#claims.mount(claim, container, path, options);
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
        throw this.#error(`hashConfig: '${o.node.path}' is in another chart, so its content is not known when this chart is rendered; define it in the same chart`);
      }
      try {
        ApiObject.of(o);
      } catch {
        throw this.#error(`hashConfig: '${o.node.path}' is not a Kubernetes object (no ApiObject found); pass a ConfigMap, a Secret or an ApiObject`);
      }
      if (!this.#hashed.includes(o)) this.#hashed.push(o);
    }
    return this;
  }

  /** The volume claim templates, in the order added. */
  get volumeClaims(): readonly VolumeClaim[] {
    return this.#claims.list;
  }

  /**
   * Whole-tree checks, run at synth, beside the pod's own (PodOwner). Private (#), so
   * that a subclass's `validate()` adds to them instead of replacing them.
   */
  #validate(): string[] {
    const errors: string[] = [];
    if (this.service) errors.push(...servicePortErrors(TYPE, this.pod, this.#serviceOptions?.ports));
    errors.push(...this.#claims.errors());
    // The template metadata hook may change labels, but the pods must still match the selector.
    const labels = this.podTemplateMetadata().labels ?? {};
    for (const [k, v] of Object.entries(this.selectorLabels)) {
      if (labels[k] !== v) {
        errors.push(`the pod template's label '${k}' is ${labels[k] === undefined ? 'missing' : `'${labels[k]}'`}, but the selector needs '${v}', so the workload would not own its pods; keep the selector labels in podTemplateMetadata().`);
      }
    }
    return errors;
  }

  /**
   * Hook: the pod template's metadata (labels and annotations). Override to add
   * labels or annotations; call `super.podTemplateMetadata()` and extend its result.
   * The selector labels must stay (checked at synth).
   */
  protected podTemplateMetadata(): k8s.ObjectMeta {
    return { labels: { ...this.podLabels }, annotations: this.#templateAnnotations() };
  }

  /** Hook (see PodOwner): the template's pod spec, with claim mounts and spreading. */
  protected override renderPodSpec(): k8s.PodSpec {
    const spec = super.renderPodSpec();
    const withClaims = (c: k8s.Container) => this.#claims.withMounts(c);
    return {
      ...spec,
      containers: spec.containers.map(withClaims),
      initContainers: spec.initContainers?.map(withClaims),
      ...spreadScheduling(this.#props.spread ?? 'topology', this.selectorLabels, spec.affinity),
    };
  }

  #templateAnnotations(): Record<string, string> | undefined {
    const objects = [...this.#hashed.map((o) => ApiObject.of(o))];
    if (this.#props.configHash ?? true) {
      const wanted = new Set(this.pod.references.filter((r) => r.kind === 'ConfigMap' || r.kind === 'Secret').map((r) => `${r.kind}/${r.name}`));
      // Walk the chart only when the pod reads a ConfigMap or Secret: a walk per app is
      // quadratic in the number of apps in a chart.
      for (const c of wanted.size > 0 ? Chart.of(this).node.findAll() : []) {
        if (ApiObject.isApiObject(c) && wanted.has(`${c.kind}/${c.name}`) && !objects.includes(c)) objects.push(c);
      }
    }
    const own = this.pod.annotations;
    if (objects.length === 0) return Object.keys(own).length ? { ...own } : undefined;
    const sorted = objects.map((o) => o.toJson() as Record<string, unknown>)
      .sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
    return { ...own, [CONFIG_HASH_ANNOTATION]: configHash(sorted) };
  }

  #error(message: string): Error {
    return constructError(this, TYPE, `${message}.`);
  }
}

function objectKey(o: Record<string, unknown>): string {
  const m = (o.metadata ?? {}) as Record<string, unknown>;
  return `${String(o.kind)}/${String(m.namespace ?? '')}/${String(m.name ?? '')}`;
}
