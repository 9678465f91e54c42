import { objectRule } from '../util/define-rule';
import { checkNonNegative } from '../util/object-checks';
import { asObject, field } from '../util/values';
import { checkAlwaysRestartTemplate, checkWorkloadSelector } from '../util/workload-checks';

export default objectRule({
  id: 'replicaset-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A ReplicaSet spec must pass the API server: selector matching the template labels, restartPolicy Always, counts.',
  fix: 'Give the ReplicaSet a non-empty selector matching the template labels and restartPolicy Always (or use a Deployment).',
  source: 'ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet in pkg/apis/apps/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/',
  kinds: ['ReplicaSet'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  checkNonNegative(field(spec, 'replicas'), ['spec', 'replicas'], ctx.report);
  checkNonNegative(field(spec, 'minReadySeconds'), ['spec', 'minReadySeconds'], ctx.report);
  // The server's message says "deployment" for ReplicaSets too.
  checkWorkloadSelector(spec, ['spec'], ctx.report, { kindWord: 'deployment', invalidDetail: 'invalid label selector', required: true });
  checkAlwaysRestartTemplate(spec, ['spec'], ctx.report, 'ReplicaSet');
});
