import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldInvalid, fieldRequired } from '../util/k8s-names';
import { REFUSED_PODS } from '../util/pod-validation';
import { field } from '../util/values';

/**
 * Every container needs an image (validateContainerCommon, v1.28), and the image may
 * not have leading or trailing whitespace (validateContainersOnlyForPod): the server
 * accepts such a template, then refuses every Pod the controller makes from it.
 */
export default podRule({
  id: 'container-image-required',
  layer: 'api-server',
  severity: 'error',
  description: 'Every container, init container and ephemeral container needs an image.',
  fix: 'Set image to the container image reference, for example registry.example.com/app:1.2.3.',
  source: 'validateContainerCommon and validateContainersOnlyForPod in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec)) {
    const image = field(c.container, 'image');
    if (image === undefined || image === null || image === '') {
      ctx.report({ path: [...c.path, 'image'], message: fieldRequired() });
    } else if (typeof image === 'string' && image.trim() !== image) {
      const message = fieldInvalid(image, 'must not have leading or trailing whitespace');
      ctx.report({ path: [...c.path, 'image'], message: ctx.pod.template ? REFUSED_PODS + message : message });
    }
  }
});
