import { Path } from '../types';
import { containersOf } from '../util/containers';
import { podRule } from '../util/define-rule';
import { asArray, asString, field, isObject } from '../util/values';

/** Volume sources that name a Secret, and where (after VisitPodSecretNames in pkg/api/v1/pod/util.go). */
const SECRET_VOLUME_REFS: readonly (readonly [string, readonly string[]])[] = [
  ['azureFile', ['secretName']],
  ['cephfs', ['secretRef', 'name']],
  ['cinder', ['secretRef', 'name']],
  ['csi', ['nodePublishSecretRef', 'name']],
  ['flexVolume', ['secretRef', 'name']],
  ['iscsi', ['secretRef', 'name']],
  ['rbd', ['secretRef', 'name']],
  ['scaleIO', ['secretRef', 'name']],
  ['secret', ['secretName']],
  ['storageos', ['secretRef', 'name']],
];

const DOCS = 'https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/';

function dig(obj: unknown, keys: readonly string[]): unknown {
  let cur = obj;
  for (const k of keys) cur = field(cur, k);
  return cur;
}

/**
 * A static Pod cannot refer to other API objects. The kubelet runs a static Pod
 * without the API server and then asks the API server for a mirror Pod; the
 * NodeRestriction admission plugin refuses a mirror Pod that names a service
 * account, a Secret, a ConfigMap or a PersistentVolumeClaim (admitPodCreate in
 * plugin/pkg/admission/noderestriction/admission.go: "node %q can not create pods
 * that reference secrets", ...), and the node authorizer does not let the kubelet
 * read objects for a pod the API does not know. The static Pods page says it
 * plainly: "The spec of a static Pod cannot refer to other API objects (e.g.,
 * ServiceAccount, ConfigMap, Secret, etc)." A projected service-account token needs a
 * service account too, so it is refused as well.
 */
export default podRule({
  id: 'static-pod-api-references',
  layer: 'api-server',
  severity: 'error',
  staticPodOnly: true,
  kinds: ['Pod'],
  description: 'A static Pod must not refer to other API objects (service account, ConfigMaps, Secrets, PersistentVolumeClaims, service-account tokens).',
  fix: 'Put the files on the node and mount them with a hostPath volume, pass values as literal env values, and remove serviceAccountName; or run the pod through the API server.',
  source: 'admitPodCreate in plugin/pkg/admission/noderestriction/admission.go (v1.28); the static Pods task page',
  docsUrl: DOCS,
}, (ctx) => {
  const spec = ctx.pod.spec;
  const report = (path: Path, what: string) => ctx.report({
    path,
    message: `static Pod refers to ${what}; a static Pod cannot refer to other API objects (the API server refuses its mirror Pod)`,
  });
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const name = asString(field(spec, key));
    if (name) report([key], `service account "${name}"`);
  }
  asArray(field(spec, 'imagePullSecrets')).forEach((s, i) => {
    report(['imagePullSecrets', i], `Secret "${asString(field(s, 'name')) ?? ''}" (imagePullSecrets)`);
  });
  asArray(field(spec, 'volumes')).forEach((v, i) => {
    if (!isObject(v)) return;
    const volume = asString(field(v, 'name')) ?? '';
    for (const [source, keys] of SECRET_VOLUME_REFS) {
      const name = asString(dig(field(v, source), keys));
      if (name !== undefined) report(['volumes', i, source], `Secret "${name}" (volume "${volume}")`);
    }
    const cm = field(v, 'configMap');
    if (isObject(cm)) report(['volumes', i, 'configMap'], `ConfigMap "${asString(field(cm, 'name')) ?? ''}" (volume "${volume}")`);
    const pvc = field(v, 'persistentVolumeClaim');
    if (isObject(pvc)) report(['volumes', i, 'persistentVolumeClaim'], `PersistentVolumeClaim "${asString(field(pvc, 'claimName')) ?? ''}" (volume "${volume}")`);
    asArray(dig(v, ['projected', 'sources'])).forEach((s, j) => {
      const at: Path = ['volumes', i, 'projected', 'sources', j];
      const sec = field(s, 'secret');
      if (isObject(sec)) report([...at, 'secret'], `Secret "${asString(field(sec, 'name')) ?? ''}" (volume "${volume}")`);
      const pcm = field(s, 'configMap');
      if (isObject(pcm)) report([...at, 'configMap'], `ConfigMap "${asString(field(pcm, 'name')) ?? ''}" (volume "${volume}")`);
      if (isObject(field(s, 'serviceAccountToken'))) report([...at, 'serviceAccountToken'], `a service-account token (volume "${volume}")`);
      if (isObject(field(s, 'clusterTrustBundle'))) report([...at, 'clusterTrustBundle'], `a ClusterTrustBundle (volume "${volume}")`);
    });
  });
  for (const c of containersOf(spec)) {
    asArray(field(c.container, 'envFrom')).forEach((ef, i) => {
      const cmRef = field(ef, 'configMapRef');
      if (isObject(cmRef)) report([...c.path, 'envFrom', i, 'configMapRef'], `ConfigMap "${asString(field(cmRef, 'name')) ?? ''}" (container "${c.name}" envFrom)`);
      const secRef = field(ef, 'secretRef');
      if (isObject(secRef)) report([...c.path, 'envFrom', i, 'secretRef'], `Secret "${asString(field(secRef, 'name')) ?? ''}" (container "${c.name}" envFrom)`);
    });
    asArray(field(c.container, 'env')).forEach((e, i) => {
      const env = asString(field(e, 'name')) ?? '';
      const from = field(e, 'valueFrom');
      const cmKey = field(from, 'configMapKeyRef');
      if (isObject(cmKey)) report([...c.path, 'env', i, 'valueFrom', 'configMapKeyRef'], `ConfigMap "${asString(field(cmKey, 'name')) ?? ''}" (container "${c.name}" env ${env})`);
      const secKey = field(from, 'secretKeyRef');
      if (isObject(secKey)) report([...c.path, 'env', i, 'valueFrom', 'secretKeyRef'], `Secret "${asString(field(secKey, 'name')) ?? ''}" (container "${c.name}" env ${env})`);
    });
  }
});
