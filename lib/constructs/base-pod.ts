import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodOwner } from './pod-owner';
import { ContainerOptions } from '../pod/container';
import { PodDefinition, PodOptions } from '../pod/pod-definition';
import { withLevel } from '../pod/metadata';
import { constructError } from '../errors';
import { LabelOptions, resolveLabels } from '../workload/labels';

/**
 * Props every podwright Pod construct takes. The Pod carries the recommended
 * `app.kubernetes.io/*` labels (name, instance, version from the first main image,
 * managed-by; component and part-of when given), so Services and NetworkPolicies can
 * select it.
 */
export interface BasePodProps extends PodOptions, LabelOptions {
  /** Metadata of the Pod object. @default - a name generated from the construct path */
  readonly metadata?: ApiObjectMetadata;
  /** Main containers; more can be added with addContainer(). @default [] */
  readonly containers?: readonly ContainerOptions[];
  /** @default - unset (the API default, Always) */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}

/**
 * The common base of podwright's Pod constructs: a `v1/Pod` rendered from a
 * PodDefinition (the pod seam), checked against its security level on every
 * change and validated again at synth. Subclasses are thin presets.
 */
export abstract class BasePod extends PodOwner {
  /** The pod description: containers, sidecars, volumes, security level. */
  readonly pod: PodDefinition;
  /** The rendered Pod object (an L1 `KubePod`). */
  readonly apiObject: ApiObject;

  /** The Pod's labels: the recommended labels, `labels`, then `metadata.labels`. */
  readonly labels: Readonly<Record<string, string>>;

  /** `mainImage` is the image the version label comes from (default: the first container's). */
  protected constructor(scope: Construct, id: string, typeName: string, props: BasePodProps = {}, mainImage = props.containers?.[0]?.image) {
    super(scope, id);
    this.pod = new PodDefinition(this, { typeName, restartPolicy: props.restartPolicy }, props);
    for (const c of props.containers ?? []) this.pod.addContainer(c);
    const fail = (message: string) => constructError(this, typeName, `${message}.`);
    const { all } = resolveLabels(this, { ...props, objectName: props.metadata?.name, image: mainImage }, fail);
    this.labels = { ...all, ...props.metadata?.labels };
    this.apiObject = new k8s.KubePod(this, 'Resource', {
      metadata: withLevel({ ...props.metadata, labels: { ...this.labels }, annotations: { ...this.pod.annotations, ...props.metadata?.annotations } }, this.pod.level),
      spec: Lazy.any({ produce: () => this.renderPodSpec() }),
    });
  }
}
