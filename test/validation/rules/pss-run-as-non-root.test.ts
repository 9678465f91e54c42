import rule from '../../../lib/validation/rules/pss-run-as-non-root';
import { BASELINE, goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const nonRoot = (name: string, v: boolean) => goodContainer(name, { securityContext: { runAsNonRoot: v } });

ruleTester(rule, {
  valid: [
    pod(restrictedSpec()),
    { name: 'set on every container, not on the pod', object: pod({ containers: [nonRoot('a', true)], initContainers: [nonRoot('i', true)] }) },
    { object: pod({ containers: [{ name: 'app', image: 'x' }] }), config: BASELINE },
  ],
  invalid: [
    { object: pod({ containers: [{ name: 'app', image: 'x' }] }),
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)' }] },
    { name: 'container false overrides the pod', object: pod(restrictedSpec({ containers: [nonRoot('app', false)] })),
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'runAsNonRoot != true (container "app" must not set securityContext.runAsNonRoot=false)' }] },
    { name: 'pod false, container true', object: pod({ securityContext: { runAsNonRoot: false }, containers: [nonRoot('app', true)] }),
      errors: [{ path: 'spec.securityContext.runAsNonRoot', message: 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)' }] },
    { name: 'explicit false wins over implicit', object: pod({ containers: [nonRoot('a', false), { name: 'b', image: 'x' }] }),
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'runAsNonRoot != true (container "a" must not set securityContext.runAsNonRoot=false)' }] },
  ],
});
