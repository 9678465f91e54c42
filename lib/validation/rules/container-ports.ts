import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import {
  fieldDuplicate, fieldInvalid, fieldNotSupported, fieldRequired, isValidPortName, isValidPortNum,
} from '../util/k8s-names';
import { asArray, field, isObject } from '../util/values';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/**
 * Container ports: containerPort 1-65535, hostPort 1-65535 when set, an
 * IANA_SVC_NAME name unique within the container, protocol TCP, UDP or SCTP.
 * Follows validateContainerPorts (v1.28). Two containers with the same
 * containerPort and no hostPort are accepted by the server.
 */
export default podRule({
  id: 'container-ports',
  layer: 'api-server',
  severity: 'error',
  description: 'Container ports need a valid number, an IANA_SVC_NAME name unique in the container, and a supported protocol.',
  fix: 'Use port numbers 1-65535, names of at most 15 lowercase letters, digits and \'-\' with at least one letter, and protocol TCP, UDP or SCTP.',
  source: 'validateContainerPorts in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec)) {
    const names = new Set<string>();
    asArray(field(c.container, 'ports')).forEach((p, i) => {
      if (!isObject(p)) return;
      const at = [...c.path, 'ports', i];
      const name = field(p, 'name');
      if (typeof name === 'string' && name.length > 0) {
        const errs = isValidPortName(name);
        if (errs.length > 0) for (const e of errs) ctx.report({ path: [...at, 'name'], message: fieldInvalid(name, e) });
        else if (names.has(name)) ctx.report({ path: [...at, 'name'], message: fieldDuplicate(name) });
        else names.add(name);
      }
      const containerPort = field(p, 'containerPort');
      if (containerPort === undefined || containerPort === 0) {
        ctx.report({ path: [...at, 'containerPort'], message: fieldRequired() });
      } else if (typeof containerPort === 'number') {
        for (const e of isValidPortNum(containerPort)) ctx.report({ path: [...at, 'containerPort'], message: fieldInvalid(containerPort, e) });
      }
      const hostPort = field(p, 'hostPort');
      if (typeof hostPort === 'number' && hostPort !== 0) {
        for (const e of isValidPortNum(hostPort)) ctx.report({ path: [...at, 'hostPort'], message: fieldInvalid(hostPort, e) });
      }
      const protocol = field(p, 'protocol');
      if (typeof protocol === 'string' && protocol !== '' && !PROTOCOLS.includes(protocol)) {
        ctx.report({ path: [...at, 'protocol'], message: fieldNotSupported(protocol, PROTOCOLS) });
      }
    });
  }
});
