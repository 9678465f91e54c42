/**
 * A List document (`kind: List`, as `kubectl get -o yaml` prints and `kubectl apply`
 * takes) is checked item by item: each item is an object of its own, its findings
 * located and reported under `items[i]` of the document.
 */
import { readYamlString } from '../../lib/validation/yaml/read';
import { Engine } from '../../lib/validation/engine';
import { resolveConfig } from '../../lib/validation/config';
import { RULES } from '../../lib/validation/rules';

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: good
  data:
    a: b
- apiVersion: v1
  kind: Service
  metadata:
    name: Bad_Name
  spec:
    ports:
    - port: 80
      protocol: tcp
`;

function run(text: string) {
  const engine = new Engine(resolveConfig({ k8sVersion: '1.28', podSecurity: 'privileged' }, RULES.map((r) => r.meta.id)));
  for (const input of readYamlString(text, 'list.yaml')) engine.check(input);
  return engine.finish();
}

test('each item is an object of its own; findings are reported at items[i] with the item\'s line', () => {
  const report = run(LIST);
  expect(report.objectCount).toBe(2);
  expect(report.skipped).toEqual([]);
  const errors = report.findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => [f.object.kind, f.object.name, f.path, f.location?.line])).toEqual([
    ['Service', 'Bad_Name', 'items[1].metadata.name', 13],
    ['Service', 'Bad_Name', 'items[1].spec.ports[0].protocol', 17],
  ]);
});

test('a <Kind>List is expanded too; a List without items is not', () => {
  const podList = LIST.replace('kind: List', 'kind: ServiceList');
  expect(run(podList).objectCount).toBe(2);
  expect(run('apiVersion: v1\nkind: List\nmetadata: {}\n').objectCount).toBe(1);
});
