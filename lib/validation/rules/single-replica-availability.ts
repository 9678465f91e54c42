import { Anchor } from '../types';
import { outputRuleInSteps } from '../util/define-rule';
import { LabelPairIndex, Labels, labelsOf, mapSelects, parseLabelSelector, sameNamespace, selects, Selector } from '../util/selector-match';
import { asObject, field } from '../util/values';

interface Budget { readonly namespace?: string; readonly selector: Selector; readonly name?: string }
interface Service { readonly namespace?: string; readonly selector: Labels; readonly name?: string }
interface Ordered<T> { readonly order: number; readonly item: T }

/** One PodDisruptionBudget, one Service with a selector (not headless), or one single-replica workload. */
interface AvailabilityRecord {
  readonly budget?: Budget;
  readonly service?: Service;
  readonly workload?: { readonly namespace?: string; readonly labels: Labels; readonly kind: string; readonly name?: string };
  readonly anchor?: Anchor;
}

/**
 * A PodDisruptionBudget or a Service promises availability; a Deployment or
 * StatefulSet with one replica cannot keep it: its only pod is gone whenever it is
 * restarted, evicted or rescheduled. A budget over one pod either blocks every node
 * drain (minAvailable: 1) or allows the one eviction that takes the app down.
 * Headless Services (clusterIP: None) give pods DNS names and are not reported;
 * neither are Services without a selector. Replicas left unset count as 1 (the API default).
 */
export default outputRuleInSteps<AvailabilityRecord>({
  id: 'single-replica-availability',
  layer: 'practice',
  severity: 'warning',
  description: 'A Deployment or StatefulSet behind a PodDisruptionBudget or a Service should run more than one replica.',
  fix: 'Run at least 2 replicas, or drop the PodDisruptionBudget if the downtime of a single pod is acceptable.',
  source: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/ (single-instance stateful applications); kube-score deployment-replicas',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
}, {
  collect(target, anchor, emit) {
    const spec = asObject(field(target.object, 'spec'));
    if (target.kind === 'PodDisruptionBudget') {
      const selector = parseLabelSelector(field(spec, 'selector'));
      if (selector) emit({ budget: { namespace: target.namespace, selector, name: target.name } });
      return;
    }
    if (target.kind === 'Service') {
      const selector = labelsOf(field(spec, 'selector'));
      if (field(spec, 'clusterIP') !== 'None' && Object.keys(selector).length > 0) {
        emit({ service: { namespace: target.namespace, selector, name: target.name } });
      }
      return;
    }
    if (target.kind !== 'Deployment' && target.kind !== 'StatefulSet') return;
    const replicas = field(spec, 'replicas') ?? 1;
    const pod = target.pods[0];
    if (replicas !== 1 || !pod) return;
    emit({
      workload: { namespace: target.namespace, labels: labelsOf(field(pod.metadata, 'labels')), kind: target.kind, name: target.name },
      anchor: anchor(field(spec, 'replicas') === undefined ? ['spec'] : ['spec', 'replicas']),
    });
  },
  create() {
    // Filed under one pair of their selector (a selector that selects a pod has that pair
    // on it), with their order: the first one in the output that selects the pod is named.
    const budgets = new LabelPairIndex<Ordered<Budget>>();
    const services = new LabelPairIndex<Ordered<Service>>();
    let order = 0;
    const workloads: { workload: NonNullable<AvailabilityRecord['workload']>; anchor: Anchor }[] = [];
    const firstPair = (labels: Labels): Labels => {
      for (const k in labels) return { [k]: labels[k]! };
      return {};
    };
    const first = <T>(candidates: readonly Ordered<T>[], test: (item: T) => boolean): T | undefined => {
      let found: Ordered<T> | undefined;
      for (const c of candidates) if ((!found || c.order < found.order) && test(c.item)) found = c;
      return found?.item;
    };
    return {
      add(record) {
        if (record.budget) budgets.add({ order: order++, item: record.budget }, firstPair(record.budget.selector.matchLabels));
        else if (record.service) services.add({ order: order++, item: record.service }, firstPair(record.service.selector));
        else if (record.workload && record.anchor) workloads.push({ workload: record.workload, anchor: record.anchor });
      },
      finish(ctx) {
        for (const { workload: w, anchor } of workloads) {
          const ns = (x: { namespace?: string }) => sameNamespace(x.namespace, w.namespace);
          const budget = first(budgets.candidatesForAny(w.labels), (b) => ns(b) && selects(b.selector, w.labels));
          const service = first(services.candidatesForAny(w.labels), (s) => ns(s) && mapSelects(s.selector, w.labels));
          if (budget) {
            ctx.report(anchor, `${w.kind} "${w.name ?? ''}" runs 1 replica, but PodDisruptionBudget "${budget.name ?? ''}" selects its pod; a budget over one pod either blocks every node drain or lets the drain take the app down`);
          } else if (service) {
            ctx.report(anchor, `${w.kind} "${w.name ?? ''}" runs 1 replica behind Service "${service.name ?? ''}"; the Service has no endpoint whenever that pod restarts, is evicted or is rescheduled`);
          }
        }
      },
    };
  },
});
