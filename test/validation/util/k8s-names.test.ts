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
});
