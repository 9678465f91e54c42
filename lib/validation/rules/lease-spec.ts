import { objectRule } from '../util/define-rule';
import { fieldInvalid } from '../util/k8s-names';
import { asObject, field } from '../util/values';

/**
 * A Lease's leaseDurationSeconds is above zero and its leaseTransitions not negative.
 * Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'lease-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A Lease\'s leaseDurationSeconds must be greater than 0 and leaseTransitions at least 0.',
  fix: 'Set spec.leaseDurationSeconds to a positive number of seconds (e.g. 15) and leaseTransitions to 0 or more.',
  source: 'ValidateLeaseSpec in pkg/apis/coordination/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/architecture/leases/',
  kinds: ['Lease'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const duration = field(spec, 'leaseDurationSeconds');
  if (typeof duration === 'number' && duration <= 0) ctx.report({ path: ['spec', 'leaseDurationSeconds'], message: fieldInvalid(duration, 'must be greater than 0') });
  const transitions = field(spec, 'leaseTransitions');
  if (typeof transitions === 'number' && transitions < 0) ctx.report({ path: ['spec', 'leaseTransitions'], message: fieldInvalid(transitions, 'must be greater than or equal to 0') });
});
