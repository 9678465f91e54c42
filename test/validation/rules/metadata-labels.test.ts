import rule from '../../../lib/validation/rules/metadata-labels';
import { ruleTester } from '../rule-tester';
import { cronJob, deployment, template } from '../fixtures/objects-2b';

const VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

ruleTester(rule, {
  valid: [
    deployment({}, { name: 'web', labels: { 'app.kubernetes.io/name': 'web', tier: '', 'example.com/v': 'v1.2_3' } }),
    cronJob(),
  ],
  invalid: [
    {
      name: 'bad value on the object',
      object: deployment({}, { name: 'web', labels: { app: 'web server' } }),
      errors: [{ path: 'metadata.labels', message: `Invalid value: "web server": ${VALUE_MSG}` }],
    },
    {
      name: 'bad key on the object',
      object: deployment({}, { name: 'web', labels: { 'Example.com/app': 'x' } }),
      errors: [{ path: 'metadata.labels', message: /^Invalid value: "Example.com\/app": prefix part a lowercase RFC 1123 subdomain/ }],
    },
    {
      name: 'template labels are reported at spec.template.labels',
      object: deployment({ template: template({ app: 'web', v: '-x' }) }),
      errors: [{ path: 'spec.template.labels', message: `Invalid value: "-x": ${VALUE_MSG}` }],
    },
    {
      name: 'CronJob pod template',
      object: cronJob({ jobTemplate: { spec: { template: template({ 'a/b/c': 'x' }, { restartPolicy: 'Never' }) } } }),
      errors: [{ path: 'spec.jobTemplate.spec.template.labels', message: /^Invalid value: "a\/b\/c": a qualified name must consist of/ }],
    },
  ],
});
