import { Anchor, Path } from '../types';
import { BitSet, IntRows } from '../util/compact-records';
import { outputRuleInSteps } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { asArray, field } from '../util/values';

type RefKind = 'ConfigMap' | 'Secret' | 'ServiceAccount' | 'PersistentVolumeClaim';
const KINDS: readonly string[] = ['ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim'];
const keyOf = (kind: string, namespace: string | undefined, name: string) => `${kind}\u0000${namespace ?? ''}\u0000${name}`;

/** An object of a referenced kind in the output (`defined`), or one reference a pod makes. */
interface RefRecord {
  readonly defined?: string;
  readonly ref?: { readonly key: string; readonly kind: RefKind; readonly name: string };
  readonly anchor?: Anchor;
}

/**
 * Objects a pod needs before it can start, referenced by name. When they are not in the
 * output they must already exist in the cluster; this says so (info), and skips references
 * marked optional: true, the "default" ServiceAccount, and claims created from a
 * StatefulSet's volumeClaimTemplates.
 */
export default outputRuleInSteps<RefRecord>({
  id: 'reference-not-in-output',
  layer: 'practice',
  severity: 'info',
  description: 'ConfigMaps, Secrets, ServiceAccounts and PersistentVolumeClaims that pods reference should be in the output or already exist.',
  fix: 'Add the referenced object to the output, or make sure it exists in the target namespace before the pods start.',
  source: 'kube-linter non-existent-service-account; kube-score (pod references); kubelet CreateContainerConfigError for a missing ConfigMap/Secret',
  docsUrl: 'https://kubernetes.io/docs/concepts/configuration/configmap/#configmaps-and-pods',
}, {
  collect(target, anchor, emit) {
    if (KINDS.includes(target.kind) && target.name) emit({ defined: keyOf(target.kind, target.namespace, target.name) });
    const claimTemplates = new Set(asArray(field(field(target.object, 'spec'), 'volumeClaimTemplates'))
      .map((t) => field(field(t, 'metadata'), 'name')).filter((n): n is string => typeof n === 'string'));
    for (const pod of target.pods) {
      const add = (kind: RefKind, name: unknown, rel: Path, optional?: unknown) => {
        if (typeof name !== 'string' || name === '' || optional === true) return;
        emit({ ref: { key: keyOf(kind, target.namespace, name), kind, name }, anchor: anchor([...pod.specPath, ...rel]) });
      };
      const sa = field(pod.spec, 'serviceAccountName');
      if (sa !== 'default') add('ServiceAccount', sa, ['serviceAccountName']);
      asArray(field(pod.spec, 'imagePullSecrets')).forEach((s, i) => add('Secret', field(s, 'name'), ['imagePullSecrets', i, 'name']));
      asArray(field(pod.spec, 'volumes')).forEach((v, i) => {
        const cm = field(v, 'configMap');
        add('ConfigMap', field(cm, 'name'), ['volumes', i, 'configMap', 'name'], field(cm, 'optional'));
        const secret = field(v, 'secret');
        add('Secret', field(secret, 'secretName'), ['volumes', i, 'secret', 'secretName'], field(secret, 'optional'));
        const claim = field(field(v, 'persistentVolumeClaim'), 'claimName');
        if (typeof claim !== 'string' || !claimTemplates.has(claim)) add('PersistentVolumeClaim', claim, ['volumes', i, 'persistentVolumeClaim', 'claimName']);
        asArray(field(field(v, 'projected'), 'sources')).forEach((s, j) => {
          const pcm = field(s, 'configMap');
          add('ConfigMap', field(pcm, 'name'), ['volumes', i, 'projected', 'sources', j, 'configMap', 'name'], field(pcm, 'optional'));
          const ps = field(s, 'secret');
          add('Secret', field(ps, 'name'), ['volumes', i, 'projected', 'sources', j, 'secret', 'name'], field(ps, 'optional'));
        });
      });
      for (const c of containersOf(pod.spec)) {
        asArray(field(c.container, 'env')).forEach((e, i) => {
          const from = field(e, 'valueFrom');
          const cm = field(from, 'configMapKeyRef');
          add('ConfigMap', field(cm, 'name'), [...c.path, 'env', i, 'valueFrom', 'configMapKeyRef', 'name'], field(cm, 'optional'));
          const s = field(from, 'secretKeyRef');
          add('Secret', field(s, 'name'), [...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name'], field(s, 'optional'));
        });
        asArray(field(c.container, 'envFrom')).forEach((e, i) => {
          const cm = field(e, 'configMapRef');
          add('ConfigMap', field(cm, 'name'), [...c.path, 'envFrom', i, 'configMapRef', 'name'], field(cm, 'optional'));
          const s = field(e, 'secretRef');
          add('Secret', field(s, 'name'), [...c.path, 'envFrom', i, 'secretRef', 'name'], field(s, 'optional'));
        });
      }
    }
  },
  create(_settings, tables) {
    // Kept compact (util/compact-records), in the tables the run's cross-object rules share: numbers per reference, one copy of each string.
    const { strings, anchors } = tables;
    /** Keys (string numbers) of the objects of referenced kinds in the output. */
    const defined = new BitSet();
    /** Per reference: key, kind, name, anchor. */
    const refs = new IntRows(4);
    return {
      add(record) {
        if (record.defined !== undefined) defined.add(strings.id(record.defined));
        else if (record.ref && record.anchor) refs.push(strings.id(record.ref.key), strings.id(record.ref.kind), strings.keep(record.ref.name), anchors.add(record.anchor));
      },
      finish(ctx) {
        const reported = new Set<string>();
        for (let r = 0; r < refs.length; r++) {
          const key = refs.get(r, 0);
          if (defined.has(key)) continue;
          const anchor = anchors.get(refs.get(r, 3));
          const once = `${strings.get(key)!}\u0000${anchor.object.kind ?? ''}/${anchor.object.name ?? ''}`;
          if (reported.has(once)) continue;
          reported.add(once);
          ctx.report(anchor, `${strings.get(refs.get(r, 1))!} "${strings.get(refs.get(r, 2))!}" is referenced but not in the output; it must already exist in the namespace, or the pod will not start`);
        }
      },
    };
  },
});
