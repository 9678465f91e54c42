import { Anchor } from '../types';
import { outputRule } from '../util/define-rule';
import { LabelPairIndex, Labels, labelsOf, parseLabelSelector, sameNamespace, selects, Selector } from '../util/selector-match';
import { asObject, field } from '../util/values';

/**
 * A Deployment or StatefulSet with two or more replicas should have a PodDisruptionBudget,
 * so a node drain cannot take all replicas down at once. Workloads that spread their
 * replicas (topologySpreadConstraints or podAntiAffinity) are not reported: a drain of one
 * node then takes down only part of them.
 */
export default outputRule({
  id: 'pdb-missing',
  layer: 'practice',
  severity: 'warning',
  description: 'Replicated Deployments and StatefulSets should have a PodDisruptionBudget (or spread their replicas).',
  fix: 'Add a policy/v1 PodDisruptionBudget whose selector matches the pod template labels (for example maxUnavailable: 1).',
  source: 'Polaris missingPodDisruptionBudget; kube-score deployment-has-poddisruptionbudget, statefulset-has-poddisruptionbudget',
  docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
}, () => {
  const budgets = new LabelPairIndex<{ namespace?: string; selector: Selector }>();
  const workloads: { namespace?: string; labels: Labels; replicas: number; kind: string; name?: string; anchor: Anchor }[] = [];
  return {
    visit(target, anchor) {
      const spec = asObject(field(target.object, 'spec'));
      if (target.kind === 'PodDisruptionBudget') {
        const selector = parseLabelSelector(field(spec, 'selector'));
        // Filed under one matchLabels pair: a budget that selects a pod has that pair on it.
        const [first] = Object.entries(selector?.matchLabels ?? {});
        if (selector) budgets.add({ namespace: target.namespace, selector }, first ? { [first[0]]: first[1] } : {});
        return;
      }
      if (target.kind !== 'Deployment' && target.kind !== 'StatefulSet') return;
      const replicas = field(spec, 'replicas');
      if (typeof replicas !== 'number' || replicas < 2) return;
      const pod = target.pods[0];
      if (!pod) return;
      const spread = field(pod.spec, 'topologySpreadConstraints');
      const antiAffinity = field(field(pod.spec, 'affinity'), 'podAntiAffinity');
      if ((Array.isArray(spread) && spread.length > 0) || (antiAffinity !== undefined && antiAffinity !== null)) return;
      workloads.push({
        namespace: target.namespace, labels: labelsOf(field(pod.metadata, 'labels')), replicas, kind: target.kind, name: target.name,
        anchor: anchor(['spec', 'replicas']),
      });
    },
    finish(ctx) {
      for (const w of workloads) {
        if (budgets.candidatesForAny(w.labels).some((b) => sameNamespace(b.namespace, w.namespace) && selects(b.selector, w.labels))) continue;
        ctx.report(w.anchor, `${w.kind} "${w.name ?? ''}" runs ${w.replicas} replicas but no PodDisruptionBudget in the output selects its pods, and it sets no topologySpreadConstraints or podAntiAffinity; a node drain may evict all replicas at once`);
      }
    },
  };
});
