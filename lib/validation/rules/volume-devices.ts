import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldInvalid, fieldNotFound, fieldRequired } from '../util/k8s-names';
import { namesAndPaths, volumeSourcesByName } from '../util/pod-validation';
import { asArray, asString, field, isObject } from '../util/values';

/**
 * volumeDevices (raw block devices): the name must be a persistentVolumeClaim or
 * ephemeral volume of the pod, unique in the container; devicePath is required,
 * unique and without '..'; a volume may not be both a device and a mount.
 * Follows ValidateVolumeDevices (v1.28).
 */
export default podRule({
  id: 'volume-devices',
  layer: 'api-server',
  severity: 'error',
  description: 'Volume devices must name a persistentVolumeClaim or ephemeral volume of the pod, with a unique devicePath.',
  fix: 'List the volume under spec.volumes as a persistentVolumeClaim or ephemeral volume, and give each device its own devicePath without \'..\'.',
  source: 'ValidateVolumeDevices in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  const volumes = volumeSourcesByName(ctx.pod.spec, ctx.target.object);
  for (const c of containersOf(ctx.pod.spec)) {
    const { names: mountNames, paths: mountPaths } = namesAndPaths(c.container, 'volumeMounts');
    const names = new Set<string>();
    const paths = new Set<string>();
    asArray(field(c.container, 'volumeDevices')).forEach((d, i) => {
      if (!isObject(d)) return;
      const at = [...c.path, 'volumeDevices', i];
      const name = asString(field(d, 'name')) ?? '';
      const devicePath = asString(field(d, 'devicePath')) ?? '';
      const sources = volumes.get(name);
      if (name === '') ctx.report({ path: [...at, 'name'], message: fieldRequired() });
      if (names.has(name)) ctx.report({ path: [...at, 'name'], message: fieldInvalid(name, 'must be unique') });
      if (sources && !sources.some((s) => s === 'persistentVolumeClaim' || s === 'ephemeral')) {
        ctx.report({ path: [...at, 'name'], message: fieldInvalid(name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode') });
      }
      if (!sources) ctx.report({ path: [...at, 'name'], message: fieldNotFound(name) });
      if (devicePath === '') ctx.report({ path: [...at, 'devicePath'], message: fieldRequired() });
      if (paths.has(devicePath)) ctx.report({ path: [...at, 'devicePath'], message: fieldInvalid(devicePath, 'must be unique') });
      if (devicePath !== '' && devicePath.split('/').includes('..')) {
        ctx.report({ path: [...at, 'devicePath'], message: fieldInvalid(devicePath, "can not contain backsteps ('..')") });
      } else {
        paths.add(devicePath);
      }
      if (mountNames.has(name)) ctx.report({ path: [...at, 'name'], message: fieldInvalid(name, 'must not already exist in volumeMounts') });
      if (mountPaths.has(devicePath)) ctx.report({ path: [...at, 'devicePath'], message: fieldInvalid(devicePath, 'must not already exist as a path in volumeMounts') });
      if (name !== '') names.add(name);
    });
  }
});
