import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodOwner } from './pod-owner';
import { ContainerOptions } from '../pod/container';
import { PodDefinition, PodOptions } from '../pod/pod-definition';
import { withLevel } from '../pod/metadata';

/** Props every podwright Pod construct takes. */
export interface BasePodProps extends PodOptions {
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

  protected constructor(scope: Construct, id: string, typeName: string, props: BasePodProps = {}) {
    super(scope, id);
    this.pod = new PodDefinition(this, { typeName, restartPolicy: props.restartPolicy }, props);
    for (const c of props.containers ?? []) this.pod.addContainer(c);
    this.apiObject = new k8s.KubePod(this, 'Resource', {
      metadata: withLevel(props.metadata, this.pod.level),
      spec: Lazy.any({ produce: () => this.renderPodSpec() }),
    });
  }
}
