import { k8s } from 'cdk8s-plus-28';
import { NamedRef } from './volume';

const nameOf = (r: NamedRef) => (typeof r === 'string' ? r : r.name);

/** An environment variable's value: a literal, or read from elsewhere when the container starts. */
export class EnvValue {
  /** A literal value. */
  static value(value: string): EnvValue {
    return new EnvValue({ value });
  }

  /** One key of a ConfigMap. */
  static fromConfigMap(configMap: NamedRef, key: string, options: { readonly optional?: boolean } = {}): EnvValue {
    return new EnvValue({ valueFrom: { configMapKeyRef: { name: nameOf(configMap), key, optional: options.optional } } }, { kind: 'ConfigMap', name: nameOf(configMap) });
  }

  /** One key of a Secret (the right way to pass a password; never a literal). */
  static fromSecret(secret: NamedRef, key: string, options: { readonly optional?: boolean } = {}): EnvValue {
    return new EnvValue({ valueFrom: { secretKeyRef: { name: nameOf(secret), key, optional: options.optional } } }, { kind: 'Secret', name: nameOf(secret) });
  }

  /** A field of the pod (downward API), e.g. `metadata.name`, `status.podIP`. */
  static fromField(fieldPath: string): EnvValue {
    return new EnvValue({ valueFrom: { fieldRef: { fieldPath } } });
  }

  private constructor(
    private readonly source: Omit<k8s.EnvVar, 'name'>,
    /** The API object the value reads, if any. */
    readonly reference?: { readonly kind: string; readonly name: string },
  ) {}

  /** @internal */
  toKube(name: string): k8s.EnvVar {
    return { name, ...this.source };
  }
}
