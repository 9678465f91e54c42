import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { asArray, asString, field, isObject } from '../util/values';

/**
 * A volume that no container mounts (or uses as a block device) does nothing but cost:
 * an emptyDir still takes node disk, a Secret or ConfigMap volume still has to exist for
 * the pod to start. Usually a mount was forgotten or a name mistyped. The API server
 * accepts it; this is a practice warning. (podwright's own check; the SharedVolumePod
 * construct relies on it.)
 */
export default podRule({
  id: 'volume-unused',
  layer: 'practice',
  severity: 'warning',
  description: 'Every volume of a pod should be mounted by at least one container.',
  fix: 'Mount the volume in the container that needs it (volumeMounts), or remove it from spec.volumes.',
  source: 'podwright practice (a declared volume with no volumeMounts or volumeDevices entry)',
  docsUrl: 'https://kubernetes.io/docs/concepts/storage/volumes/',
}, (ctx) => {
  const used = new Set<string>();
  for (const c of containersOf(ctx.pod.spec)) {
    for (const list of ['volumeMounts', 'volumeDevices']) {
      for (const m of asArray(field(c.container, list))) {
        const name = asString(field(m, 'name'));
        if (name !== undefined) used.add(name);
      }
    }
  }
  asArray(field(ctx.pod.spec, 'volumes')).forEach((v, i) => {
    if (!isObject(v)) return;
    const name = asString(field(v, 'name'));
    if (name === undefined || name === '' || used.has(name)) return;
    ctx.report({ path: ['volumes', i], message: `volume "${name}" is declared but no container mounts it` });
  });
});
