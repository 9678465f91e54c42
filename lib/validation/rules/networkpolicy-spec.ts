import { Path } from '../types';
import { objectRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, isValidPortName, isValidPortNum } from '../util/k8s-names';
import { cidrContains, parseCIDR } from '../util/net';
import { Report, checkLabelSelector, isInt } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const isSet = (v: unknown) => v !== undefined && v !== null;

function checkPort(port: Record<string, unknown>, p: Path, report: Report): void {
  const protocol = field(port, 'protocol');
  if (typeof protocol === 'string' && !PROTOCOLS.includes(protocol)) {
    report({ path: [...p, 'protocol'], message: fieldNotSupported(protocol, PROTOCOLS) });
  }
  const num = field(port, 'port');
  const end = field(port, 'endPort');
  if (isInt(num)) {
    for (const msg of isValidPortNum(num)) report({ path: [...p, 'port'], message: fieldInvalid(num, msg) });
    if (isInt(end)) {
      // The server prints the port, not the endPort, in this message.
      if (end < num) report({ path: [...p, 'endPort'], message: fieldInvalid(num, 'must be greater than or equal to `port`') });
      for (const msg of isValidPortNum(end)) report({ path: [...p, 'endPort'], message: fieldInvalid(end, msg) });
    }
  } else if (typeof num === 'string') {
    if (isInt(end)) report({ path: [...p, 'endPort'], message: fieldInvalid(end, 'may not be specified when `port` is non-numeric') });
    for (const msg of isValidPortName(num)) report({ path: [...p, 'port'], message: fieldInvalid(num, msg) });
  } else if (!isSet(num) && isInt(end)) {
    report({ path: [...p, 'endPort'], message: fieldInvalid(end, 'may not be specified when `port` is not specified') });
  }
}

/** ValidateIPBlock: cidr required and a CIDR; each except a CIDR strictly inside it (stops at the first unparsable except). */
function checkIPBlock(ipBlock: Record<string, unknown>, p: Path, report: Report): void {
  const cidr = field(ipBlock, 'cidr');
  if (!isSet(cidr) || cidr === '') {
    report({ path: [...p, 'cidr'], message: fieldRequired() });
    return;
  }
  if (typeof cidr !== 'string') return;
  const net = parseCIDR(cidr);
  if (!net) {
    report({ path: [...p, 'cidr'], message: fieldInvalid(cidr, 'not a valid CIDR') });
    return;
  }
  const excepts = asArray(field(ipBlock, 'except'));
  for (let i = 0; i < excepts.length; i++) {
    const except = excepts[i];
    if (typeof except !== 'string') continue;
    const sub = parseCIDR(except);
    if (!sub) {
      report({ path: [...p, 'except', i], message: fieldInvalid(except, 'not a valid CIDR') });
      return;
    }
    if (!cidrContains(net, sub.network) || net.prefix >= sub.prefix) {
      report({ path: [...p, 'except', i], message: fieldInvalid(except, 'must be a strict subset of `cidr`') });
    }
  }
}

function checkPeer(peer: Record<string, unknown>, p: Path, report: Report): void {
  let peers = 0;
  for (const key of ['podSelector', 'namespaceSelector']) {
    const sel = field(peer, key);
    if (!isSet(sel)) continue;
    peers++;
    checkLabelSelector(sel, [...p, key], report);
  }
  const ipBlock = field(peer, 'ipBlock');
  if (isSet(ipBlock)) {
    peers++;
    checkIPBlock(asObject(ipBlock) ?? {}, [...p, 'ipBlock'], report);
  }
  if (peers === 0) report({ path: p, message: fieldRequired('must specify a peer') });
  else if (peers > 1 && isSet(ipBlock)) report({ path: p, message: fieldForbidden('may not specify both ipBlock and another peer') });
}

export default objectRule({
  id: 'networkpolicy-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A NetworkPolicy needs valid selectors, ports (1-65535 or an IANA name, endPort >= port), one kind of peer each, ipBlock CIDRs with except inside cidr, and policyTypes Ingress or Egress.',
  fix: 'Give each port a number or name, each peer a podSelector/namespaceSelector or an ipBlock (not both) whose cidr is a CIDR containing every except entry, and use policyTypes Ingress and Egress only.',
  source: 'ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock in pkg/apis/networking/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
  kinds: ['NetworkPolicy'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const report = ctx.report;
  checkLabelSelector(field(spec, 'podSelector'), ['spec', 'podSelector'], report);
  for (const [dir, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    asArray(field(spec, dir)).forEach((raw, i) => {
      const rule = asObject(raw);
      if (!rule) return;
      asArray(field(rule, 'ports')).forEach((port, j) => {
        const po = asObject(port);
        if (po) checkPort(po, ['spec', dir, i, 'ports', j], report);
      });
      asArray(field(rule, peersKey)).forEach((peer, j) => {
        const pe = asObject(peer);
        if (pe) checkPeer(pe, ['spec', dir, i, peersKey, j], report);
      });
    });
  }
  const types = asArray(field(spec, 'policyTypes'));
  if (types.length > POLICY_TYPES.length) {
    report({ path: ['spec', 'policyTypes'], message: fieldInvalid(types, 'may not specify more than two policyTypes') });
    return;
  }
  types.forEach((t, i) => {
    if (typeof t === 'string' && !POLICY_TYPES.includes(t)) {
      report({ path: ['spec', 'policyTypes', i], message: fieldNotSupported(t, POLICY_TYPES) });
    }
  });
});
