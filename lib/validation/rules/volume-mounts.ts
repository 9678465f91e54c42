import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldForbidden, fieldInvalid, fieldNotFound, fieldNotSupported, fieldRequired } from '../util/k8s-names';
import { localDescendingPath, namesAndPaths, volumeSourcesByName } from '../util/pod-validation';
import { asArray, asString, field, isObject } from '../util/values';

const PROPAGATION = ['Bidirectional', 'HostToContainer', 'None'];

/**
 * volumeMounts: the name must be a volume of the pod, mountPath is required and
 * unique within the container, subPath and subPathExpr are relative without
 * '..' and mutually exclusive, mountPropagation is a known mode (Bidirectional
 * only for privileged containers), and a volume may not be both mounted and
 * used as a device. Follows ValidateVolumeMounts and validateMountPropagation
 * (v1.28). As on the server, subPath and subPathExpr path errors are reported at
 * `volumeMounts.subPath` (no index).
 */
export default podRule({
  id: 'volume-mounts',
  layer: 'api-server',
  severity: 'error',
  description: 'Volume mounts must name a volume of the pod, and use a unique mountPath and a relative subPath.',
  fix: 'Mount only volumes listed under spec.volumes, give each mount its own mountPath, and use a relative subPath without \'..\'.',
  source: 'ValidateVolumeMounts in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  const volumes = volumeSourcesByName(ctx.pod.spec, ctx.target.object);
  for (const c of containersOf(ctx.pod.spec)) {
    const listPath = [...c.path, 'volumeMounts'];
    const { names: deviceNames, paths: devicePaths } = namesAndPaths(c.container, 'volumeDevices');
    const mountPoints = new Set<string>();
    const privileged = field(field(c.container, 'securityContext'), 'privileged') === true;
    asArray(field(c.container, 'volumeMounts')).forEach((m, i) => {
      if (!isObject(m)) return;
      const at = [...listPath, i];
      const name = asString(field(m, 'name')) ?? '';
      const mountPath = asString(field(m, 'mountPath')) ?? '';
      if (name === '') ctx.report({ path: [...at, 'name'], message: fieldRequired() });
      if (!volumes.has(name)) ctx.report({ path: [...at, 'name'], message: fieldNotFound(name) });
      if (mountPath === '') ctx.report({ path: [...at, 'mountPath'], message: fieldRequired() });
      if (mountPoints.has(mountPath)) ctx.report({ path: [...at, 'mountPath'], message: fieldInvalid(mountPath, 'must be unique') });
      mountPoints.add(mountPath);
      if (deviceNames.has(name)) ctx.report({ path: [...at, 'name'], message: fieldInvalid(name, 'must not already exist in volumeDevices') });
      if (devicePaths.has(mountPath)) ctx.report({ path: [...at, 'mountPath'], message: fieldInvalid(mountPath, 'must not already exist as a path in volumeDevices') });
      const subPath = asString(field(m, 'subPath')) ?? '';
      const subPathExpr = asString(field(m, 'subPathExpr')) ?? '';
      // The server names subPath, subPathExpr and mountPropagation by the list's path, without
      // the mount's index; each finding is told its field (Violation.field).
      if (subPath !== '') for (const e of localDescendingPath(subPath, [...listPath, 'subPath'])) ctx.report({ ...e, field: [...at, 'subPath'] });
      if (subPathExpr !== '') {
        if (subPath !== '') ctx.report({ path: [...at, 'subPathExpr'], message: fieldInvalid(subPathExpr, 'subPathExpr and subPath are mutually exclusive') });
        for (const e of localDescendingPath(subPathExpr, [...listPath, 'subPathExpr'])) ctx.report({ ...e, field: [...at, 'subPathExpr'] });
      }
      const propagation = field(m, 'mountPropagation');
      if (typeof propagation === 'string') {
        const pPath = [...listPath, 'mountPropagation'];
        const real = [...at, 'mountPropagation'];
        if (!PROPAGATION.includes(propagation)) ctx.report({ path: pPath, message: fieldNotSupported(propagation, PROPAGATION), field: real });
        else if (propagation === 'Bidirectional' && !privileged) {
          ctx.report({ path: pPath, message: fieldForbidden('Bidirectional mount propagation is available only to privileged containers'), field: real });
        }
      }
    });
  }
});
