import { Path } from '../types';
import { objectRule } from '../util/define-rule';
import {
  fieldInvalid, fieldNotSupported, fieldRequired, isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, maxLenError, regexError,
} from '../util/k8s-names';
import { parseIP } from '../util/net';
import { Report, isInt } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const isSet = (v: unknown) => v !== undefined && v !== null;

/** validateIngressBackend (networking/v1, v1.28): exactly one of service and resource; a service needs a name and one port. */
function checkBackend(backend: Record<string, unknown>, p: Path, report: Report): void {
  const service = asObject(field(backend, 'service'));
  const resource = field(backend, 'resource');
  if (service && isSet(resource)) {
    report({ path: p, message: fieldInvalid('', 'cannot set both resource and service backends') });
    return;
  }
  if (!service) {
    if (!isSet(resource)) report({ path: p, message: fieldInvalid('', 'resource or service backend is required') });
    else checkResourceBackend(resource, [...p, 'resource'], report);
    return;
  }
  const sp = [...p, 'service'];
  const name = field(service, 'name');
  if (typeof name === 'string' && name !== '') {
    for (const msg of isDNS1035Label(name)) report({ path: [...sp, 'name'], message: fieldInvalid(name, msg) });
  } else {
    report({ path: [...sp, 'name'], message: fieldRequired() });
  }
  const port = asObject(field(service, 'port')) ?? {};
  const portName = field(port, 'name');
  const number = field(port, 'number');
  const hasName = typeof portName === 'string' && portName !== '';
  const hasNumber = isInt(number) && number !== 0;
  if (hasName && hasNumber) {
    report({ path: p, message: fieldInvalid('', 'cannot set both port name & port number') });
  } else if (hasName) {
    for (const msg of isValidPortName(portName)) report({ path: [...sp, 'port', 'name'], message: fieldInvalid(portName, msg) });
  } else if (hasNumber) {
    for (const msg of isValidPortNum(number)) report({ path: [...sp, 'port', 'number'], message: fieldInvalid(number, msg) });
  } else {
    report({ path: p, message: fieldRequired('port name or number is required') });
  }
}

const WILDCARD_FMT = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const WILDCARD_ERR = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const WILDCARD_RE = new RegExp(`^${WILDCARD_FMT}$`);

/** IsWildcardDNS1123Subdomain (validation.go, v1.28). */
function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (Buffer.byteLength(value, 'utf8') > 253) errs.push(maxLenError(253));
  if (!WILDCARD_RE.test(value)) errs.push(regexError(WILDCARD_ERR, WILDCARD_FMT, '*.example.com'));
  return errs;
}

/** Rule hosts must not be IP addresses; hosts with `*` are wildcard subdomains, others DNS subdomains. */
function checkHost(host: string, p: Path, report: Report, ipCheck: boolean): void {
  if (ipCheck && parseIP(host)) {
    report({ path: p, message: fieldInvalid(host, 'must be a DNS name, not an IP address') });
  }
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const msg of msgs) report({ path: p, message: fieldInvalid(host, msg) });
}

/** validateIngressTypedLocalObjectReference: a resource backend names its kind and name; apiGroup is a DNS subdomain. */
function checkResourceBackend(resource: unknown, p: Path, report: Report): void {
  const group = field(resource, 'apiGroup');
  if (typeof group === 'string') for (const msg of isDNS1123Subdomain(group)) report({ path: [...p, 'apiGroup'], message: fieldInvalid(group, msg) });
  for (const key of ['kind', 'name']) {
    const v = field(resource, key);
    if (v === undefined || v === null || v === '') {
      report({ path: [...p, key], message: fieldRequired(`${key} is required`) });
    } else if (typeof v === 'string') {
      if (v === '.' || v === '..') report({ path: [...p, key], message: fieldInvalid(v, `may not be '${v}'`) });
      else for (const c of ['/', '%']) if (v.includes(c)) report({ path: [...p, key], message: fieldInvalid(v, `may not contain '${c}'`) });
    }
  }
}

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** validateHTTPIngressPath: a pathType is required (nothing else is checked without it); paths depend on it. */
function checkHTTPPath(hp: Record<string, unknown>, pp: Path, report: Report): void {
  const pathType = field(hp, 'pathType');
  const raw = field(hp, 'path');
  const path = typeof raw === 'string' ? raw : '';
  if (!isSet(pathType)) {
    report({ path: [...pp, 'pathType'], message: fieldRequired('pathType must be specified') });
    return;
  }
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!path.startsWith('/')) report({ path: [...pp, 'path'], message: fieldInvalid(path, 'must be an absolute path') });
    for (const seq of INVALID_PATH_SEQUENCES) {
      if (path.includes(seq)) report({ path: [...pp, 'path'], message: fieldInvalid(path, `must not contain '${seq}'`) });
    }
    for (const suffix of INVALID_PATH_SUFFIXES) {
      if (path.endsWith(suffix)) report({ path: [...pp, 'path'], message: fieldInvalid(path, `cannot end with '${suffix}'`) });
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (path !== '' && !path.startsWith('/')) report({ path: [...pp, 'path'], message: fieldInvalid(path, 'must be an absolute path') });
  } else if (typeof pathType === 'string') {
    report({ path: [...pp, 'pathType'], message: fieldNotSupported(pathType, PATH_TYPES) });
  }
  checkBackend(asObject(field(hp, 'backend')) ?? {}, [...pp, 'backend'], report);
}

export default objectRule({
  id: 'ingress-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'An Ingress needs rules or a defaultBackend, a pathType on every path, paths valid for their type, valid hosts, TLS secret names and class name, and backends naming one service port or a resource.',
  fix: 'Give every path a pathType (Prefix, Exact or ImplementationSpecific) and a clean absolute path, each backend either a service with a port name or number or a resource with kind and name, and hosts like foo.example.com or *.example.com.',
  source: 'ValidateIngressCreate, ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath, validateIngressBackend, validateIngressTLS in pkg/apis/networking/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/ingress/',
  kinds: ['Ingress'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec')) ?? {};
  const report = ctx.report;
  const rawRules = field(spec, 'rules');
  const rules = asArray(rawRules);
  const defaultBackend = asObject(field(spec, 'defaultBackend'));
  if (rules.length === 0 && !defaultBackend) {
    // field.Invalid(spec, spec.Rules, ...): Go prints the (nil or empty) slice with %#v.
    const value = Array.isArray(rawRules) ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)';
    report({ path: ['spec'], message: `Invalid value: ${value}: either \`defaultBackend\` or \`rules\` must be specified` });
  }
  if (defaultBackend) checkBackend(defaultBackend, ['spec', 'defaultBackend'], report);
  rules.forEach((raw, i) => {
    const rule = asObject(raw);
    if (!rule) return;
    const rp: Path = ['spec', 'rules', i];
    const host = field(rule, 'host');
    if (typeof host === 'string' && host !== '') checkHost(host, [...rp, 'host'], report, true);
    const http = asObject(field(rule, 'http'));
    if (!http) return;
    const paths = asArray(field(http, 'paths'));
    if (paths.length === 0) report({ path: [...rp, 'http', 'paths'], message: fieldRequired() });
    paths.forEach((rawPath, j) => {
      const hp = asObject(rawPath);
      if (hp) checkHTTPPath(hp, [...rp, 'http', 'paths', j], report);
    });
  });
  asArray(field(spec, 'tls')).forEach((raw, i) => {
    asArray(field(asObject(raw), 'hosts')).forEach((h, j) => {
      if (typeof h === 'string') checkHost(h, ['spec', 'tls', i, 'hosts', j], report, false);
    });
    // validateTLSSecretName: a non-empty secretName is a Secret name (DNS subdomain).
    const secretName = field(asObject(raw), 'secretName');
    if (typeof secretName === 'string' && secretName !== '') {
      for (const msg of isDNS1123Subdomain(secretName)) report({ path: ['spec', 'tls', i, 'secretName'], message: fieldInvalid(secretName, msg) });
    }
  });
  const className = field(spec, 'ingressClassName');
  if (typeof className === 'string') {
    for (const msg of isDNS1123Subdomain(className)) report({ path: ['spec', 'ingressClassName'], message: fieldInvalid(className, msg) });
  }
});
