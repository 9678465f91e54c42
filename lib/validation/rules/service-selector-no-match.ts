import { Anchor } from '../types';
import { outputRuleInSteps } from '../util/define-rule';
import { formatLabels, LabelPairIndex, Labels, labelsOf, mapSelects, sameNamespace } from '../util/selector-match';
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
  create() {
    const services: { namespace?: string; selector: Labels; name?: string; anchor: Anchor }[] = [];
    const pods = new LabelPairIndex<{ namespace?: string; labels: Labels }>();
    let podCount = 0;
    return {
      add(record) {
        if (record.pod) {
          pods.add(record.pod, record.pod.labels);
          podCount++;
        } else if (record.service && record.anchor) {
          services.push({ ...record.service, anchor: record.anchor });
        }
      },
      finish(ctx) {
        if (podCount === 0) return;
        for (const s of services) {
          const match = pods.candidatesForAll(s.selector).some((p) => sameNamespace(p.namespace, s.namespace) && mapSelects(s.selector, p.labels));
          if (!match) ctx.report(s.anchor, `Service "${s.name ?? ''}" selects ${formatLabels(s.selector)}, which matches no Pod or pod template in the output; it will have no endpoints`);
        }
      },
    };
  },
});
