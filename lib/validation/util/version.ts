/**
 * Target Kubernetes versions are minor versions written `1.NN`. This module is
 * the one place that parses and compares them, for the engine and the constructs.
 */

/** The default target version: the API cdk8s-plus-28 speaks. */
export const DEFAULT_K8S_VERSION = '1.28';

/**
 * The minors podwright validates exactly: each has its own schema generated from the
 * cdk8s-plus-NN package that carries that minor's API (scripts/gen-schema.js).
 */
export const MIN_K8S_VERSION = '1.28';
export const MAX_K8S_VERSION = '1.33';

/** The supported range, as messages say it. */
export const SUPPORTED_K8S_VERSIONS = `${MIN_K8S_VERSION} to ${MAX_K8S_VERSION}`;

const VERSION = /^v?1\.(\d{1,3})(?:\.\d+)?$/;

/** Returns the minor number of a `1.NN` version, or undefined when malformed. */
export function parseMinor(version: string): number | undefined {
  // Rules ask for every pod; a handful of distinct versions are ever seen.
  if (minors.has(version)) return minors.get(version);
  const m = VERSION.exec(version.trim());
  const minor = m ? Number(m[1]) : undefined;
  if (minors.size < 64) minors.set(version, minor);
  return minor;
}

const minors = new Map<string, number | undefined>();

/**
 * Normalizes `v1.29.3` or `1.29` to `1.29`; throws a clear error when malformed or
 * outside the supported minors (an older or newer minor would be checked against the
 * wrong API: fields, versions and Pod Security controls differ).
 */
export function normalizeVersion(version: string, where = 'k8sVersion'): string {
  const minor = parseMinor(version);
  if (minor === undefined) {
    throw new Error(`${where}: "${version}" is not a Kubernetes version; write it as "1.NN", for example "1.28" (supported: ${SUPPORTED_K8S_VERSIONS}).`);
  }
  if (minor < parseMinor(MIN_K8S_VERSION)! || minor > parseMinor(MAX_K8S_VERSION)!) {
    throw new Error(`${where}: Kubernetes 1.${minor} is not supported; podwright validates ${SUPPORTED_K8S_VERSIONS} exactly: use one of those.`);
  }
  return `1.${minor}`;
}

/** Compares two `1.NN` versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  return (parseMinor(a) ?? 0) - (parseMinor(b) ?? 0);
}

/** True when `version` is at least `min`. */
export function atLeast(version: string, min: string): boolean {
  return compareVersions(version, min) >= 0;
}
