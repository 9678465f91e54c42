import { Anchor } from '../types';
import { outputRuleInSteps } from '../util/define-rule';
import { LabelPairIndex, Labels, labelsOf, parseLabelSelector, sameNamespace, selects, Selector } from '../util/selector-match';
import { asObject, field } from '../util/values';

interface Budget { readonly namespace?: string; readonly selector: Selector }
interface Workload { readonly namespace?: string; readonly labels: Labels; readonly replicas: number; readonly kind: string; readonly name?: string }
/** One PodDisruptionBudget, or one replicated workload that does not spread its replicas. */
interface PdbRecord { readonly budget?: Budget; readonly workload?: Workload; readonly anchor?: Anchor }

/**
 * A Deployment or StatefulSet with two or more replicas should have a PodDisruptionBudget,
 * so a node drain cannot take all replicas down at once. Workloads that spread their
 * replicas (topologySpreadConstraints or podAntiAffinity) are not reported: a drain of one
 * node then takes down only part of them.
 */
export default outputRuleInSteps<PdbRecord>({
  id: 'pdb-missing',
  layer: 'practice',
  severity: 'warning',
  description: 'Replicated Deployments and StatefulSets should have a PodDisruptionBudget (or spread their replicas).',
  fix: 'Add a policy/v1 PodDisruptionBudget whose selector matches the pod template labels (for example maxUnavailable: 1).',
  source: 'Polaris missingPodDisruptionBudget; kube-score deployment-has-poddisruptionbudget, statefulset-has-poddisruptionbudget',
  docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
}, {
  collect(target, anchor, emit) {
    const spec = asObject(field(target.object, 'spec'));
    if (target.kind === 'PodDisruptionBudget') {
      const selector = parseLabelSelector(field(spec, 'selector'));
      if (selector) emit({ budget: { namespace: target.namespace, selector } });
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
    emit({
      workload: { namespace: target.namespace, labels: labelsOf(field(pod.metadata, 'labels')), replicas, kind: target.kind, name: target.name },
      anchor: anchor(['spec', 'replicas']),
    });
  },
  create() {
    const budgets = new LabelPairIndex<Budget>();
    const workloads: { workload: Workload; anchor: Anchor }[] = [];
    return {
      add(record) {
        if (record.budget) {
          // Filed under one matchLabels pair: a budget that selects a pod has that pair on it.
          const [first] = Object.entries(record.budget.selector.matchLabels);
          budgets.add(record.budget, first ? { [first[0]]: first[1] } : {});
        } else if (record.workload && record.anchor) {
          workloads.push({ workload: record.workload, anchor: record.anchor });
        }
      },
      finish(ctx) {
        for (const { workload: w, anchor } of workloads) {
          if (budgets.candidatesForAny(w.labels).some((b) => sameNamespace(b.namespace, w.namespace) && selects(b.selector, w.labels))) continue;
          ctx.report(anchor, `${w.kind} "${w.name ?? ''}" runs ${w.replicas} replicas but no PodDisruptionBudget in the output selects its pods, and it sets no topologySpreadConstraints or podAntiAffinity; a node drain may evict all replicas at once`);
        }
      },
    };
  },
});
