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
    // Labelled by kube-apiserver v1.28.15 (dry-run create, 201): RBAC names are path segments.
    ...['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map((kind) => ({
      name: `${kind} "Upper_Case"`, object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: 'Upper_Case' } },
    })),
  ],
  invalid: [
    // Labelled by kube-apiserver v1.28.15 (dry-run create, 422), with its messages.
    { name: 'Role "a%b"', object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'a%b' } }, errors: [{ path: 'metadata.name', message: 'Invalid value: "a%b": may not contain \'%\'' }] },
    { name: 'ClusterRoleBinding ".."', object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: '..' } }, errors: [{ path: 'metadata.name', message: 'Invalid value: "..": may not be \'..\'' }] },
    ...([
      ['v1', 'ServiceAccount'], ['v1', 'PersistentVolume'], ['v1', 'PersistentVolumeClaim'], ['v1', 'ResourceQuota'], ['v1', 'LimitRange'],
      ['v1', 'Endpoints'], ['v1', 'Node'], ['storage.k8s.io/v1', 'StorageClass'], ['storage.k8s.io/v1', 'CSIDriver'], ['scheduling.k8s.io/v1', 'PriorityClass'],
      ['networking.k8s.io/v1', 'IngressClass'], ['discovery.k8s.io/v1', 'EndpointSlice'], ['coordination.k8s.io/v1', 'Lease'],
      ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'], ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
      ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema'], ['node.k8s.io/v1', 'RuntimeClass'], ['events.k8s.io/v1', 'Event'], ['apps/v1', 'ControllerRevision'],
    ] as const).map(([apiVersion, kind]) => ({
      name: `${kind} "Upper_Case"`,
      object: { apiVersion, kind, metadata: { name: 'Upper_Case' } },
      errors: [{ path: 'metadata.name', message: `Invalid value: "Upper_Case": ${SUBDOMAIN}` }],
    })),
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
