import rule from '../../../lib/validation/rules/horizontalpodautoscaler-spec';
import { ruleTester } from '../rule-tester';
import { hpa } from '../fixtures/objects-2b';

const cpu = (target: Record<string, unknown>) => ({ type: 'Resource', resource: { name: 'cpu', target } });

ruleTester(rule, {
  valid: [
    hpa({}),
    hpa({ minReplicas: 1, maxReplicas: 1 }),
    hpa({
      metrics: [
        cpu({ type: 'Utilization', averageUtilization: 50 }),
        { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } },
        { type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10k' } } },
        { type: 'External', external: { metric: { name: 'queue_messages' }, target: { type: 'AverageValue', averageValue: 30 } } },
        { type: 'ContainerResource', containerResource: { name: 'memory', container: 'app', target: { type: 'AverageValue', averageValue: '500Mi' } } },
      ],
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 3600, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 10, periodSeconds: 1800 }] },
        scaleUp: { selectPolicy: 'Disabled' },
      },
    }),
    { name: 'v1 CPU target', object: { ...hpa({ targetCPUUtilizationPercentage: 80 }), apiVersion: 'autoscaling/v1' } },
  ],
  invalid: [
    { object: hpa({ minReplicas: 0 }), errors: [{ path: 'spec.minReplicas', message: 'Invalid value: 0: must be greater than or equal to 1' }] },
    { object: hpa({ minReplicas: 3, maxReplicas: 2 }), errors: [{ path: 'spec.maxReplicas', message: 'Invalid value: 2: must be greater than or equal to `minReplicas`' }] },
    { object: hpa({ maxReplicas: undefined }), errors: [{ path: 'spec.maxReplicas', message: 'Invalid value: 0: must be greater than 0' }] },
    { object: hpa({ scaleTargetRef: { kind: 'Deployment' } }), errors: [{ path: 'spec.scaleTargetRef.name', message: 'Required value' }] },
    { object: hpa({ scaleTargetRef: { kind: 'apps/Deployment', name: 'web' } }), errors: [{ path: 'spec.scaleTargetRef.kind', message: 'Invalid value: "apps/Deployment": may not contain \'/\'' }] },
    {
      name: 'v1 targetCPUUtilizationPercentage is checked as the converted metric',
      object: { ...hpa({ targetCPUUtilizationPercentage: 0 }), apiVersion: 'autoscaling/v1' },
      errors: [{ path: 'spec.metrics[0].resource.target.averageUtilization', message: 'Invalid value: 0: must be greater than 0' }],
    },
    {
      name: 'metric type and source',
      object: hpa({ metrics: [{ type: 'Memory' }, { type: 'Resource', pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: 1 } } }] }),
      errors: [
        { path: 'spec.metrics[0].type', message: 'Unsupported value: "Memory": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"' },
        { path: 'spec.metrics[1].resource', message: 'Required value: must populate information for the given metric source' },
      ],
    },
    {
      name: 'only the first source present (object, external, pods, resource, containerResource) is checked',
      object: hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 0 } }, containerResource: {} }] }),
      errors: [
        { path: 'spec.metrics[0].resource.target.type', message: 'Required value: must specify a metric target type' },
        { path: 'spec.metrics[0].resource.target.type', message: 'Invalid value: "": must be either Utilization, Value, or AverageValue' },
        { path: 'spec.metrics[0].resource.target.averageUtilization', message: 'Invalid value: 0: must be greater than 0' },
        { path: 'spec.metrics[0].containerResource', message: 'Forbidden: must populate the given metric source only' },
      ],
    },
    {
      object: hpa({ metrics: [cpu({ type: 'Utilization' }), { type: 'Pods', pods: { metric: {}, target: { type: 'Value', value: '0' } } }] }),
      errors: [
        { path: 'spec.metrics[0].resource.target.averageUtilization', message: 'Required value: must set either a target raw value or a target utilization' },
        { path: 'spec.metrics[1].pods.metric.name', message: 'Required value: must specify a metric name' },
        { path: 'spec.metrics[1].pods.target.value', message: 'Invalid value: "0": must be positive' },
        { path: 'spec.metrics[1].pods.target.averageValue', message: 'Required value: must specify a positive target averageValue' },
      ],
    },
    {
      object: hpa({ behavior: { scaleUp: { stabilizationWindowSeconds: 3601, selectPolicy: 'Average', policies: [{ type: 'Replicas', value: 0, periodSeconds: 1801 }] }, scaleDown: { policies: [] } } }),
      errors: [
        { path: 'spec.behavior.scaleUp.stabilizationWindowSeconds', message: 'Invalid value: 3601: must be less than or equal to 3600' },
        { path: 'spec.behavior.scaleUp.selectPolicy', message: 'Unsupported value: "Average": supported values: "Disabled", "Max", "Min"' },
        { path: 'spec.behavior.scaleUp.policies[0].type', message: 'Unsupported value: "Replicas": supported values: "Percent", "Pods"' },
        { path: 'spec.behavior.scaleUp.policies[0].value', message: 'Invalid value: 0: must be greater than zero' },
        { path: 'spec.behavior.scaleUp.policies[0].periodSeconds', message: 'Invalid value: 1801: must be less than or equal to 1800' },
        { path: 'spec.behavior.scaleDown.policies', message: 'Required value: must specify at least one Policy' },
      ],
    },
  ],
});
