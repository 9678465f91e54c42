import { objectRule } from '../util/define-rule';
import {
  fieldDuplicate, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Label, isDNS1123Subdomain,
  isValidPortName, isValidPortNum,
} from '../util/k8s-names';
import { checkLabels, isInt } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITY = ['ClientIP', 'None'];

/** Go's %#v of core.ServicePort with only protocol and port set, as the duplicate-port error prints it. */
function goServicePortKey(protocol: string, port: unknown): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${String(port)}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

/**
 * ValidateService and validateServicePort (v1.28), after the v1 defaults
 * (type ClusterIP, sessionAffinity None, protocol TCP, targetPort = port).
 */
export default objectRule({
  id: 'service-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A Service spec must pass the API server: ports, port names, protocols, targetPort, type, clusterIP, externalName, selector.',
  fix: 'Give each port a number 1-65535 (and a unique DNS-1123 name when there are several), a targetPort that is a port number or IANA service name, and a supported type.',
  source: 'ValidateService, validateServicePort, ValidatePortNumOrName in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/service/',
  kinds: ['Service'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec')) ?? {};
  const report = ctx.report;
  const type = field(spec, 'type') ?? 'ClusterIP';
  const clusterIP = field(spec, 'clusterIP');
  const headless = clusterIP === 'None';
  const ports = asArray(field(spec, 'ports'));

  if (ports.length === 0 && !headless && type !== 'ExternalName') {
    report({ path: ['spec', 'ports'], message: fieldRequired() });
  }
  if (type === 'LoadBalancer' && headless) {
    report({ path: ['spec', 'clusterIP'], message: fieldInvalid(clusterIP, "may not be set to 'None' for LoadBalancer services") });
  } else if (type === 'NodePort' && headless) {
    report({ path: ['spec', 'clusterIP'], message: fieldInvalid(clusterIP, "may not be set to 'None' for NodePort services") });
  } else if (type === 'ExternalName') {
    // The strategy copies clusterIP into clusterIPs before validation.
    const ips = asArray(field(spec, 'clusterIPs'));
    if ((typeof clusterIP === 'string' && clusterIP !== '') || ips.length > 0) {
      report({ path: ['spec', 'clusterIPs'], message: fieldForbidden('may not be set for ExternalName services') });
    }
    const ext = field(spec, 'externalName');
    // The value (a CNAME) may end with a dot.
    const cname = typeof ext === 'string' ? ext.replace(/\.$/, '') : '';
    if (cname === '') report({ path: ['spec', 'externalName'], message: fieldRequired() });
    else for (const msg of isDNS1123Subdomain(cname)) report({ path: ['spec', 'externalName'], message: fieldInvalid(cname, msg) });
  }

  const names = new Set<string>();
  const seen = new Set<string>();
  const seenNodePorts = new Set<string>();
  ports.forEach((raw, i) => {
    const port = asObject(raw);
    if (!port) return;
    const p = ['spec', 'ports', i];
    const name = field(port, 'name');
    if (ports.length > 1 && (name === undefined || name === null || name === '')) {
      report({ path: [...p, 'name'], message: fieldRequired() });
    } else if (typeof name === 'string' && name !== '') {
      for (const msg of isDNS1123Label(name)) report({ path: [...p, 'name'], message: fieldInvalid(name, msg) });
      if (names.has(name)) report({ path: [...p, 'name'], message: fieldDuplicate(name) });
      names.add(name);
    }
    const num = field(port, 'port');
    if (isInt(num)) for (const msg of isValidPortNum(num)) report({ path: [...p, 'port'], message: fieldInvalid(num, msg) });
    const protocol = field(port, 'protocol') ?? 'TCP';
    if (typeof protocol === 'string' && !PROTOCOLS.includes(protocol)) {
      report({ path: [...p, 'protocol'], message: protocol === '' ? fieldRequired() : fieldNotSupported(protocol, PROTOCOLS) });
    }
    const target = field(port, 'targetPort');
    if (isInt(target) && target !== 0) {
      for (const msg of isValidPortNum(target)) report({ path: [...p, 'targetPort'], message: fieldInvalid(target, msg) });
    } else if (typeof target === 'string' && target !== '') {
      for (const msg of isValidPortName(target)) report({ path: [...p, 'targetPort'], message: fieldInvalid(target, msg) });
    }
    const nodePort = field(port, 'nodePort');
    if (type === 'ClusterIP' && isInt(nodePort) && nodePort !== 0) {
      report({ path: [...p, 'nodePort'], message: fieldForbidden("may not be used when `type` is 'ClusterIP'") });
    }
    if (isInt(nodePort) && nodePort !== 0 && typeof protocol === 'string') {
      const key = `${protocol}/${nodePort}`;
      if (seenNodePorts.has(key)) report({ path: [...p, 'nodePort'], message: fieldDuplicate(nodePort) });
      seenNodePorts.add(key);
    }
    if (isInt(num) && typeof protocol === 'string') {
      const key = `${protocol}/${num}`;
      if (seen.has(key)) report({ path: p, message: `Duplicate value: ${goServicePortKey(protocol, num)}` });
      seen.add(key);
    }
  });

  const selector = field(spec, 'selector');
  if (selector !== undefined && selector !== null) checkLabels(selector, ['spec', 'selector'], report);

  const affinity = field(spec, 'sessionAffinity');
  if (typeof affinity === 'string' && affinity !== '' && !AFFINITY.includes(affinity)) {
    report({ path: ['spec', 'sessionAffinity'], message: fieldNotSupported(affinity, AFFINITY) });
  }
  if (typeof type === 'string' && type !== '' && !TYPES.includes(type)) {
    report({ path: ['spec', 'type'], message: fieldNotSupported(type, TYPES) });
  }
});
