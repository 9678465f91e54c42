import { reportCustomResourceProblems } from '../schema/crd-report';
import { objectRule } from '../util/define-rule';

/**
 * The `x-kubernetes-validations` CEL rules of a custom resource's CRD, evaluated as the
 * API server does (message, messageExpression, fieldPath, reason). Rules podwright cannot
 * evaluate are reported by custom-resource-rule-not-evaluated, never passed silently.
 */
export default objectRule({
  id: 'custom-resource-validation-rule',
  layer: 'api-server',
  severity: 'error',
  description: 'A custom resource must pass every x-kubernetes-validations (CEL) rule of its CRD.',
  fix: 'Change the object so that the CRD\'s validation rule holds; the message says what it requires.',
  source: 'k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go and k8s.io/apiserver/pkg/cel/library (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules',
  customResources: true,
}, (ctx) => reportCustomResourceProblems(ctx, 'cel'));
