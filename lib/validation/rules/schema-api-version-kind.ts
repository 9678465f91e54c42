import { objectRule } from '../util/define-rule';
import { field } from '../util/values';
import { atLeast } from '../util/version';

interface Removed {
  readonly removedIn: string;
  /** The apiVersion that serves the kind instead, or undefined when the kind is gone. */
  readonly replacement?: string;
  readonly note?: string;
}

/**
 * Built-in API versions no longer served, by `apiVersion` then kind.
 * Source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 * (the v1.16, v1.22, v1.25 and v1.26 removals that concern podwright's kinds).
 */
const REMOVED: Readonly<Record<string, Readonly<Record<string, Removed>>>> = {
  'extensions/v1beta1': {
    DaemonSet: { removedIn: '1.16', replacement: 'apps/v1' },
    Deployment: { removedIn: '1.16', replacement: 'apps/v1' },
    ReplicaSet: { removedIn: '1.16', replacement: 'apps/v1' },
    NetworkPolicy: { removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
    PodSecurityPolicy: { removedIn: '1.16', note: 'PodSecurityPolicy was removed in Kubernetes 1.25; use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce) instead.' },
    Ingress: { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  },
  'apps/v1beta1': {
    Deployment: { removedIn: '1.16', replacement: 'apps/v1' },
    StatefulSet: { removedIn: '1.16', replacement: 'apps/v1' },
  },
  'apps/v1beta2': {
    DaemonSet: { removedIn: '1.16', replacement: 'apps/v1' },
    Deployment: { removedIn: '1.16', replacement: 'apps/v1' },
    ReplicaSet: { removedIn: '1.16', replacement: 'apps/v1' },
    StatefulSet: { removedIn: '1.16', replacement: 'apps/v1' },
  },
  'networking.k8s.io/v1beta1': {
    Ingress: { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
    IngressClass: { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  },
  'batch/v1beta1': {
    CronJob: { removedIn: '1.25', replacement: 'batch/v1' },
  },
  'policy/v1beta1': {
    PodDisruptionBudget: { removedIn: '1.25', replacement: 'policy/v1' },
    PodSecurityPolicy: { removedIn: '1.25', note: 'PodSecurityPolicy was removed in Kubernetes 1.25 with no replacement kind; use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce) instead.' },
  },
  'autoscaling/v2beta1': {
    HorizontalPodAutoscaler: { removedIn: '1.25', replacement: 'autoscaling/v2' },
  },
  'autoscaling/v2beta2': {
    HorizontalPodAutoscaler: { removedIn: '1.26', replacement: 'autoscaling/v2' },
  },
};

/**
 * Built-in API versions first served (enabled by default) in a later Kubernetes minor.
 * Source: the Kubernetes API reference; ValidatingAdmissionPolicy went GA (v1) in 1.30.
 */
const INTRODUCED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'admissionregistration.k8s.io/v1': { ValidatingAdmissionPolicy: '1.30', ValidatingAdmissionPolicyBinding: '1.30' },
};

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Every object needs a string `apiVersion` and `kind`; kubectl refuses the
 * document otherwise ("error validating data: [apiVersion not set, kind not
 * set]"). An apiVersion the target version no longer serves is refused with
 * `no matches for kind "CronJob" in version "batch/v1beta1"`.
 */
export default objectRule({
  id: 'schema-api-version-kind',
  layer: 'schema',
  severity: 'error',
  description: 'Each object must set apiVersion and kind to a version the target Kubernetes serves.',
  fix: 'Set apiVersion and kind (for example apiVersion: apps/v1 and kind: Deployment).',
  source: 'kubectl validation (apiVersion not set, kind not set) and the REST mapper (no matches for kind); removals per the Kubernetes deprecation guide',
  docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
}, (ctx) => {
  const obj = ctx.target.object;
  for (const name of ['apiVersion', 'kind'] as const) {
    const v = field(obj, name);
    if (v === undefined || v === null || v === '') {
      ctx.report({ path: [name], message: `${name} not set` });
    } else if (typeof v !== 'string') {
      const kind = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
      ctx.report({ path: [name], message: `cannot unmarshal ${kind} into Go struct field .${name} of type string` });
    }
  }
  const { apiVersion, kind } = ctx.target;
  const introduced = own(INTRODUCED, apiVersion) && own(INTRODUCED[apiVersion]!, kind) ? INTRODUCED[apiVersion]![kind]! : undefined;
  if (introduced && !atLeast(ctx.settings.k8sVersion, introduced)) {
    ctx.report({ path: ['apiVersion'], message: `no matches for kind "${kind}" in version "${apiVersion}"`, fix: `${apiVersion} ${kind} is served from Kubernetes ${introduced}; target that version or later.` });
    return;
  }
  if (apiVersion === '' || kind === '' || !own(REMOVED, apiVersion)) return;
  const byKind = REMOVED[apiVersion]!;
  if (!own(byKind, kind)) return;
  const removed = byKind[kind]!;
  if (!atLeast(ctx.settings.k8sVersion, removed.removedIn)) return;
  const fix = removed.note
    ?? `Use apiVersion "${removed.replacement}": ${apiVersion} ${kind} was removed in Kubernetes ${removed.removedIn}; check the fields that changed between the versions.`;
  ctx.report({ path: ['apiVersion'], message: `no matches for kind "${kind}" in version "${apiVersion}"`, fix });
});
