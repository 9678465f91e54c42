import { Anchor } from '../types';
import { outputRule } from '../util/define-rule';
import { Labels, labelsOf, mapSelects, parseLabelSelector, sameNamespace, selects, Selector } from '../util/selector-match';
import { asObject, field } from '../util/values';

/**
 * A PodDisruptionBudget or a Service promises availability; a Deployment or
 * StatefulSet with one replica cannot keep it: its only pod is gone whenever it is
 * restarted, evicted or rescheduled. A budget over one pod either blocks every node
 * drain (minAvailable: 1) or allows the one eviction that takes the app down.
 * Headless Services (clusterIP: None) give pods DNS names and are not reported;
 * neither are Services without a selector. Replicas left unset count as 1 (the API default).
 */
export default outputRule({
  id: 'single-replica-availability',
  layer: 'practice',
  severity: 'warning',
  description: 'A Deployment or StatefulSet behind a PodDisruptionBudget or a Service should run more than one replica.',
  fix: 'Run at least 2 replicas, or drop the PodDisruptionBudget if the downtime of a single pod is acceptable.',
  source: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/ (single-instance stateful applications); kube-score deployment-replicas',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
}, () => {
  const budgets: { namespace?: string; selector: Selector; name?: string }[] = [];
  const services: { namespace?: string; selector: Labels; name?: string }[] = [];
  const workloads: { namespace?: string; labels: Labels; kind: string; name?: string; anchor: Anchor }[] = [];
  return {
    visit(target, anchor) {
      const spec = asObject(field(target.object, 'spec'));
      if (target.kind === 'PodDisruptionBudget') {
        const selector = parseLabelSelector(field(spec, 'selector'));
        if (selector) budgets.push({ namespace: target.namespace, selector, name: target.name });
        return;
      }
      if (target.kind === 'Service') {
        const selector = labelsOf(field(spec, 'selector'));
        if (field(spec, 'clusterIP') !== 'None' && Object.keys(selector).length > 0) {
          services.push({ namespace: target.namespace, selector, name: target.name });
        }
        return;
      }
      if (target.kind !== 'Deployment' && target.kind !== 'StatefulSet') return;
      const replicas = field(spec, 'replicas') ?? 1;
      const pod = target.pods[0];
      if (replicas !== 1 || !pod) return;
      workloads.push({
        namespace: target.namespace, labels: labelsOf(field(pod.metadata, 'labels')), kind: target.kind, name: target.name,
        anchor: anchor(field(spec, 'replicas') === undefined ? ['spec'] : ['spec', 'replicas']),
      });
    },
    finish(ctx) {
      for (const w of workloads) {
        const ns = (x: { namespace?: string }) => sameNamespace(x.namespace, w.namespace);
        const budget = budgets.find((b) => ns(b) && selects(b.selector, w.labels));
        const service = services.find((s) => ns(s) && mapSelects(s.selector, w.labels));
        if (budget) {
          ctx.report(w.anchor, `${w.kind} "${w.name ?? ''}" runs 1 replica, but PodDisruptionBudget "${budget.name ?? ''}" selects its pod; a budget over one pod either blocks every node drain or lets the drain take the app down`);
        } else if (service) {
          ctx.report(w.anchor, `${w.kind} "${w.name ?? ''}" runs 1 replica behind Service "${service.name ?? ''}"; the Service has no endpoint whenever that pod restarts, is evicted or is rescheduled`);
        }
      }
    },
  };
});
