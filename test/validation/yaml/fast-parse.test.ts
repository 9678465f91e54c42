import * as fs from 'fs';
import * as path from 'path';
import { fastParse } from '../../../lib/validation/yaml/fast-parse';
import { compare } from './compare-readers';
import { WEBSITE_EXAMPLES } from '../../fixtures/website-examples';

/**
 * The fast path must read every document it accepts exactly as the full reader does:
 * the same object, no problems, and the same location for every field.
 */
const corpus = WEBSITE_EXAMPLES;
const exampleFiles = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(dir, e.name);
  return e.isDirectory() ? exampleFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
});

const TRICKY = `apiVersion: v1
kind: ConfigMap
metadata:
  name: tricky
  labels: {a: "1", b: 'x'}
data:
  yes: yes
  bools: [y, Y, n, N, Yes, YES, no, NO, True, TRUE, False, FALSE, On, ON, Off, OFF, Null, NULL, Falsey, nullable, yesterday, onward, offset, trueish]
  switch: on
  quotedOn: "on"
  octal: 0755
  plain: 0x1F
  time: 1:30:00
  float: 1.5e3
  inf: .inf
  empty:
  nullish: ~
  multi: |
    line one
      indented
  folded: >-
    a
    b
  date: 2024-01-01
  "__proto__": {polluted: yes}
  list:
  - a
  - - nested
    - {k: v}
  - 12
  url: http://example.com:8080/a?b=c
  quoted key: "with \\"escapes\\" and \\u00e9"
`;

test('tricky scalars, keys and positions read the same on both paths', () => {
  const { fast } = compare(TRICKY, 'tricky.yaml');
  expect(fast).toBe(1);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('documents with anchors, tags, merges, tabs, duplicate keys or empty entries go to the full reader', () => {
  compare('a:\nb: 1\n', 'empty-value.yaml');
  for (const text of ['list:\n- a\n-\n- 12\n', 'a:\n  ? complex\n  : value\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: {b: 1}\n<<: {c: 2}\n', 'a:\n\tb: 1\n', 'a: 1\na: 2\n', '%YAML 1.1\n---\na: 1\n']) {
    expect(fastParse(text, 1000)).toBeUndefined();
    compare(text, 'x.yaml');
  }
});

test('every corpus document reads the same on both paths, and nearly all take the fast path', () => {
  let fast = 0;
  let total = 0;
  for (const file of exampleFiles(corpus)) {
    const r = compare(fs.readFileSync(file, 'utf8'), path.relative(corpus, file));
    fast += r.fast;
    total += r.total;
  }
  expect(total).toBeGreaterThan(250);
  expect(fast / total).toBeGreaterThan(0.95); // 317 of 325 when measured; the rest hold tabs or `[ !` in a quoted string
});

test('locations in a document that starts with blank lines (once an endless loop)', () => {
  compare('\n\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n', 'blank-start.yaml');
  expect(fastParse('\n\na:\n  - 1\n', 1000)!.offsetOf(['a', 0])).toBe(9);
});

/** Characters that are YAML syntax in some places, inside scalars where they are not. */
const HELM_STYLE = `# Source: web/templates/deployment.yaml  (a comment with & and * and ! and %)
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    checksum/config: "sha256:abc&def"
    note: 'keep 100% of traffic; see https://example.com/?a=1&b=2#frag'
    description: >-
      Rolls out at 25% surge! Serves *.example.com & /api/* paths.
spec:
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0%
  template:
    spec:
      containers:
      - name: app
        image: ghcr.io/acme/web:1.4.2
        command: ["sh", "-c", "echo done!; cat <<EOF > /tmp/x\\nhello\\nEOF"]
        args: [--rate=50%, --glob=/api/*, --and=a&b]
        env:
        - name: SCHEDULE
          value: "*/5 * * * *"
        - name: BANG
          value: wow!
        - name: PLAIN_STAR
          value: a * b
        - name: PERCENT
          value: 5%
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: "*.example.com"
    http:
      paths:
      - path: /api/*
        pathType: ImplementationSpecific
        backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: '*/5 * * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: tick
            image: busybox:1.36
            command:
            - sh
            - -c
            - |
              date
              echo "50% done & more!" # not a comment inside a block scalar
`;

const BLOCK_SCALARS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: scripts
data:
  crontab: |
    * * * * * /bin/tick
    */5 * * * * /bin/tock
  banner: >-
    Welcome!
    & friends,
    !important
  Makefile: |
    all:
    \tgo build ./...
    %.o: %.c
    \tcc -c $<
  list:
    - |
      &not-an-anchor
    - >
      *not-an-alias
  after: done
`;

test('block scalar lines beginning with *, &, ! or % and tab-indented lines stay on the fast path', () => {
  expect(fastParse(BLOCK_SCALARS, 1000)).toBeDefined();
  compare(BLOCK_SCALARS, 'block.yaml');
});

test('%, *, !, & and << inside scalars and comments stay on the fast path, read as the full reader reads them', () => {
  const { fast, total } = compare(HELM_STYLE, 'helm.yaml');
  expect(total).toBe(3);
  expect(fast).toBe(3);
});

test.each([
  ['an anchor after a sequence dash', 'a:\n- &x 1\n- *x\n'],
  ['an alias in a flow sequence', 'a: &x 1\nb: [*x]\n'],
  ['an alias after a flow comma', 'a: &x 1\nb: [1, *x]\n'],
  ['an alias in a flow mapping', 'a: &x 1\nb: {c: *x}\n'],
  ['an anchor on its own line', 'a:\n  &x\n  b: 1\nc: *x\n'],
  ['a tag after a key', 'a: !!str 1\n'],
  ['a local tag at the start of a line', 'a:\n  !thing\n  b: 1\n'],
  ['a tag on the document start marker', '--- !!map\na: 1\n'],
  ['an alias right after a quoted key', '{"a": &x 1, "b":*x}\n'],
  ['a directive', '%TAG ! tag:example.com,2000:\n---\na: 1\n'],
  ['a merge key', 'base: &b {x: 1}\nm:\n  <<: *b\n'],
  ['a merge key without an alias', 'm:\n  <<: {x: 1}\n  y: 2\n'],
  ['a quoted merge key', 'm:\n  "<<": {x: 1}\n'],
  ['an alias after a comment that ends like a block scalar', 'a: &x 1\nb:\n# note: |\n  c: *x\n'],
  ['an alias after a trailing comment that ends like a block scalar', 'a: &x 1\nb: 2 # note: |\n  \nc: *x\n'],
  ['an alias on the line after a block scalar, at its key', 'a: &x 1\nl:\n  - command: |\n      echo\n    image: *x\n'],
  ['an alias after a block scalar ends', 'a: &x 1\nb: |\n  * not syntax\nc: *x\n'],
  ['a tab outside a block scalar', 'a: |\n  x\nb:\t1\n'],
])('%s goes to the full reader', (_name, text) => {
  expect(fastParse(text, 1000)).toBeUndefined();
  compare(text, 'x.yaml');
});
