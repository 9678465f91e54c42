import { ApiObjectMetadata } from 'cdk8s';
import { POD_SECURITY_ANNOTATION } from '../validation/config';
import { SecurityLevel } from './security';

/** Adds the annotation that records the Pod Security level the object promises. */
export function withLevel(metadata: ApiObjectMetadata | undefined, level: SecurityLevel): ApiObjectMetadata {
  return { ...metadata, annotations: { ...metadata?.annotations, [POD_SECURITY_ANNOTATION]: level } };
}
