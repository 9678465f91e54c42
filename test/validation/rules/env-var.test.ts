import rule from '../../../lib/validation/rules/env-var';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer({ env: [{ name: 'A', value: 'x' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }, { name: 'IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } }, { name: 'MEM', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory' } } }, { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] })),
    { name: 'a relaxed name from 1.32', object: pod(oneContainer({ env: [{ name: '1A B.c-d!', value: 'x' }] })), config: { k8sVersion: '1.32' } },
  ],
  invalid: [
    // RelaxedEnvironmentVariableValidation (KEP-4369) is on by default from 1.32: any printable ASCII but '='.
    { name: 'a relaxed name before 1.32', object: pod(oneContainer({ env: [{ name: '1A B', value: 'x' }] })), config: { k8sVersion: '1.31' }, errors: [{ path: 'spec.containers[0].env[0].name', message: /^Invalid value: "1A B": a valid environment variable name must consist of alphabetic characters/ }] },
    { name: "'=' from 1.32", object: pod(oneContainer({ env: [{ name: 'A=B', value: 'x' }] })), config: { k8sVersion: '1.32' }, errors: [{ path: 'spec.containers[0].env[0].name', message: 'Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'' }] },
    { name: 'non-ASCII from 1.32', object: pod(oneContainer({ env: [{ name: 'NAMÉ', value: 'x' }] })), config: { k8sVersion: '1.33' }, errors: [{ path: 'spec.containers[0].env[0].name', message: /printable ASCII characters other than '='$/ }] },
    { object: pod(oneContainer({ env: [{ name: '1A', value: 'x' }] })), errors: [{ path: 'spec.containers[0].env[0].name', message: /^Invalid value: "1A": a valid environment variable name must consist of alphabetic characters/ }] },
    { object: pod(oneContainer({ env: [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] })), errors: [{ path: 'spec.containers[0].env[0].valueFrom', message: 'Invalid value: "": may not be specified when `value` is not empty' }] },
    { object: pod(oneContainer({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' }, configMapKeyRef: { name: 'c', key: 'k' } } }] })), errors: [{ path: 'spec.containers[0].env[0].valueFrom', message: 'Invalid value: "": may not have more than one field specified at a time' }] },
    { object: pod(oneContainer({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } }] })), errors: [{ path: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', message: /^Unsupported value: "status.phase": supported values: "metadata.name"/ }] },
    { object: pod(oneContainer({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.nope' } } }] })), errors: [{ path: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', message: 'Invalid value: "spec.nope": error converting fieldPath: field label not supported: spec.nope' }] },
    { object: pod(oneContainer({ env: [{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }] })), errors: [{ path: 'spec.containers[0].env[0].valueFrom.resourceFieldRef.resource', message: /^Unsupported value: "limits.gpu"/ }] },
  ],
});
