import rule from '../../../lib/validation/rules/configmap-data';
import { ruleTester } from '../rule-tester';
import { configMap } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    configMap({ data: { 'game.properties': 'a=b', '.hidden': 'x', KEY_1: 'v' }, binaryData: { 'blob.bin': 'AAEC' } }),
  ],
  invalid: [
    {
      object: configMap({ data: { 'a/b': 'x' } }),
      errors: [{ path: 'data[a/b]', message: "Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')" }],
    },
    { object: configMap({ data: { 'a.txt': 'x' }, binaryData: { 'a.txt': 'AA==' } }), errors: [{ path: 'data[a.txt]', message: 'Invalid value: "a.txt": duplicate of key present in binaryData' }] },
    { object: configMap({ data: { big: 'x'.repeat(1024 * 1024 + 1) } }), errors: [{ path: '', message: 'Too long: must have at most 1048576 bytes' }] },
  ],
});
