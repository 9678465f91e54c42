/**
 * Kubernetes' shared string validators and the API server's error wording, ported
 * (facts, not code) from the v1.28 sources:
 *
 * - staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
 *   (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label, IsQualifiedName,
 *   IsValidLabelValue, IsCIdentifier, IsValidPortName, IsValidPortNum, IsInRange,
 *   IsValidUserID, IsValidGroupID, IsEnvVarName, IsConfigMapKey, IsHTTPHeaderName,
 *   IsValidPercent and the message helpers MaxLenError, RegexError, EmptyError,
 *   InclusiveRangeError);
 * - staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go
 *   (how one field error is printed: `<path>: <Type>: <value>: <detail>`).
 *
 * Each `isXxx(value)` returns the server's error strings, empty when valid.
 * The `fieldXxx` helpers build the body the server prints after the field path.
 */

import { ownString } from './values';

// ---------------------------------------------------------------------------
// Message helpers (validation.go)

/** `must be no more than N characters` (MaxLenError). */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** A regex failure explained with examples (RegexError; note the server's double space before `or`). */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** `must be non-empty` (EmptyError). */
export function emptyError(): string {
  return 'must be non-empty';
}

/** `must be between LO and HI, inclusive` (InclusiveRangeError). */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** The answer of a remembered validator for a valid value: one shared empty list. */
const VALID: readonly string[] = Object.freeze([]);

// Go's `len()` counts bytes; names are usually ASCII, but count UTF-8 bytes to match.
function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

// ---------------------------------------------------------------------------
// Names

/**
 * Remembers a validator's answers: the same names and label values come back in every
 * object of a large file. Answers are frozen, so no caller can change a shared one.
 * `plainlyValid`, when given, accepts the common valid values at once (a look at each
 * character, no lookup): most names are valid, and many are new in each object (names
 * with a hash or an index), which a table of answers only churns.
 */
function remembered(fn: (value: string) => string[], plainlyValid?: (value: string) => boolean): (value: string) => readonly string[] {
  const answers = new Map<string, readonly string[]>();
  return (value) => {
    if (plainlyValid?.(value)) return VALID;
    let answer = answers.get(value);
    if (answer === undefined) {
      const errs = fn(value);
      answer = errs.length === 0 ? VALID : Object.freeze(errs);
      if (answers.size >= 4096) answers.clear();
      // A copy of the key: a name cut from a document's text would keep the whole text alive.
      answers.set(ownString(value), answer);
    }
    return answer;
  };
}

/** a-z or 0-9. */
function isLowerAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** A-Z, a-z or 0-9. */
function isAlnum(c: number): boolean {
  return isLowerAlnum(c) || (c >= 0x41 && c <= 0x5a);
}

/**
 * True when `value[from, to)` matches `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`
 * (a DNS-1123 label when `dots` is false, a subdomain when true); ASCII only.
 */
function plainDns1123(value: string, from: number, to: number, dots: boolean): boolean {
  if (to <= from) return false;
  let prev = 0x2e; // a label starts here
  for (let k = from; k < to; k++) {
    const c = value.charCodeAt(k);
    if (isLowerAlnum(c)) {
      prev = c;
      continue;
    }
    if (c === 0x2d) { // -
      if (prev === 0x2e) return false;
    } else if (c === 0x2e && dots) { // .
      if (prev === 0x2e || prev === 0x2d) return false;
    } else {
      return false;
    }
    prev = c;
  }
  return prev !== 0x2e && prev !== 0x2d;
}

/** True when `value[from, to)` matches `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` (QNAME_FMT); ASCII only. */
function plainQualifiedPart(value: string, from: number, to: number): boolean {
  if (to <= from || !isAlnum(value.charCodeAt(from)) || !isAlnum(value.charCodeAt(to - 1))) return false;
  for (let k = from + 1; k < to - 1; k++) {
    const c = value.charCodeAt(k);
    if (!isAlnum(c) && c !== 0x2d && c !== 0x5f && c !== 0x2e) return false; // - _ .
  }
  return true;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_LABEL_MAX_LENGTH = 63;
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);

/** A DNS label (RFC 1123): container, volume and port-less names, hostnames (IsDNS1123Label). */
export const isDNS1123Label = remembered(function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_RE.test(value)) errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  return errs;
}, (value) => value.length <= DNS1123_LABEL_MAX_LENGTH && plainDns1123(value, 0, value.length, false));

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

/** A DNS subdomain (RFC 1123): most object names, Secret and ConfigMap references (IsDNS1123Subdomain). */
export const isDNS1123Subdomain = remembered(function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}, (value) => value.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && plainDns1123(value, 0, value.length, true));

const DNS1123_LABEL_FMT_UNDERSCORE = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT_UNDERSCORE = `${DNS1123_LABEL_FMT_UNDERSCORE}(\\.${DNS1123_LABEL_FMT_UNDERSCORE})*`;
const DNS1123_SUBDOMAIN_ERR_UNDERSCORE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_RE_UNDERSCORE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT_UNDERSCORE}$`);

/** A DNS subdomain that may hold '_' (IsDNS1123SubdomainWithUnderscore: relaxed DNS search paths, from 1.33). */
export function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_RE_UNDERSCORE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR_UNDERSCORE, DNS1123_SUBDOMAIN_FMT_UNDERSCORE, 'example.com'));
  return errs;
}

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035_LABEL_MAX_LENGTH = 63;
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);

/** A DNS label (RFC 1035): Service names, for example (IsDNS1035Label). */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL_RE.test(value)) errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const QUALIFIED_NAME_MAX_LENGTH = 63;
const QNAME_RE = new RegExp(`^${QNAME_FMT}$`);

/**
 * A qualified name: `name` or `prefix/name` where prefix is a DNS subdomain. Label
 * keys, annotation keys, topology keys, node selector keys (IsQualifiedName).
 */
export const isQualifiedName = remembered(function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [`a qualified name ${regexError(QNAME_ERR, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!QNAME_RE.test(name)) errs.push(`name part ${regexError(QNAME_ERR, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}, (value) => {
  const slash = value.indexOf('/');
  if (slash < 0) return value.length <= QUALIFIED_NAME_MAX_LENGTH && plainQualifiedPart(value, 0, value.length);
  return slash <= DNS1123_SUBDOMAIN_MAX_LENGTH && value.length - slash - 1 <= QUALIFIED_NAME_MAX_LENGTH
    && plainDns1123(value, 0, slash, true) && plainQualifiedPart(value, slash + 1, value.length);
});

/** A label key is a qualified name (ValidateLabelName in apimachinery/pkg/apis/meta/v1/validation). */
export const isLabelKey = isQualifiedName;

const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LABEL_VALUE_MAX_LENGTH = 63;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** A label value: empty, or up to 63 alphanumerics, '-', '_', '.' (IsValidLabelValue). */
export const isValidLabelValue = remembered(function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}, (value) => value.length === 0 || (value.length <= LABEL_VALUE_MAX_LENGTH && plainQualifiedPart(value, 0, value.length)));

const C_IDENTIFIER_FMT = '[A-Za-z_][A-Za-z0-9_]*';
const C_IDENTIFIER_ERR = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
const C_IDENTIFIER_RE = new RegExp(`^${C_IDENTIFIER_FMT}$`);

/** A C identifier (IsCIdentifier). */
export function isCIdentifier(value: string): string[] {
  return C_IDENTIFIER_RE.test(value) ? [] : [regexError(C_IDENTIFIER_ERR, C_IDENTIFIER_FMT, 'my_name', 'MY_NAME', 'MyName')];
}

const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_ERR = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const ENV_VAR_NAME_RE = new RegExp(`^${ENV_VAR_NAME_FMT}$`);

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/**
 * An environment variable name, also an envFrom prefix: IsEnvVarName, or from 1.32
 * IsRelaxedEnvVarName (staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go),
 * when the RelaxedEnvironmentVariableValidation gate (KEP-4369: alpha 1.30, beta and on by
 * default 1.32, GA 1.34) lets ValidateEnv accept any printable ASCII but '='.
 */
export function isEnvVarName(value: string, relaxed = false): string[] {
  if (relaxed) {
    // unicode.IsPrint over ASCII: ' ' (0x20) to '~' (0x7e).
    return /^[\x20-\x7e]*$/.test(value) && !value.includes('=')
      ? (value === '' ? ['environment variable name must be non-empty'] : [])
      : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
  }
  const errs: string[] = [];
  if (!ENV_VAR_NAME_RE.test(value)) errs.push(regexError(ENV_VAR_NAME_ERR, ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_ERR = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const CONFIG_MAP_KEY_RE = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);

/** A key of a ConfigMap or Secret (IsConfigMapKey). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!CONFIG_MAP_KEY_RE.test(value)) errs.push(regexError(CONFIG_MAP_KEY_ERR, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

const HTTP_HEADER_NAME_FMT = '[-A-Za-z0-9]+';
const HTTP_HEADER_NAME_ERR = "a valid HTTP header must consist of alphanumeric characters or '-'";
const HTTP_HEADER_NAME_RE = new RegExp(`^${HTTP_HEADER_NAME_FMT}$`);

/** An HTTP header name (IsHTTPHeaderName). */
export function isHTTPHeaderName(value: string): string[] {
  return HTTP_HEADER_NAME_RE.test(value) ? [] : [regexError(HTTP_HEADER_NAME_ERR, HTTP_HEADER_NAME_FMT, 'X-Header-Name')];
}

const PERCENT_FMT = '[0-9]+%';
const PERCENT_ERR = "a valid percent string must be a numeric string followed by an ending '%'";
const PERCENT_RE = new RegExp(`^${PERCENT_FMT}$`);

/** A percentage such as `25%` (IsValidPercent). */
export function isValidPercent(value: string): string[] {
  return PERCENT_RE.test(value) ? [] : [regexError(PERCENT_ERR, PERCENT_FMT, '1%', '93%')];
}

// ---------------------------------------------------------------------------
// Numbers and ports

/** A port number 1..65535 (IsValidPortNum). */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** An integer in an inclusive range (IsInRange). */
export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

/** v1.28: UIDs and GIDs are 0 .. math.MaxInt32 (libcontainer's limit). */
export const MAX_USER_ID = 2147483647;
export const MAX_GROUP_ID = 2147483647;

/** A Unix UID (IsValidUserID, v1.28). */
export function isValidUserID(uid: number): string[] {
  return uid >= 0 && uid <= MAX_USER_ID ? [] : [inclusiveRangeError(0, MAX_USER_ID)];
}

/** A Unix GID (IsValidGroupID, v1.28). */
export function isValidGroupID(gid: number): string[] {
  return gid >= 0 && gid <= MAX_GROUP_ID ? [] : [inclusiveRangeError(0, MAX_GROUP_ID)];
}

/**
 * An IANA_SVC_NAME port name: at most 15 characters of [-a-z0-9], at least one
 * letter, no `--`, not starting or ending with '-' (IsValidPortName).
 */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

// ---------------------------------------------------------------------------
// Field errors (field/errors.go): the text the server prints after the path.

/** How the server prints a bad value: strings quoted (Go %q), numbers and booleans bare, null as `null`. */
export function formatBadValue(value: unknown): string {
  if (value === undefined || value === null) return '"null"';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? String(value);
}

function withDetail(body: string, detail?: string): string {
  return detail ? `${body}: ${detail}` : body;
}

/** `Required value` or `Required value: <detail>` (field.Required). */
export function fieldRequired(detail?: string): string {
  return withDetail('Required value', detail);
}

/** `Invalid value: "<value>": <detail>` (field.Invalid). */
export function fieldInvalid(value: unknown, detail?: string): string {
  return withDetail(`Invalid value: ${formatBadValue(value)}`, detail);
}

/** `Duplicate value: "<value>"` (field.Duplicate). */
export function fieldDuplicate(value: unknown): string {
  return `Duplicate value: ${formatBadValue(value)}`;
}

/** `Not found: "<value>"` (field.NotFound). */
export function fieldNotFound(value: unknown): string {
  return `Not found: ${formatBadValue(value)}`;
}

/** `Forbidden: <detail>` (field.Forbidden). */
export function fieldForbidden(detail?: string): string {
  return withDetail('Forbidden', detail);
}

/** `Unsupported value: "X": supported values: "A", "B"` (field.NotSupported). */
export function fieldNotSupported(value: unknown, supported: readonly string[]): string {
  return withDetail(`Unsupported value: ${formatBadValue(value)}`,
    supported.length > 0 ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : undefined);
}

/** `Too long: must have at most N bytes` (field.TooLong, v1.28 wording). */
export function fieldTooLong(maxLength: number): string {
  return `Too long: must have at most ${maxLength} bytes`;
}

/** `Too many: N: must have at most M items` (field.TooMany). */
export function fieldTooMany(actual: number, max: number): string {
  return `Too many: ${actual}: must have at most ${max} items`;
}

/**
 * One `Invalid value` message per error string from an `isXxx` validator, the
 * way the server reports them (one field error per string).
 */
export function invalidEach(value: unknown, errs: readonly string[]): string[] {
  return errs.map((e) => fieldInvalid(value, e));
}

/**
 * A name usable as one segment of a REST path (path.IsValidPathSegmentName in
 * staging/src/k8s.io/apimachinery/pkg/api/validation/path/name.go): RBAC objects
 * (ValidateRBACName) and references to them. With `prefix` (a generateName), only
 * the '/' and '%' checks apply (IsValidPathSegmentPrefix).
 */
export function isValidPathSegmentName(name: string, prefix = false): string[] {
  const errs: string[] = [];
  if (!prefix) {
    if (name === '.' || name === '..') return [`may not be '${name}'`];
  }
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

/** How Go's %#v prints a []string, as field.Invalid shows a string list: `[]string{"a", "b"}`. */
export function goStringSlice(values: readonly unknown[]): string {
  return `[]string{${values.map((v) => JSON.stringify(String(v))).join(', ')}}`;
}
