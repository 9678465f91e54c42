import { podRule } from '../util/define-rule';
import { containersOf, ContainerSite } from '../util/containers';
import { fieldInvalid, fieldRequired, isHTTPHeaderName, isValidPortName, isValidPortNum } from '../util/k8s-names';
import { handlerErrors, intField, SpecError } from '../util/pod-validation';
import { Path } from '../types';
import { asArray, asString, field, isObject } from '../util/values';
import { atLeast } from '../util/version';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket'];

/** ValidatePortNumOrName. */
function portNumOrName(port: unknown, at: Path): SpecError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => ({ path: at, message: fieldInvalid(port, m) }));
  if (typeof port === 'string') return isValidPortName(port).map((m) => ({ path: at, message: fieldInvalid(port, m) }));
  return [];
}

/** validateHandler and the actions it calls. */
function handler(h: unknown, at: Path, kinds: readonly string[]): SpecError[] {
  if (!isObject(h)) return [];
  const { errors, set } = handlerErrors(h, at, kinds);
  const first = set[0];
  const action = first ? field(h, first) : undefined;
  if (first === 'exec' && isObject(action) && asArray(field(action, 'command')).length === 0) {
    errors.push({ path: [...at, 'exec', 'command'], message: fieldRequired() });
  }
  if ((first === 'httpGet' || first === 'tcpSocket') && isObject(action)) {
    errors.push(...portNumOrName(field(action, 'port'), [...at, first, 'port']));
  }
  if (first === 'httpGet' && isObject(action)) {
    const scheme = field(action, 'scheme');
    if (typeof scheme === 'string' && scheme !== 'HTTP' && scheme !== 'HTTPS') {
      errors.push({ path: [...at, 'httpGet', 'scheme'], message: `Unsupported value: ${JSON.stringify(scheme)}: supported values: "HTTP", "HTTPS"` });
    }
    asArray(field(action, 'httpHeaders')).forEach((hd, i) => {
      const name = asString(field(hd, 'name'));
      if (name !== undefined) for (const m of isHTTPHeaderName(name)) errors.push({ path: [...at, 'httpGet', 'httpHeaders', i, 'name'], message: fieldInvalid(name, m) });
    });
  }
  if (first === 'grpc' && isObject(action)) {
    const port = field(action, 'port');
    if (typeof port === 'number') for (const m of isValidPortNum(port)) errors.push({ path: [...at, 'grpc', 'port'], message: fieldInvalid(port, m) });
  }
  return errors;
}

/** validateProbe plus the successThreshold rule of liveness and startup probes. */
function probe(p: unknown, at: Path, mustSucceedOnce: boolean): SpecError[] {
  if (!isObject(p)) return [];
  const errs = handler(p, at, PROBE_HANDLERS);
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = intField(p, key);
    if (v !== undefined && v < 0) errs.push({ path: [...at, key], message: fieldInvalid(v, 'must be greater than or equal to 0') });
  }
  const grace = intField(p, 'terminationGracePeriodSeconds');
  if (grace !== undefined && grace <= 0) errs.push({ path: [...at, 'terminationGracePeriodSeconds'], message: fieldInvalid(grace, 'must be greater than 0') });
  // successThreshold defaults to 1 when 0 or unset.
  const success = intField(p, 'successThreshold');
  if (mustSucceedOnce && success !== undefined && success !== 0 && success !== 1) {
    errs.push({ path: [...at, 'successThreshold'], message: fieldInvalid(success, 'must be 1') });
  }
  return errs;
}

/**
 * Probes and lifecycle hooks: exactly one handler (exec, httpGet, tcpSocket, grpc
 * for probes; exec, httpGet, tcpSocket for hooks), a valid port, non-negative
 * timings, and successThreshold 1 for liveness and startup probes. Checked on
 * containers and, from 1.29, on native sidecars (init containers with
 * restartPolicy Always); other init containers may not have them at all (rule
 * init-container-probes). Follows validateProbe, validateLivenessProbe,
 * validateStartupProbe, validateLifecycle and validateHandler (v1.28).
 */
export default podRule({
  id: 'probe-handler',
  layer: 'api-server',
  severity: 'error',
  description: 'Probes and lifecycle hooks need exactly one handler, valid ports and non-negative timings.',
  fix: 'Give each probe or hook exactly one of exec, httpGet, tcpSocket (or grpc for probes); keep successThreshold 1 for liveness and startup probes.',
  source: 'validateProbe, validateLivenessProbe, validateStartupProbe, validateLifecycle and validateHandler in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
}, (ctx) => {
  const sidecarsKept = atLeast(ctx.settings.k8sVersion, '1.29');
  const checked = (c: ContainerSite) => c.kind === 'containers'
    || (c.kind === 'initContainers' && sidecarsKept && field(c.container, 'restartPolicy') === 'Always');
  for (const c of containersOf(ctx.pod.spec, ['containers', 'initContainers'])) {
    if (!checked(c)) continue;
    const errs: SpecError[] = [
      ...probe(field(c.container, 'livenessProbe'), [...c.path, 'livenessProbe'], true),
      ...probe(field(c.container, 'readinessProbe'), [...c.path, 'readinessProbe'], false),
      ...probe(field(c.container, 'startupProbe'), [...c.path, 'startupProbe'], true),
    ];
    const lifecycle = field(c.container, 'lifecycle');
    if (isObject(lifecycle)) {
      for (const hook of ['postStart', 'preStop']) {
        errs.push(...handler(field(lifecycle, hook), [...c.path, 'lifecycle', hook], LIFECYCLE_HANDLERS));
      }
    }
    for (const e of errs) ctx.report(e);
  }
});
