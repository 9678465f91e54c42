import { Path } from '../types';
import { objectRule } from '../util/define-rule';
import {
  fieldInvalid, fieldNotSupported, fieldRequired, isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, maxLenError, regexError,
} from '../util/k8s-names';
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
  if (ipCheck && (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/.test(host))) {
    report({ path: p, message: fieldInvalid(host, 'must be a DNS name, not an IP address') });
  }
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const msg of msgs) report({ path: p, message: fieldInvalid(host, msg) });
}

export default objectRule({
  id: 'ingress-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'An Ingress needs rules or a defaultBackend, a pathType on every path, absolute paths, and backends with a service name and one port.',
  fix: 'Give every path a pathType (Prefix, Exact or ImplementationSpecific) and a path starting with \'/\', and each backend a service name and a port name or number.',
  source: 'ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath, validateIngressBackend in pkg/apis/networking/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/ingress/',
  kinds: ['Ingress'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec')) ?? {};
  const report = ctx.report;
  const rules = asArray(field(spec, 'rules'));
  const defaultBackend = asObject(field(spec, 'defaultBackend'));
  if (defaultBackend) checkBackend(defaultBackend, ['spec', 'defaultBackend'], report);
  else if (rules.length === 0) {
    report({ path: ['spec', 'rules'], message: fieldInvalid(rules, 'either `defaultBackend` or `rules` must be specified') });
  }
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
      if (!hp) return;
      const pp: Path = [...rp, 'http', 'paths', j];
      const pathType = field(hp, 'pathType');
      const path = field(hp, 'path');
      if (!isSet(pathType) || pathType === '') {
        report({ path: [...pp, 'pathType'], message: fieldRequired('pathType must be specified') });
      } else if (typeof pathType === 'string' && !PATH_TYPES.includes(pathType)) {
        report({ path: [...pp, 'pathType'], message: fieldNotSupported(pathType, PATH_TYPES) });
      }
      if (typeof path === 'string') {
        if (path !== '' && !path.startsWith('/')) {
          report({ path: [...pp, 'path'], message: fieldInvalid(path, 'must be an absolute path') });
        } else if ((pathType === 'Exact' || pathType === 'Prefix') && path === '') {
          report({ path: [...pp, 'path'], message: fieldInvalid(path, 'must be an absolute path') });
        }
      } else if (!isSet(path) && (pathType === 'Exact' || pathType === 'Prefix')) {
        report({ path: [...pp, 'path'], message: fieldInvalid('', 'must be an absolute path') });
      }
      const backend = asObject(field(hp, 'backend'));
      if (backend) checkBackend(backend, [...pp, 'backend'], report);
      else report({ path: [...pp, 'backend'], message: fieldInvalid('', 'resource or service backend is required') });
    });
  });
  asArray(field(spec, 'tls')).forEach((raw, i) => {
    asArray(field(asObject(raw), 'hosts')).forEach((h, j) => {
      if (typeof h === 'string' && h !== '') checkHost(h, ['spec', 'tls', i, 'hosts', j], report, false);
    });
  });
});
