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

/**
 * Every key of a ConfigMap or Secret as environment variables (`envFrom`), optionally
 * prefixed. Keys that are not valid variable names are skipped by the kubelet.
 */
export class EnvFrom {
  /** All keys of a ConfigMap. */
  static configMap(configMap: NamedRef, options: EnvFromOptions = {}): EnvFrom {
    const name = nameOf(configMap);
    return new EnvFrom({ prefix: options.prefix, configMapRef: { name, optional: options.optional } }, { kind: 'ConfigMap', name });
  }

  /** All keys of a Secret. */
  static secret(secret: NamedRef, options: EnvFromOptions = {}): EnvFrom {
    const name = nameOf(secret);
    return new EnvFrom({ prefix: options.prefix, secretRef: { name, optional: options.optional } }, { kind: 'Secret', name });
  }

  private constructor(
    private readonly source: k8s.EnvFromSource,
    /** The API object the variables come from. */
    readonly reference: { readonly kind: 'ConfigMap' | 'Secret'; readonly name: string },
  ) {}

  /** @internal */
  toKube(): k8s.EnvFromSource {
    return this.source;
  }
}

/** Options of EnvFrom.configMap() and EnvFrom.secret(). */
export interface EnvFromOptions {
  /** Prepended to every key, e.g. `DB_`. @default - none */
  readonly prefix?: string;
  /** Start the container even when the object does not exist. @default false (the API default) */
  readonly optional?: boolean;
}
