import { Path } from '../types';
import { objectRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Label, isQualifiedName } from '../util/k8s-names';
import { Report, isInt } from '../util/object-checks';
import { parseQuantity } from '../util/pod-validation';
import { asArray, asObject, field } from '../util/values';

/** HPAScaleToZero is alpha (off) in 1.28, so minReplicas must be at least 1. */
const MIN_REPLICAS_LOWER_BOUND = 1;
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
/** MetricSpec source field for each type, in the order validateMetricSpec looks at them. */
const SOURCE_FIELDS: readonly (readonly [string, string])[] = [
  ['Object', 'object'], ['External', 'external'], ['Pods', 'pods'], ['Resource', 'resource'], ['ContainerResource', 'containerResource'],
];
const TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const isSet = (v: unknown) => v !== undefined && v !== null;

/** IsValidPathSegmentName (apimachinery/pkg/api/validation/path). */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/** ValidateCrossVersionObjectReference: kind and name required, each a valid path segment. */
function checkObjectReference(ref: unknown, p: Path, report: Report): void {
  for (const key of ['kind', 'name']) {
    const v = field(ref, key);
    if (v === undefined || v === null || v === '') report({ path: [...p, key], message: fieldRequired() });
    else if (typeof v === 'string') for (const msg of pathSegmentErrors(v)) report({ path: [...p, key], message: fieldInvalid(v, msg) });
  }
}

/** validateMetricIdentifier. */
function checkMetricIdentifier(metric: unknown, p: Path, report: Report): void {
  const name = field(metric, 'name');
  if (name === undefined || name === null || name === '') report({ path: [...p, 'name'], message: fieldRequired('must specify a metric name') });
  else if (typeof name === 'string') for (const msg of pathSegmentErrors(name)) report({ path: [...p, 'name'], message: fieldInvalid(name, msg) });
}

/**
 * validateMetricTarget. The server prints a bad quantity as a Go struct; the
 * value is shown here as written.
 */
function checkMetricTarget(target: unknown, p: Path, report: Report): void {
  const type = field(target, 'type') ?? '';
  if (type === '') report({ path: [...p, 'type'], message: fieldRequired('must specify a metric target type') });
  if (typeof type === 'string' && !TARGET_TYPES.includes(type)) {
    report({ path: [...p, 'type'], message: fieldInvalid(type, 'must be either Utilization, Value, or AverageValue') });
  }
  for (const key of ['value', 'averageValue']) {
    const q = field(target, key);
    const n = parseQuantity(q);
    if (n !== undefined && !(n > 0)) report({ path: [...p, key], message: fieldInvalid(q, 'must be positive') });
  }
  const util = field(target, 'averageUtilization');
  if (isInt(util) && util < 1) report({ path: [...p, 'averageUtilization'], message: fieldInvalid(util, 'must be greater than 0') });
}

/** The per-source checks of validateMetricSpec (validateObjectSource, validateExternalSource, ...). */
function checkSource(kind: string, src: unknown, p: Path, report: Report): void {
  const target = field(src, 'target');
  const tp = [...p, 'target'];
  const has = (k: string) => isSet(field(target, k));
  switch (kind) {
    case 'object':
      checkObjectReference(field(src, 'describedObject'), [...p, 'describedObject'], report);
      checkMetricIdentifier(field(src, 'metric'), [...p, 'metric'], report);
      checkMetricTarget(target, tp, report);
      if (!has('value') && !has('averageValue')) report({ path: [...tp, 'averageValue'], message: fieldRequired('must set either a target value or averageValue') });
      break;
    case 'external':
      checkMetricIdentifier(field(src, 'metric'), [...p, 'metric'], report);
      checkMetricTarget(target, tp, report);
      if (!has('value') && !has('averageValue')) report({ path: [...tp, 'averageValue'], message: fieldRequired('must set either a target value for metric or a per-pod target') });
      if (has('value') && has('averageValue')) report({ path: [...tp, 'value'], message: fieldForbidden('may not set both a target value for metric and a per-pod target') });
      break;
    case 'pods':
      checkMetricIdentifier(field(src, 'metric'), [...p, 'metric'], report);
      checkMetricTarget(target, tp, report);
      if (!has('averageValue')) report({ path: [...tp, 'averageValue'], message: fieldRequired('must specify a positive target averageValue') });
      break;
    default: {
      // resource and containerResource
      const name = field(src, 'name');
      if (name === undefined || name === null || name === '') report({ path: [...p, 'name'], message: fieldRequired('must specify a resource name') });
      if (kind === 'containerResource') {
        // validateContainerResourceSource checks the resource name; validateResourceSource does not.
        if (typeof name === 'string' && name !== '') {
          for (const msg of isQualifiedName(name)) report({ path: [...p, 'name'], message: fieldInvalid(name, msg) });
          if (!name.includes('/') && !isStandardResourceName(name)) report({ path: [...p, 'name'], message: fieldInvalid(name, 'must be a standard resource type or fully qualified') });
        }
        const container = field(src, 'container');
        if (container === undefined || container === null || container === '') {
          report({ path: [...p, 'container'], message: fieldRequired('must specify a container') });
        } else if (typeof container === 'string') {
          for (const msg of isDNS1123Label(container)) report({ path: [...p, 'container'], message: fieldInvalid(container, msg) });
        }
      }
      checkMetricTarget(target, tp, report);
      if (!has('averageUtilization') && !has('averageValue')) {
        report({ path: [...tp, 'averageUtilization'], message: fieldRequired('must set either a target raw value or a target utilization') });
      }
      if (has('averageUtilization') && has('averageValue')) {
        report({ path: [...tp, 'averageValue'], message: fieldForbidden('may not set both a target raw value and a target utilization') });
      }
    }
  }
}

/** IsStandardResourceName (pkg/apis/core/helper/helpers.go, v1.28), the container resources part. */
const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'requests.storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage']);
function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

/** validateMetricSpec (duplicate messages collapse, as ToAggregate does). */
function checkMetric(metric: Record<string, unknown>, p: Path, report: Report): void {
  const type = field(metric, 'type') ?? '';
  if (type === '') report({ path: [...p, 'type'], message: fieldRequired('must specify a metric source type') });
  if (typeof type === 'string' && !METRIC_SOURCE_TYPES.includes(type)) {
    report({ path: [...p, 'type'], message: fieldNotSupported(type, METRIC_SOURCE_TYPES) });
  }
  const present = SOURCE_FIELDS.filter(([, key]) => isSet(field(metric, key))).map(([, key]) => key);
  const first = present[0];
  if (first !== undefined) checkSource(first, field(metric, first), [...p, first], report);
  const expected = SOURCE_FIELDS.find(([t]) => t === type)?.[1];
  if (expected !== undefined && !present.includes(expected)) {
    report({ path: [...p, expected], message: fieldRequired('must populate information for the given metric source') });
  }
  if (present.length > 1) {
    // The server walks a Go map here; the order is sorted for stable output.
    for (const key of present.filter((k) => k !== expected).sort()) {
      report({ path: [...p, key], message: fieldForbidden('must populate the given metric source only') });
    }
  }
}

/** validateScalingRules and validateScalingPolicy, after SetDefaults_HorizontalPodAutoscalerBehavior (policies unset take the defaults). */
function checkScalingRules(rules: Record<string, unknown>, p: Path, report: Report): void {
  const window = field(rules, 'stabilizationWindowSeconds');
  if (isInt(window) && window < 0) report({ path: [...p, 'stabilizationWindowSeconds'], message: fieldInvalid(window, 'must be greater than or equal to zero') });
  if (isInt(window) && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    report({ path: [...p, 'stabilizationWindowSeconds'], message: fieldInvalid(window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`) });
  }
  const select = field(rules, 'selectPolicy');
  if (typeof select === 'string' && !SELECT_POLICIES.includes(select)) {
    report({ path: [...p, 'selectPolicy'], message: fieldNotSupported(select, SELECT_POLICIES) });
  }
  const policies = field(rules, 'policies');
  if (!isSet(policies)) return;
  const list = asArray(policies);
  if (list.length === 0) report({ path: [...p, 'policies'], message: fieldRequired('must specify at least one Policy') });
  list.forEach((raw, i) => {
    const policy = asObject(raw) ?? {};
    const pp = [...p, 'policies', i];
    const type = field(policy, 'type') ?? '';
    if (typeof type === 'string' && !POLICY_TYPES.includes(type)) report({ path: [...pp, 'type'], message: fieldNotSupported(type, POLICY_TYPES) });
    const value = field(policy, 'value') ?? 0;
    if (isInt(value) && value <= 0) report({ path: [...pp, 'value'], message: fieldInvalid(value, 'must be greater than zero') });
    const period = field(policy, 'periodSeconds') ?? 0;
    if (isInt(period) && period <= 0) report({ path: [...pp, 'periodSeconds'], message: fieldInvalid(period, 'must be greater than zero') });
    if (isInt(period) && period > MAX_PERIOD_SECONDS) {
      report({ path: [...pp, 'periodSeconds'], message: fieldInvalid(period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`) });
    }
  });
}

export default objectRule({
  id: 'horizontalpodautoscaler-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A HorizontalPodAutoscaler needs valid replica bounds, a scaleTargetRef with kind and name, well-formed metrics and scaling behavior.',
  fix: 'Set minReplicas to at least 1 and maxReplicas to at least minReplicas, name the target\'s kind and name, give each metric the source its type names with a matching target, and keep behavior policies positive.',
  source: 'ValidateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerSpec, ValidateCrossVersionObjectReference, validateMetricSpec, validateMetricTarget, validateScalingRules, validateScalingPolicy in pkg/apis/autoscaling/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
  kinds: ['HorizontalPodAutoscaler'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec')) ?? {};
  const report = ctx.report;
  const min = field(spec, 'minReplicas');
  const max = field(spec, 'maxReplicas') ?? 0;
  if (isInt(min) && min < MIN_REPLICAS_LOWER_BOUND) {
    report({ path: ['spec', 'minReplicas'], message: fieldInvalid(min, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`) });
  }
  if (isInt(max)) {
    if (max < 1) report({ path: ['spec', 'maxReplicas'], message: fieldInvalid(max, 'must be greater than 0') });
    if (isInt(min) && max < min) report({ path: ['spec', 'maxReplicas'], message: fieldInvalid(max, 'must be greater than or equal to `minReplicas`') });
  }
  checkObjectReference(asObject(field(spec, 'scaleTargetRef')) ?? {}, ['spec', 'scaleTargetRef'], report);

  if (ctx.target.apiVersion === 'autoscaling/v1') {
    // Convert_v1_HorizontalPodAutoscalerSpec_To_autoscaling_HorizontalPodAutoscalerSpec turns the
    // CPU target into metrics[0]; the server reports it under that internal path.
    const cpu = field(spec, 'targetCPUUtilizationPercentage');
    if (isInt(cpu) && cpu < 1) {
      report({ path: ['spec', 'metrics', 0, 'resource', 'target', 'averageUtilization'], message: fieldInvalid(cpu, 'must be greater than 0') });
    }
    return;
  }

  asArray(field(spec, 'metrics')).forEach((raw, i) => {
    const metric = asObject(raw);
    if (metric) checkMetric(metric, ['spec', 'metrics', i], report);
  });
  const behavior = asObject(field(spec, 'behavior'));
  for (const key of ['scaleUp', 'scaleDown']) {
    const rules = asObject(field(behavior, key));
    if (rules) checkScalingRules(rules, ['spec', 'behavior', key], report);
  }
});
