import { Anchor } from '../types';
import { outputRuleInSteps } from '../util/define-rule';
import { IntRows } from '../util/compact-records';
import { Labels, labelsOf, PairIndex, sameNamespaceId } from '../util/selector-match';
import { asObject, field } from '../util/values';

/** The labels of one Pod or pod template, or one Service with a selector. */
interface SelectorRecord {
  readonly pod?: { readonly namespace?: string; readonly labels: Labels };
  readonly service?: { readonly namespace?: string; readonly selector: Labels; readonly name?: string };
  readonly anchor?: Anchor;
}

/**
 * A Service whose selector matches no Pod and no pod template in the output has no endpoints.
 * Only judged when the output holds at least one pod: a file with only Services describes
 * pods that live elsewhere.
 */
export default outputRuleInSteps<SelectorRecord>({
  id: 'service-selector-no-match',
  layer: 'practice',
  severity: 'warning',
  description: 'A Service selector should match the labels of some Pod or pod template in the output.',
  fix: 'Make spec.selector equal to (a subset of) the pod template labels of the workload it fronts.',
  source: 'kube-linter dangling-service; kube-score service-targets-pod',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/service/#services-in-kubernetes',
}, {
  collect(target, anchor, emit) {
    for (const pod of target.pods) emit({ pod: { namespace: target.namespace, labels: labelsOf(field(pod.metadata, 'labels')) } });
    if (target.kind !== 'Service') return;
    const spec = asObject(field(target.object, 'spec'));
    if (field(spec, 'type') === 'ExternalName') return;
    const selector = labelsOf(field(spec, 'selector'));
    if (Object.keys(selector).length === 0) return;
    emit({ service: { namespace: target.namespace, selector, name: target.name }, anchor: anchor(['spec', 'selector']) });
  },
  create(_settings, tables) {
    // Kept compact (util/compact-records), in the tables the run's cross-object rules share: numbers per pod and Service, one copy of each string.
    const { strings, labels: sets, anchors } = tables;
    /** Per pod: namespace, label set; filed under each of its pairs. */
    const pods = new IntRows(2);
    const byPair = new PairIndex();
    /** Per Service: namespace, selector set, name, anchor. */
    const services = new IntRows(4);
    return {
      add(record) {
        if (record.pod) {
          const set = sets.add(record.pod.labels);
          const pod = pods.push(strings.id(record.pod.namespace), set);
          for (let i = 0; i < sets.size(set); i++) byPair.add(pod, sets.pair(set, i));
        } else if (record.service && record.anchor) {
          const s = record.service;
          services.push(strings.id(s.namespace), sets.add(s.selector), strings.keep(s.name), anchors.add(record.anchor));
        }
      },
      finish(ctx) {
        if (pods.length === 0) return;
        for (let s = 0; s < services.length; s++) {
          const namespace = services.get(s, 0);
          const selector = services.get(s, 1);
          // The pods that may carry every pair of the selector: those filed under its rarest pair.
          let rarest = sets.pair(selector, 0);
          for (let i = 1; i < sets.size(selector); i++) {
            const p = sets.pair(selector, i);
            if (byPair.countOf(p) < byPair.countOf(rarest)) rarest = p;
          }
          const match = byPair.someUnder(rarest, (pod) => sameNamespaceId(pods.get(pod, 0), namespace) && sets.subset(selector, pods.get(pod, 1)));
          if (!match) {
            ctx.report(anchors.get(services.get(s, 3)), `Service "${strings.get(services.get(s, 2)) ?? ''}" selects ${sets.format(selector)}, which matches no Pod or pod template in the output; it will have no endpoints`);
          }
        }
      },
    };
  },
});
