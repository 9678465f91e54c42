import { KubeObject } from '../types';
import { objectRule } from '../util/define-rule';
import {
  fieldDuplicate, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Label, isDNS1123Subdomain,
  isQualifiedName, isValidPortName, isValidPortNum,
} from '../util/k8s-names';
import { parseCIDR, parseIP } from '../util/net';
import { Report, checkLabels, isInt } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITY = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
/** core.MaxClientIPServiceAffinitySeconds. */
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const isSet = (v: unknown) => v !== undefined && v !== null;

/** Go's %#v of core.ServicePort with only protocol and port set, as the duplicate-port error prints it. */
function goServicePortKey(protocol: string, port: unknown): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${String(port)}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

/**
 * ValidateService and validateServicePort (v1.28), after the v1 defaults
 * (SetDefaults_Service: type ClusterIP, sessionAffinity None and its config
 * dropped, a ClientIP timeout of 10800 when unset, protocol TCP, targetPort =
 * port, externalTrafficPolicy Cluster for externally-accessible services,
 * internalTrafficPolicy Cluster). The IP-family checks of the allocator
 * (initIPFamilyFields in pkg/registry/core/service/storage/alloc.go), which run
 * before validation, are here too; the nodePort range lives in
 * service-node-port-range because clusters may configure it.
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
    if (asArray(field(spec, 'ipFamilies')).length > 0) {
      report({ path: ['spec', 'ipFamilies'], message: fieldForbidden('may not be set for ExternalName services') });
    }
    if (isSet(field(spec, 'ipFamilyPolicy'))) {
      report({ path: ['spec', 'ipFamilyPolicy'], message: fieldForbidden('may not be set for ExternalName services') });
    }
    if (cname === '') report({ path: ['spec', 'externalName'], message: fieldRequired() });
    else for (const msg of isDNS1123Subdomain(cname)) report({ path: ['spec', 'externalName'], message: fieldInvalid(cname, msg) });
  }

  if (type !== 'ExternalName') checkIPs(spec, report);

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
    const appProtocol = field(port, 'appProtocol');
    if (typeof appProtocol === 'string') {
      for (const msg of isQualifiedName(appProtocol)) report({ path: [...p, 'appProtocol'], message: fieldInvalid(appProtocol, msg) });
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
  // validateClientIPAffinityConfig: the v1 defaults fill a missing timeout, and drop the config under None.
  if (affinity === 'ClientIP') {
    const timeout = field(asObject(field(asObject(field(spec, 'sessionAffinityConfig')), 'clientIP')), 'timeoutSeconds');
    if (isInt(timeout) && (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS)) {
      report({
        path: ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'],
        message: fieldInvalid(timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`),
      });
    }
  }

  if (type !== 'ExternalName') checkIPFamilies(spec, report);

  if (typeof type === 'string' && type !== '' && !TYPES.includes(type)) {
    report({ path: ['spec', 'type'], message: fieldNotSupported(type, TYPES) });
  }

  // v1.28 ValidateService: the whole list is printed with %v and checked by GetLoadBalancerSourceRanges.
  const ranges = asArray(field(spec, 'loadBalancerSourceRanges'));
  if (ranges.length > 0) {
    const rangesPath = ['spec', 'LoadBalancerSourceRanges'];
    if (type !== 'LoadBalancer') report({ path: rangesPath, message: fieldForbidden("may only be used when `type` is 'LoadBalancer'") });
    if (ranges.some((r) => typeof r === 'string' && !parseCIDR(r.trim()))) {
      report({ path: rangesPath, message: fieldInvalid(`[${ranges.map(String).join(' ')}]`, 'must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ') });
    }
  }
  if (isSet(field(spec, 'allocateLoadBalancerNodePorts')) && type !== 'LoadBalancer') {
    report({ path: ['spec', 'allocateLoadBalancerNodePorts'], message: fieldForbidden("may only be used when `type` is 'LoadBalancer'") });
  }
  // validateLoadBalancerClassField
  const lbClass = field(spec, 'loadBalancerClass');
  if (type === 'LoadBalancer') {
    if (typeof lbClass === 'string') for (const msg of isQualifiedName(lbClass)) report({ path: ['spec', 'loadBalancerClass'], message: fieldInvalid(lbClass, msg) });
  } else if (isSet(lbClass)) {
    report({ path: ['spec', 'loadBalancerClass'], message: fieldForbidden("may only be used when `type` is 'LoadBalancer'") });
  }

  // validateServiceExternalTrafficPolicy (apiservice.ExternallyAccessible, NeedsHealthCheck)
  const externalIPs = asArray(field(spec, 'externalIPs'));
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && externalIPs.length > 0);
  const etp = field(spec, 'externalTrafficPolicy');
  if (!externallyAccessible) {
    if (typeof etp === 'string' && etp !== '') {
      report({ path: ['spec', 'externalTrafficPolicy'], message: fieldInvalid(etp, 'may only be set for externally-accessible services') });
    }
  } else if (typeof etp === 'string' && etp !== '' && !TRAFFIC_POLICIES.includes(etp)) {
    report({ path: ['spec', 'externalTrafficPolicy'], message: fieldNotSupported(etp, TRAFFIC_POLICIES) });
  }
  const needsHealthCheck = type === 'LoadBalancer' && etp === 'Local';
  const hcnp = field(spec, 'healthCheckNodePort');
  if (!needsHealthCheck && isInt(hcnp) && hcnp !== 0) {
    report({ path: ['spec', 'healthCheckNodePort'], message: fieldInvalid(hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'") });
  }

  // validateServiceInternalTrafficFieldsValue
  const itp = field(spec, 'internalTrafficPolicy');
  if (typeof itp === 'string' && !TRAFFIC_POLICIES.includes(itp)) {
    report({ path: ['spec', 'internalTrafficPolicy'], message: fieldNotSupported(itp, TRAFFIC_POLICIES) });
  }
});

const VALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/**
 * The addresses of ValidateService (v1.28) after the strategy copies clusterIP into an
 * empty clusterIPs: clusterIPs only with clusterIP, each a valid IP (or `None`), and each
 * externalIP a valid IP. (Whether the cluster serves the IP families asked for is the
 * cluster's business.)
 */
function checkIPs(spec: KubeObject, report: Report): void {
  const clusterIP = field(spec, 'clusterIP');
  let ips = asArray(field(spec, 'clusterIPs'));
  const hasClusterIP = typeof clusterIP === 'string' && clusterIP !== '';
  if (!hasClusterIP && ips.length > 0) {
    report({ path: ['spec', 'clusterIPs'], message: `Invalid value: []string{${ips.map((ip) => JSON.stringify(ip)).join(', ')}}: must be empty when \`clusterIP\` is not specified` });
  }
  if (hasClusterIP && ips.length === 0) ips = [clusterIP];
  ips.forEach((ip, i) => {
    if (typeof ip !== 'string' || ip === 'None') return;
    if (!parseIP(ip)) report({ path: ['spec', 'clusterIPs', i], message: fieldInvalid(ip, VALID_IP) });
  });
  asArray(field(spec, 'externalIPs')).forEach((ip, i) => {
    if (typeof ip === 'string' && !parseIP(ip)) report({ path: ['spec', 'externalIPs', i], message: fieldInvalid(ip, VALID_IP) });
  });
}

/**
 * The ipFamilies and ipFamilyPolicy parts of ValidateServiceClusterIPsRelatedFields,
 * then initIPFamilyFields (alloc.go): an unset policy becomes RequireDualStack for a
 * headless Service without selector and SingleStack otherwise, and SingleStack may
 * not come with two families. Whether the cluster serves a family is its business.
 */
function checkIPFamilies(spec: KubeObject, report: Report): void {
  let ok = true;
  const seen = new Set<string>();
  const families = asArray(field(spec, 'ipFamilies'));
  families.forEach((fam, i) => {
    if (typeof fam !== 'string') return;
    if (!IP_FAMILIES.includes(fam)) {
      report({ path: ['spec', 'ipFamilies', i], message: fieldNotSupported(fam, IP_FAMILIES) });
      ok = false;
    }
    if (seen.has(fam)) {
      report({ path: ['spec', 'ipFamilies', i], message: fieldDuplicate(fam) });
      ok = false;
    }
    seen.add(fam);
  });
  const policy = field(spec, 'ipFamilyPolicy');
  if (typeof policy === 'string' && !IP_FAMILY_POLICIES.includes(policy)) {
    report({ path: ['spec', 'ipFamilyPolicy'], message: fieldNotSupported(policy, IP_FAMILY_POLICIES) });
    ok = false;
  }
  // initIPFamilyFields stops at the first validation errors.
  if (!ok) return;
  const selector = asObject(field(spec, 'selector'));
  const headlessWithoutSelector = field(spec, 'clusterIP') === 'None' && (!selector || Object.keys(selector).length === 0);
  const effective = typeof policy === 'string' ? policy : headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
  if (effective !== 'SingleStack') return;
  const clusterIPs = asArray(field(spec, 'clusterIPs'));
  if (clusterIPs.length === 2) {
    report({ path: ['spec', 'ipFamilyPolicy'], message: fieldInvalid(effective, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified") });
  }
  if (families.length === 2) {
    report({ path: ['spec', 'ipFamilyPolicy'], message: fieldInvalid(effective, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified") });
  }
}
