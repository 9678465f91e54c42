import rule from '../../../lib/validation/rules/static-pod-api-references';
import { ruleTester } from '../rule-tester';

const staticPod = (spec: Record<string, unknown>) => ({
  input: { staticPod: true, object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'etcd', namespace: 'kube-system' }, spec } },
});
const c = (extra: Record<string, unknown> = {}) => ({ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.9-0', ...extra });
const refusal = 'a static Pod cannot refer to other API objects (the API server refuses its mirror Pod)';

ruleTester(rule, {
  valid: [
    { name: 'hostPath, emptyDir, downward API and literal env', ...staticPod({
      containers: [c({ env: [{ name: 'A', value: '1' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] })],
      volumes: [
        { name: 'certs', hostPath: { path: '/etc/kubernetes/pki' } },
        { name: 'tmp', emptyDir: {} },
        { name: 'info', projected: { sources: [{ downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
      ],
    }) },
    { name: 'not a static Pod: the rule does not apply',
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { serviceAccountName: 'sa', containers: [c()] } } },
    { name: 'only Pods: a Deployment read from a static folder is left alone',
      input: { staticPod: true, object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
        spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { serviceAccountName: 'sa', containers: [c()] } } } } } },
  ],
  invalid: [
    { name: 'serviceAccountName and serviceAccount', ...staticPod({ serviceAccountName: 'etcd', serviceAccount: 'etcd', containers: [c()] }),
      errors: [
        { path: 'spec.serviceAccountName', message: `static Pod refers to service account "etcd"; ${refusal}` },
        { path: 'spec.serviceAccount', message: `static Pod refers to service account "etcd"; ${refusal}` },
      ] },
    { name: 'imagePullSecrets', ...staticPod({ imagePullSecrets: [{ name: 'regcred' }], containers: [c()] }),
      errors: [{ path: 'spec.imagePullSecrets[0]', message: `static Pod refers to Secret "regcred" (imagePullSecrets); ${refusal}` }] },
    { name: 'Secret, ConfigMap, PVC and CSI volumes', ...staticPod({
      containers: [c()],
      volumes: [
        { name: 'tls', secret: { secretName: 'etcd-tls' } },
        { name: 'conf', configMap: { name: 'settings' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'etcd-data' } },
        { name: 'csi', csi: { driver: 'x', nodePublishSecretRef: { name: 'csi-secret' } } },
      ],
    }),
      errors: [
        { path: 'spec.volumes[0].secret', message: `static Pod refers to Secret "etcd-tls" (volume "tls"); ${refusal}` },
        { path: 'spec.volumes[1].configMap', message: `static Pod refers to ConfigMap "settings" (volume "conf"); ${refusal}` },
        { path: 'spec.volumes[2].persistentVolumeClaim', message: `static Pod refers to PersistentVolumeClaim "etcd-data" (volume "data"); ${refusal}` },
        { path: 'spec.volumes[3].csi', message: `static Pod refers to Secret "csi-secret" (volume "csi"); ${refusal}` },
      ] },
    { name: 'projected Secret, ConfigMap, service-account token and ClusterTrustBundle', ...staticPod({
      containers: [c()],
      volumes: [{ name: 'all', projected: { sources: [
        { secret: { name: 's' } }, { configMap: { name: 'cm' } },
        { serviceAccountToken: { path: 'token' } }, { clusterTrustBundle: { name: 'b', path: 'ca' } },
      ] } }],
    }),
      errors: [
        { path: 'spec.volumes[0].projected.sources[0].secret', message: `static Pod refers to Secret "s" (volume "all"); ${refusal}` },
        { path: 'spec.volumes[0].projected.sources[1].configMap', message: `static Pod refers to ConfigMap "cm" (volume "all"); ${refusal}` },
        { path: 'spec.volumes[0].projected.sources[2].serviceAccountToken', message: `static Pod refers to a service-account token (volume "all"); ${refusal}` },
        { path: 'spec.volumes[0].projected.sources[3].clusterTrustBundle', message: `static Pod refers to a ClusterTrustBundle (volume "all"); ${refusal}` },
      ] },
    { name: 'envFrom and valueFrom in containers and init containers', ...staticPod({
      containers: [c({ envFrom: [{ configMapRef: { name: 'cm' } }, { secretRef: { name: 's' } }] })],
      initContainers: [c({ name: 'init', env: [
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cm', key: 'mode' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'p' } } },
      ] })],
    }),
      errors: [
        { path: 'spec.containers[0].envFrom[0].configMapRef', message: `static Pod refers to ConfigMap "cm" (container "etcd" envFrom); ${refusal}` },
        { path: 'spec.containers[0].envFrom[1].secretRef', message: `static Pod refers to Secret "s" (container "etcd" envFrom); ${refusal}` },
        { path: 'spec.initContainers[0].env[0].valueFrom.configMapKeyRef', message: `static Pod refers to ConfigMap "cm" (container "init" env MODE); ${refusal}` },
        { path: 'spec.initContainers[0].env[1].valueFrom.secretKeyRef', message: `static Pod refers to Secret "s" (container "init" env PASSWORD); ${refusal}` },
      ] },
  ],
});
