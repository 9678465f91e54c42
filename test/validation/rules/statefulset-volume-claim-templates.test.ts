import rule from '../../../lib/validation/rules/statefulset-volume-claim-templates';
import { ruleTester } from '../rule-tester';
import { statefulSet } from '../fixtures/objects-2b';

const claim = (spec: Record<string, unknown>, name: unknown = 'data') => ({ metadata: { name }, spec });

ruleTester(rule, {
  valid: [
    statefulSet({ volumeClaimTemplates: [claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } })] }),
  ],
  invalid: [
    {
      object: statefulSet({ volumeClaimTemplates: [claim({}, null)] }),
      errors: [
        { path: 'spec.volumeClaimTemplates[0].metadata.name', message: 'the API server accepts the StatefulSet, but refuses every Pod its controller creates: Required value' },
        { path: 'spec.volumeClaimTemplates[0].spec.accessModes', message: /would be refused: Required value: at least 1 access mode is required$/ },
        { path: 'spec.volumeClaimTemplates[0].spec.resources[storage]', message: /would be refused: Required value$/ },
      ],
    },
    {
      object: statefulSet({ volumeClaimTemplates: [claim({ accessModes: ['ReadWriteAll'], resources: { requests: { storage: '1Gi' } } })] }),
      errors: [{ path: 'spec.volumeClaimTemplates[0].spec.accessModes', message: /Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"$/ }],
    },
    {
      name: 'two templates with one name make two pod volumes with one name',
      object: statefulSet({ volumeClaimTemplates: [claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }), claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } })] }),
      errors: [{ path: 'spec.volumeClaimTemplates[1].metadata.name', message: 'the API server accepts the StatefulSet, but refuses every Pod its controller creates: Duplicate value: "data"' }],
    },
  ],
});
