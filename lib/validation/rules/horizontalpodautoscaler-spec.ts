import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldRequired } from '../util/k8s-names';
import { isInt } from '../util/object-checks';
import { asObject, field } from '../util/values';

/** HPAScaleToZero is alpha (off) in 1.28, so minReplicas must be at least 1. */
const MIN_REPLICAS_LOWER_BOUND = 1;

export default objectRule({
  id: 'horizontalpodautoscaler-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A HorizontalPodAutoscaler needs minReplicas >= 1, maxReplicas >= 1 and >= minReplicas, and a scaleTargetRef with kind and name.',
  fix: 'Set minReplicas to at least 1, maxReplicas to at least minReplicas, and name the target\'s kind and name.',
  source: 'ValidateHorizontalPodAutoscalerSpec, ValidateCrossVersionObjectReference in pkg/apis/autoscaling/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
  kinds: ['HorizontalPodAutoscaler'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec')) ?? {};
  const min = field(spec, 'minReplicas');
  const max = field(spec, 'maxReplicas') ?? 0;
  if (isInt(min) && min < MIN_REPLICAS_LOWER_BOUND) {
    ctx.report({ path: ['spec', 'minReplicas'], message: fieldInvalid(min, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`) });
  }
  if (isInt(max)) {
    if (max < 1) ctx.report({ path: ['spec', 'maxReplicas'], message: fieldInvalid(max, 'must be greater than 0') });
    if (isInt(min) && max < min) ctx.report({ path: ['spec', 'maxReplicas'], message: fieldInvalid(max, 'must be greater than or equal to `minReplicas`') });
  }
  const ref = asObject(field(spec, 'scaleTargetRef')) ?? {};
  for (const key of ['kind', 'name']) {
    const v = field(ref, key);
    if (v === undefined || v === null || v === '') ctx.report({ path: ['spec', 'scaleTargetRef', key], message: fieldRequired() });
  }
});
