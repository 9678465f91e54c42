import { objectRule } from '../util/define-rule';
import { fieldRequired } from '../util/k8s-names';
import { checkNonNegative, dig, stringEntries } from '../util/object-checks';
import { asObject, field } from '../util/values';
import { checkAlwaysRestartTemplate, goStringMap } from '../util/workload-checks';

/**
 * ValidateReplicationControllerSpec, ValidateNonEmptySelector and
 * ValidatePodTemplateSpecForRC (v1.28), after SetDefaults_ReplicationController:
 * an empty selector takes the template's labels (when the template has a labels
 * map) and replicas defaults to 1. The template's pod spec is checked by the pod
 * rules.
 */
export default objectRule({
  id: 'replicationcontroller-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A ReplicationController needs a template, a non-empty selector matching the template labels, restartPolicy Always and non-negative counts.',
  fix: 'Add a pod template whose labels match spec.selector (or leave the selector unset to use the labels), keep restartPolicy Always, or use a Deployment instead.',
  source: 'ValidateReplicationControllerSpec, ValidateNonEmptySelector, ValidatePodTemplateSpecForRC in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/',
  kinds: ['ReplicationController'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec')) ?? {};
  const report = ctx.report;
  checkNonNegative(field(spec, 'minReadySeconds'), ['spec', 'minReadySeconds'], report);

  const template = asObject(field(spec, 'template'));
  const templateLabels = dig(template, ['metadata', 'labels']);
  let selector = stringEntries(field(spec, 'selector'));
  if (selector.length === 0 && asObject(templateLabels)) selector = stringEntries(templateLabels);
  if (selector.length === 0) report({ path: ['spec', 'selector'], message: fieldRequired() });

  checkNonNegative(field(spec, 'replicas'), ['spec', 'replicas'], report);

  if (!template) {
    report({ path: ['spec', 'template'], message: fieldRequired() });
    return;
  }
  const labels = new Map(stringEntries(templateLabels));
  if (selector.length > 0 && !selector.every(([k, v]) => labels.get(k) === v)) {
    report({ path: ['spec', 'template', 'metadata', 'labels'], message: `Invalid value: ${goStringMap(templateLabels)}: \`selector\` does not match template \`labels\`` });
  }
  checkAlwaysRestartTemplate(spec, ['spec'], report, 'ReplicationController');
});
