import { ApiObjectMetadata } from 'cdk8s';
import { POD_SECURITY_ANNOTATION } from '../validation/config';
import { SecurityLevel } from './security';

/**
 * Adds the annotation that records the Pod Security level the object promises
 * (`podwright.io/pod-security`): the engine checks the object's pods at that level. Put it
 * on any object that holds a podwright pod (`withPodSecurityLevel(metadata, pod.level)`).
 */
export function withPodSecurityLevel(metadata: ApiObjectMetadata | undefined, level: SecurityLevel): ApiObjectMetadata {
  return { ...metadata, annotations: { ...metadata?.annotations, [POD_SECURITY_ANNOTATION]: level } };
}

/** The old name of withPodSecurityLevel, kept for the constructs that use it. */
export const withLevel = withPodSecurityLevel;
