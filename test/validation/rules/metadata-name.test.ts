import rule from '../../../lib/validation/rules/metadata-name';
import { ruleTester } from '../rule-tester';
import { cronJob, deployment, service, statefulSet } from '../fixtures/objects-2b';

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

ruleTester(rule, {
  valid: [
    deployment(),
    deployment({}, { name: 'web.example.com' }),
    { name: 'generateName only, trailing dash', object: deployment({}, { generateName: 'web-' }) },
    service(),
    cronJob({}, { name: 'a'.repeat(52) }),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
  ],
  invalid: [
    {
      name: 'job-tmpl.yaml placeholder',
      object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'process-item-$ITEM' } },
      errors: [{ path: 'metadata.name', message: `Invalid value: "process-item-$ITEM": ${SUBDOMAIN}` }],
    },
    { name: 'no name', object: deployment({}, {}), errors: [{ path: 'metadata.name', message: 'Required value: name or generateName is required' }] },
    { name: 'upper case', object: deployment({}, { name: 'Web' }), errors: [{ path: 'metadata.name', message: /^Invalid value: "Web": a lowercase RFC 1123 subdomain/ }] },
    {
      name: 'Service names are DNS-1035 labels',
      object: service({}, { name: '1web' }),
      errors: [{ path: 'metadata.name', message: /^Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/ }],
    },
    {
      name: 'StatefulSet names are DNS-1123 labels (no dots)',
      object: statefulSet({}, { name: 'db.example' }),
      errors: [{ path: 'metadata.name', message: /^Invalid value: "db.example": a lowercase RFC 1123 label must consist/ }],
    },
    {
      name: 'bad generateName',
      object: deployment({}, { generateName: 'Web_' }),
      errors: [{ path: 'metadata.generateName', message: /^Invalid value: "Web_": a lowercase RFC 1123 subdomain/ }],
    },
    {
      name: 'CronJob name over 52 characters',
      object: cronJob({}, { name: 'a'.repeat(53) }),
      errors: [{ path: 'metadata.name', message: `Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters` }],
    },
  ],
});
