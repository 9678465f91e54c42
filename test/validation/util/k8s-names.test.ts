import {
  fieldDuplicate, fieldInvalid, fieldNotSupported, fieldRequired, isCIdentifier, isConfigMapKey, isDNS1123Label,
  isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidLabelValue, isValidPortName, isValidUserID,
} from '../../../lib/validation/util/k8s-names';

describe('k8s-names', () => {
  test('isDNS1123Label prints the server message (with its double space)', () => {
    expect(isDNS1123Label('my-name')).toEqual([]);
    expect(isDNS1123Label('My_Name')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Label('a.b')).toHaveLength(1);
  });

  test('isDNS1123Subdomain matches the corpus message', () => {
    expect(isDNS1123Subdomain('example.com')).toEqual([]);
    expect(isDNS1123Subdomain('process-item-$ITEM')[0]).toBe(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  test('isValidPortName', () => {
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('http-metrics-123')).toEqual(['must be no more than 15 characters']);
    expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
    expect(isValidPortName('-ab')).toEqual(['must not begin or end with a hyphen']);
    expect(isValidPortName('HTTP')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must contain at least one letter (a-z)',
    ]);
  });

  test('isQualifiedName', () => {
    expect(isQualifiedName('app')).toEqual([]);
    expect(isQualifiedName('kubernetes.io/hostname')).toEqual([]);
    expect(isQualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('a/')[0]).toBe('name part must be non-empty');
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of/);
    expect(isQualifiedName('Example.com/x')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
  });

  test('isValidLabelValue, isCIdentifier, isConfigMapKey, isValidUserID', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('-x')[0]).toMatch(/^a valid label must be an empty string/);
    expect(isCIdentifier('_ok1')).toEqual([]);
    expect(isCIdentifier('1bad')).toHaveLength(1);
    expect(isConfigMapKey('..data')).toEqual(["must not start with '..'"]);
    expect(isValidUserID(2147483648)).toEqual(['must be between 0 and 2147483647, inclusive']);
  });

  test('isEnvVarName (v1.28 strict rule)', () => {
    expect(isEnvVarName('MY_VAR.name-1')).toEqual([]);
    expect(isEnvVarName('1VAR')[0]).toMatch(/must not start with a digit/);
    expect(isEnvVarName('..x')).toEqual(["must not start with '..'"]);
    expect(isEnvVarName('A=B')).toHaveLength(1);
  });

  test('field error bodies', () => {
    expect(fieldRequired()).toBe('Required value');
    expect(fieldDuplicate('app')).toBe('Duplicate value: "app"');
    expect(fieldInvalid(70000, 'must be between 1 and 65535, inclusive')).toBe('Invalid value: 70000: must be between 1 and 65535, inclusive');
    expect(fieldNotSupported('Gt', ['Equal', 'Exists'])).toBe('Unsupported value: "Gt": supported values: "Equal", "Exists"');
  });

  // The validators accept common valid values by a look at each character (no lookup):
  // that look must agree with the server's regular expressions and length limits
  // (validation.go) on every value, valid or not.
  test('the quick acceptance of valid names agrees with the regular expressions', () => {
    const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
    const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
    const qname = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
    const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
    const qualified = (v: string) => {
      const parts = v.split('/');
      if (parts.length === 1) return v.length <= 63 && qname.test(v);
      return parts.length === 2 && parts[0]!.length <= 253 && subdomain.test(parts[0]!) && parts[1]!.length <= 63 && qname.test(parts[1]!);
    };
    const alphabet = ['a', 'z', '0', '9', '-', '.', '_', '/', 'A', 'Z', ' ', 'é'];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const values = ['', 'a', '-', '.', 'a-', '-a', 'a.b', 'a..b', 'a.-b', 'a-.b', 'a/b', '/a', 'a/', 'a//b', 'example.com/Name', 'a'.repeat(63), 'a'.repeat(64), `${'a'.repeat(253)}/b`, `${'a'.repeat(254)}/b`, `${'a.'.repeat(126)}a`, `${'a.'.repeat(127)}a`];
    for (let n = 0; n < 20_000; n++) {
      const length = next() % 9;
      let v = '';
      for (let k = 0; k < length; k++) v += alphabet[next() % alphabet.length];
      values.push(v);
    }
    const disagree: string[] = [];
    let valid = 0;
    for (const v of values) {
      const pairs: [string, boolean, boolean][] = [
        ['label', isDNS1123Label(v).length === 0, v.length <= 63 && label.test(v)],
        ['subdomain', isDNS1123Subdomain(v).length === 0, v.length <= 253 && subdomain.test(v)],
        ['qualified name', isQualifiedName(v).length === 0, qualified(v)],
        ['label value', isValidLabelValue(v).length === 0, v.length <= 63 && labelValue.test(v)],
      ];
      for (const [what, got, want] of pairs) {
        if (got !== want) disagree.push(`${what} ${JSON.stringify(v)}: ${got}`);
        if (want) valid++;
      }
    }
    expect(disagree).toEqual([]);
    expect(valid).toBeGreaterThan(1000); // the values include many valid ones, not only invalid ones
  });
});
