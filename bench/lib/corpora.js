'use strict';
/**
 * The validate benchmark's corpora: multi-document YAML files that look like real
 * repositories, each written by `npm run bench` into bench/out (not committed).
 *
 *   cdk8s-plus  cdk8s-plus-28's own rendering (the real library, default settings) of
 *               Deployments (two containers, env, three probes, a volume), StatefulSets
 *               with their Services, Services and ConfigMaps
 *   podwright   podwright's ReplicatedApp (Deployment and StatefulSet), SecurePod and
 *               SidecarPod, from the compiled build
 *   helm        Helm-style text: `# Source:` comments, block scalars, quoted strings, long
 *               annotations, `*`, `!`, `&`, `%` and `#` inside values, Ingresses with
 *               wildcard hosts, CronJobs on `*\/5 * * * *`
 *   website     the Kubernetes website examples, repeated
 *   mix         the four above, interleaved a document at a time
 *
 * Rendering goes a chunk of constructs at a time (one cdk8s App per chunk), so writing a
 * 100,000-document corpus never holds it whole. `test/validation/yaml/bench-corpora.test.ts`
 * runs the fast-path differential test on small samples of each.
 */
const fs = require('fs');
const path = require('path');
const { writeDocuments } = require('./generate');

const ROOT = path.join(__dirname, '..', '..');
const BUILD = path.join(__dirname, '..', 'out', 'build');
const CORPORA = ['cdk8s-plus', 'podwright', 'helm', 'website', 'mix'];

/** podwright's API: the compiled build unless a test hands in the sources (`usePodwright`). */
let podwright;
function usePodwright(mod) {
  podwright = mod;
}

/** Splits rendered multi-document YAML into documents (cdk8s writes `---\n` between them). */
function splitDocs(text) {
  return text.split(/^---\n/m).filter((d) => d.trim() !== '');
}

/** cdk8s-plus-28 with its defaults: documents for units [from, to). */
function plusDocs(from, to) {
  const { App, Chart, Size } = require('cdk8s');
  const kplus = require('cdk8s-plus-28');
  const app = new App();
  const chart = new Chart(app, `plus-${from}`);
  for (let i = from; i < to; i++) {
    switch (i % 4) {
      case 0: {
        const vol = kplus.Volume.fromEmptyDir(chart, `cache-${i}`, 'cache', { sizeLimit: Size.mebibytes(256) });
        const d = new kplus.Deployment(chart, `web-${i}`, { replicas: 1 + (i % 5) });
        d.addContainer({
          name: 'app', image: `registry.example.com/team-${i % 40}/web:1.${i % 9}.${i % 13}`, portNumber: 8080,
          envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue(i % 2 ? 'info' : 'debug'), REPLICA: kplus.EnvValue.fromValue(String(i)) },
          readiness: kplus.Probe.fromHttpGet('/ready'), liveness: kplus.Probe.fromHttpGet('/healthz'), startup: kplus.Probe.fromTcpSocket(),
          volumeMounts: [{ path: '/cache', volume: vol }],
        });
        d.addContainer({ name: 'metrics', image: 'prom/statsd-exporter:v0.27.1', portNumber: 9102 });
        break;
      }
      case 1: {
        new kplus.StatefulSet(chart, `db-${i}`, {
          replicas: 3,
          containers: [{ name: 'db', image: `postgres:16.${i % 4}`, portNumber: 5432, envVariables: { PGDATA: kplus.EnvValue.fromValue('/var/lib/postgresql/data/pgdata') } }],
        });
        break;
      }
      case 2:
        new kplus.Service(chart, `svc-${i}`, { selector: kplus.Pods.select(chart, `sel-${i}`, { labels: { app: `web-${i}` } }), ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
        break;
      default:
        new kplus.ConfigMap(chart, `cfg-${i}`, { data: { 'app.properties': `mode=production\nworkers=${i % 16}\nfeature.flags=a,b,c\n`, LEVEL: 'info' } });
    }
  }
  return splitDocs(app.synthYaml());
}

/** podwright's constructs from the compiled build: documents for units [from, to). */
function podwrightDocs(from, to) {
  const { App, Chart } = require('cdk8s');
  const pw = podwright ?? require(path.join(BUILD, 'lib', 'index.js'));
  const app = new App();
  const chart = new Chart(app, `pw-${from}`);
  for (let i = from; i < to; i++) {
    const image = `registry.example.com/team-${i % 40}/api:2.${i % 9}.${i % 13}`;
    switch (i % 4) {
      case 0: {
        const a = new pw.ReplicatedApp(chart, `api-${i}`, {
          image, replicas: 2 + (i % 3), ports: [{ number: 8080, name: 'http' }],
          readinessProbe: pw.Probe.httpGet('/ready', 'http'), livenessProbe: pw.Probe.httpGet('/healthz', 'http'),
          service: { ports: [{ targetPort: 'http', port: 80 }] },
        });
        const shipper = a.addSidecar({ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9' });
        a.pod.shareDirectory('logs', '/var/log/app', a.main, [shipper], { sizeLimit: '256Mi' });
        break;
      }
      case 1:
        new pw.ReplicatedApp(chart, `cache-${i}`, {
          kind: 'StatefulSet', image: 'redis:7.2-alpine', replicas: 3, ports: [{ number: 6379, name: 'redis' }],
          security: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
          readinessProbe: pw.Probe.exec(['redis-cli', 'ping']), livenessProbe: pw.Probe.tcp('redis'),
          statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi', mountPath: '/data' }] },
        });
        break;
      case 2:
        new pw.SecurePod(chart, `job-${i}`, { containers: [{ name: 'task', image, command: ['/bin/task', `--shard=${i % 8}`] }], restartPolicy: 'Never' });
        break;
      default: {
        const p = new pw.SidecarPod(chart, `edge-${i}`, { main: { name: 'web', image, ports: [{ number: 8080, name: 'http' }] } });
        p.addLogShipper({ name: 'shipper', image: 'fluent/fluent-bit:3.1.9', logDir: '/var/log/web' });
      }
    }
  }
  return splitDocs(app.synthYaml());
}

/** Helm-style text, as `helm template` prints it. */
function helmDoc(i) {
  const name = `rel${i % 97}-svc-${i}`;
  const labels = `    app.kubernetes.io/name: svc-${i}
    app.kubernetes.io/instance: rel${i % 97}
    app.kubernetes.io/managed-by: Helm
    helm.sh/chart: svc-1.${i % 10}.0`;
  switch (i % 6) {
    case 0: return `# Source: svc/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
${labels}
  annotations:
    checksum/config: "${'a1b2c3d4e5f6'.repeat(5)}${i}"
    description: "Serves *.example.com & /api/* at 100% capacity; don't panic!"
spec:
  replicas: ${1 + (i % 4)}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels:
      app.kubernetes.io/name: svc-${i}
      app.kubernetes.io/instance: rel${i % 97}
  template:
    metadata:
      labels:
${labels.replace(/^ {4}/gm, '        ')}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: svc
          image: "ghcr.io/acme/svc:1.${i % 20}.${i % 7}"
          imagePullPolicy: IfNotPresent
          args:
            - --listen=:8080
            - --rate-limit=80%
            - --allowed-paths=/api/*,/static/*
          command: ["sh", "-c", "exec /app/svc \\"$@\\" # done!"]
          env:
            - name: GREETING
              value: 'Hello & welcome!'
            - name: DSN
              value: "postgres://user@db:5432/app?sslmode=require&connect_timeout=5"
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          readinessProbe:
            httpGet:
              path: /ready
              port: http
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
`;
    case 1: return `# Source: svc/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  labels:
${labels}
spec:
  type: ClusterIP
  ports:
    - port: 80
      targetPort: http
      protocol: TCP
      name: http
  selector:
    app.kubernetes.io/name: svc-${i}
    app.kubernetes.io/instance: rel${i % 97}
`;
    case 2: return `# Source: svc/templates/ingress.yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  labels:
${labels}
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /$2
    nginx.ingress.kubernetes.io/configuration-snippet: |
      more_set_headers "X-Frame-Options: DENY";
      # keep 100% of requests & log them!
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - "*.apps${i % 13}.example.com"
      secretName: wildcard-tls
  rules:
    - host: "*.apps${i % 13}.example.com"
      http:
        paths:
          - path: /api/*
            pathType: ImplementationSpecific
            backend:
              service:
                name: ${name}
                port:
                  name: http
`;
    case 3: return `# Source: svc/templates/cronjob.yaml
apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}-tick
  labels:
${labels}
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
            seccompProfile:
              type: RuntimeDefault
          containers:
            - name: tick
              image: "busybox:1.36"
              command:
                - /bin/sh
                - -c
                - |
                  set -eu
                  echo "tick at $(date +%s)!" # a comment inside a block scalar
                  [ -f /tmp/lock ] && exit 0 || true
              resources:
                requests:
                  cpu: 10m
                  memory: 16Mi
                limits:
                  memory: 32Mi
              securityContext:
                allowPrivilegeEscalation: false
                capabilities:
                  drop: ["ALL"]
`;
    case 4: return `# Source: svc/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  labels:
${labels}
data:
  nginx.conf: |
    worker_processes auto;
    events { worker_connections 1024; }
    http {
      log_format main '$remote_addr - $remote_user [$time_local] "$request" $status';
      server { listen 8080; location /api/ { proxy_pass http://127.0.0.1:9000; } }
    }
  ratio: "50%"
  banner: >
    Welcome! This service answers *.example.com
    & friends.
  query: 'a=1&b=2&c=%20'
`;
    default: return `# Source: svc/templates/secret.yaml
apiVersion: v1
kind: Secret
metadata:
  name: ${name}-secret
  labels:
${labels}
type: Opaque
data:
  password: ${Buffer.from(`p@ss&w0rd!${i}`).toString('base64')}
stringData:
  url: "https://user:pa%24%24@db.example.com/?x=1&y=2"
`;
  }
}

/** The website examples, each document with content, in a stable order. */
function websiteDocs() {
  const dirs = [path.join(ROOT, 'test', 'fixtures', 'k8s-website-examples'), path.join(ROOT, '..', 'shared', 'corpus', 'k8s-website-examples')];
  const dir = dirs.find((d) => fs.existsSync(d));
  if (!dir) throw new Error(`the website examples are not at ${dirs.join(' or ')}`);
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) files.push(p);
    }
  };
  walk(dir);
  const docs = [];
  for (const f of files) {
    for (const d of fs.readFileSync(f, 'utf8').split(/^---[ \t]*$/m)) {
      if (d.replace(/^\s*#.*$/gm, '').trim() === '') continue;
      docs.push(d.replace(/^\n+/, '').replace(/\n*$/, '\n'));
    }
  }
  return docs;
}

/**
 * Rendered corpora render this many units once, then repeat them with every unit and
 * chart name suffixed (`api-7` -> `api-7-r2`), so names stay unique and a 100,000-document
 * corpus takes seconds to write, not minutes of construct rendering.
 */
const DISTINCT_UNITS = 1000;
const UNIT_TOKEN = /\b(plus|pw|api|cache|job|edge|web|db|svc|cfg|sel)-(\d+)\b/g;

/** A source of documents for one corpus: `next()` returns the next document's text. */
function source(name, chunk = 500) {
  let i = 0;
  const rendered = (render) => {
    const base = [];
    let copy = 0;
    let unit = 0;
    let buffer = [];
    return () => {
      while (buffer.length === 0) {
        if (unit < DISTINCT_UNITS) {
          buffer = render(unit, Math.min(unit + chunk, DISTINCT_UNITS));
          base.push(...buffer);
          unit += chunk;
        } else {
          copy++;
          buffer = base.map((d) => d.replace(UNIT_TOKEN, `$1-$2-r${copy}`));
        }
      }
      return buffer.shift();
    };
  };
  switch (name) {
    case 'cdk8s-plus': return rendered(plusDocs);
    case 'podwright': return rendered(podwrightDocs);
    case 'helm': return () => helmDoc(i++);
    case 'website': {
      const docs = websiteDocs();
      return () => docs[i++ % docs.length];
    }
    case 'mix': {
      const parts = ['cdk8s-plus', 'podwright', 'helm', 'website'].map((n) => source(n, chunk));
      return () => parts[i++ % parts.length]();
    }
    default: throw new Error(`unknown corpus ${name}`);
  }
}

/** The first `count` documents of a corpus, as texts (for tests and samples). */
function sample(name, count) {
  const next = source(name, Math.max(4, Math.ceil(count / 4)));
  return Array.from({ length: count }, () => next());
}

/** Writes `count` documents of a corpus to `file`, a chunk at a time. */
function writeCorpus(name, file, count) {
  const next = source(name);
  writeDocuments(file, count, () => next());
}

module.exports = { CORPORA, sample, writeCorpus, usePodwright };
