import { Anchor } from '../types';
import { outputRuleInSteps } from '../util/define-rule';
import { IntRows } from '../util/compact-records';
import { CompactSelector, compactSelector, compactSelects, Labels, labelsOf, PairIndex, parseLabelSelector, sameNamespaceId, Selector } from '../util/selector-match';
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
  create(_settings, tables) {
    // Kept compact (util/compact-records), in the tables the run's cross-object rules share: numbers per budget and workload, one copy of each string.
    const { strings, labels: sets, anchors } = tables;
    /** Per budget: namespace, selector (in `selectors`). */
    const budgets = new IntRows(2);
    const selectors: CompactSelector[] = [];
    /** Budgets filed under one matchLabels pair: a budget that selects a pod has that pair on it. */
    const byPair = new PairIndex();
    /** Per workload: namespace, label set, replicas (as written), kind, name, anchor. */
    const workloads = new IntRows(6);
    return {
      add(record) {
        if (record.budget) {
          const selector = compactSelector(sets, record.budget.selector);
          const budget = budgets.push(strings.id(record.budget.namespace), selectors.push(selector) - 1);
          if (sets.size(selector.matchLabels) > 0) byPair.add(budget, sets.pair(selector.matchLabels, 0));
          else byPair.addUnkeyed(budget);
        } else if (record.workload && record.anchor) {
          const w = record.workload;
          workloads.push(strings.id(w.namespace), sets.add(w.labels), strings.id(String(w.replicas)), strings.id(w.kind), strings.keep(w.name), anchors.add(record.anchor));
        }
      },
      finish(ctx) {
        for (let w = 0; w < workloads.length; w++) {
          const namespace = workloads.get(w, 0);
          const labels = workloads.get(w, 1);
          const selects = (b: number) => sameNamespaceId(budgets.get(b, 0), namespace) && compactSelects(sets, selectors[budgets.get(b, 1)]!, labels);
          if (byPair.someForLabels(sets, labels, selects)) continue;
          const kind = strings.get(workloads.get(w, 3))!;
          const name = strings.get(workloads.get(w, 4)) ?? '';
          ctx.report(anchors.get(workloads.get(w, 5)), `${kind} "${name}" runs ${strings.get(workloads.get(w, 2))!} replicas but no PodDisruptionBudget in the output selects its pods, and it sets no topologySpreadConstraints or podAntiAffinity; a node drain may evict all replicas at once`);
        }
      },
    };
  },
});
