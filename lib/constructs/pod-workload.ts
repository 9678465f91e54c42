import { ApiObjectMetadata, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodOwner } from './pod-owner';
import { constructError } from '../errors';
import { ContainerOptions } from '../pod/container';
import { withPodSecurityLevel } from '../pod/metadata';
import { PodDefinition, PodDefinitionConfig, PodOptions } from '../pod/pod-definition';
import { Resources } from '../pod/resources';
import { LabelOptions, resolveLabels } from '../workload/labels';

/** Props every pod-bearing workload built on PodWorkload takes (Job, CronJob, a library's own kinds). */
export interface PodWorkloadProps extends PodOptions, LabelOptions {
  /** Metadata of the workload object. @default - a name generated from the construct path */
  readonly metadata?: ApiObjectMetadata;
  /** Main containers; more can be added with addContainer(). @default [] */
  readonly containers?: readonly ContainerOptions[];
}

/** What a workload construct tells its base: its type name for messages, the pod's restart policy and default resources. */
export interface PodWorkloadConfig extends PodDefinitionConfig {
  /** Resources for containers that set none. @default - none */
  readonly defaultResources?: Resources;
}

/**
 * The base for putting a podwright pod into any workload kind (podwright's Job and
 * CronJob are built on it; a library can build a DaemonSet, an Argo Rollout, ...):
 * the pod seam (`pod`: levels, sidecars, init containers, volumes), the recommended
 * labels, the object metadata with the Pod Security level annotation the engine judges
 * the object by, the built-in checks (registered privately, see PodOwner), and a pod
 * template to place in the workload's spec.
 *
 * ```ts
 * class DaemonSet extends PodWorkload {
 *   constructor(scope: Construct, id: string, props: PodWorkloadProps = {}) {
 *     super(scope, id, { typeName: 'DaemonSet', restartPolicy: 'Always' }, props);
 *     new k8s.KubeDaemonSet(this, 'Resource', {
 *       metadata: this.objectMetadata,
 *       spec: { selector: { matchLabels: { 'app.kubernetes.io/name': this.labels['app.kubernetes.io/name']! } }, template: this.podTemplate() },
 *     });
 *   }
 * }
 * ```
 *
 * Render the template through cdk8s-plus-28's L1 objects (`k8s.Kube*`) as
 * `podTemplate()` gives it: its spec is in L1 shape. (Handing an L1 object the pod's
 * Kubernetes JSON, `pod.toJson()`, drops every resource quantity and int-or-string port:
 * the L1 converters read `.value` of a `Quantity` or `IntOrString`, which a plain
 * string does not have.)
 */
export abstract class PodWorkload extends PodOwner {
  /** The pod description: containers, sidecars, volumes, security level. */
  readonly pod: PodDefinition;
  /** The labels of the workload object and its pods: the recommended labels and `labels`. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The workload object's metadata: the given metadata, `labels`, and the
   * `podwright.io/pod-security` annotation of the pod's level. Use it as is for the
   * object that holds the pod template.
   */
  protected readonly objectMetadata: ApiObjectMetadata;
  readonly #typeName: string;

  protected constructor(scope: Construct, id: string, config: PodWorkloadConfig, props: PodWorkloadProps = {}) {
    super(scope, id);
    this.#typeName = config.typeName;
    this.pod = new PodDefinition(this, config, { ...props, defaultResources: props.defaultResources ?? config.defaultResources });
    for (const c of props.containers ?? []) this.pod.addContainer(c);
    const fail = (message: string) => constructError(this, this.#typeName, `${message}.`);
    const { all: labels } = resolveLabels(this, { ...props, objectName: props.metadata?.name, image: props.containers?.[0]?.image }, fail);
    this.labels = labels;
    const metadata: Record<string, unknown> = { ...props.metadata, labels: { ...labels, ...props.metadata?.labels } };
    // Undefined keys are dropped: `name: undefined` would stop cdk8s from generating a name.
    for (const k of Object.keys(metadata)) if (metadata[k] === undefined) delete metadata[k];
    this.objectMetadata = withPodSecurityLevel(metadata as ApiObjectMetadata, this.pod.level);
  }

  /**
   * The pod template to place in the workload's spec (L1 shape, rendered lazily, so
   * containers added later land in it): `podTemplateMetadata()` and `renderPodSpec()`.
   */
  protected podTemplate(): k8s.PodTemplateSpec {
    return {
      metadata: Lazy.any({ produce: () => this.podTemplateMetadata() }),
      spec: Lazy.any({ produce: () => this.renderPodSpec() }),
    };
  }

  /** Hook: the pod template's metadata (the labels, the pod's `annotations`). Override to add labels or annotations; call `super.podTemplateMetadata()` and extend it. */
  protected podTemplateMetadata(): k8s.ObjectMeta {
    const annotations = this.pod.annotations;
    return { labels: { ...this.labels }, annotations: Object.keys(annotations).length > 0 ? { ...annotations } : undefined };
  }

  /** An error naming the construct type and path: `Job 'chart/backup': <message>.` */
  protected error(message: string): Error {
    return constructError(this, this.#typeName, `${message}.`);
  }
}
