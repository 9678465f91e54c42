import { Anchor } from '../types';
import { outputRuleInSteps } from '../util/define-rule';
import { IntRows } from '../util/compact-records';
import { CompactSelector, compactSelector, compactSelects, Labels, labelsOf, PairIndex, parseLabelSelector, sameNamespaceId, Selector } from '../util/selector-match';
import { asObject, field } from '../util/values';

interface Budget { readonly namespace?: string; readonly selector: Selector; readonly name?: string }
interface Service { readonly namespace?: string; readonly selector: Labels; readonly name?: string }

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
  create(_settings, tables) {
    // Kept compact (util/compact-records), in the tables the run's cross-object rules share: numbers per budget, Service and workload, one copy of each string.
    const { strings, labels: sets, anchors } = tables;
    // Budgets and Services are filed under one pair of their selector (a selector that
    // selects a pod has that pair on it), with their order: the first one in the output
    // that selects the pod is named.
    let order = 0;
    /** Per budget: order, namespace, selector (in `selectors`), name. */
    const budgets = new IntRows(4);
    const selectors: CompactSelector[] = [];
    const budgetsByPair = new PairIndex();
    /** Per Service: order, namespace, selector set, name. */
    const services = new IntRows(4);
    const servicesByPair = new PairIndex();
    /** Per workload: namespace, label set, kind, name, anchor. */
    const workloads = new IntRows(5);
    const file = (index: PairIndex, item: number, set: number) => {
      if (sets.size(set) > 0) index.add(item, sets.pair(set, 0));
      else index.addUnkeyed(item);
    };
    /** The item of least order among those filed under a pair of `labels` (or unkeyed) that pass `test`; -1 for none. */
    const first = (index: PairIndex, rows: IntRows, labels: number, test: (item: number) => boolean): number => {
      let found = -1;
      const consider = (item: number) => {
        if ((found === -1 || rows.get(item, 0) < rows.get(found, 0)) && test(item)) found = item;
        return false;
      };
      index.someForLabels(sets, labels, consider);
      return found;
    };
    return {
      add(record) {
        if (record.budget) {
          const b = record.budget;
          const selector = compactSelector(sets, b.selector);
          file(budgetsByPair, budgets.push(order++, strings.id(b.namespace), selectors.push(selector) - 1, strings.keep(b.name)), selector.matchLabels);
        } else if (record.service) {
          const s = record.service;
          const set = sets.add(s.selector);
          file(servicesByPair, services.push(order++, strings.id(s.namespace), set, strings.keep(s.name)), set);
        } else if (record.workload && record.anchor) {
          const w = record.workload;
          workloads.push(strings.id(w.namespace), sets.add(w.labels), strings.id(w.kind), strings.keep(w.name), anchors.add(record.anchor));
        }
      },
      finish(ctx) {
        for (let w = 0; w < workloads.length; w++) {
          const namespace = workloads.get(w, 0);
          const labels = workloads.get(w, 1);
          const budget = first(budgetsByPair, budgets, labels, (b) => sameNamespaceId(budgets.get(b, 1), namespace) && compactSelects(sets, selectors[budgets.get(b, 2)]!, labels));
          const service = budget !== -1 ? -1 : first(servicesByPair, services, labels, (s) => sameNamespaceId(services.get(s, 1), namespace) && sets.subset(services.get(s, 2), labels));
          if (budget === -1 && service === -1) continue;
          const kind = strings.get(workloads.get(w, 2))!;
          const name = strings.get(workloads.get(w, 3)) ?? '';
          const anchor = anchors.get(workloads.get(w, 4));
          if (budget !== -1) {
            ctx.report(anchor, `${kind} "${name}" runs 1 replica, but PodDisruptionBudget "${strings.get(budgets.get(budget, 3)) ?? ''}" selects its pod; a budget over one pod either blocks every node drain or lets the drain take the app down`);
          } else {
            ctx.report(anchor, `${kind} "${name}" runs 1 replica behind Service "${strings.get(services.get(service, 3)) ?? ''}"; the Service has no endpoint whenever that pod restarts, is evicted or is rescheduled`);
          }
        }
      },
    };
  },
});
