import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { CONTROLLER_KINDS } from '../util/controller-objects';
import { fieldInvalid, fieldRequired } from '../util/k8s-names';
import { field } from '../util/values';

/**
 * Every container needs an image (validateContainerCommon, v1.28). For Pods the image may
 * not have leading or trailing whitespace (validateContainersOnlyForPod). The server does
 * not check that in a pod template, but it refuses every Pod a controller creates from one,
 * so templates of Deployments, StatefulSets, Jobs, ... are held to it too (a PodTemplate
 * object, which nothing creates Pods from, is not).
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
    } else if (typeof image === 'string' && image.trim() !== image && (!ctx.pod.template || CONTROLLER_KINDS.includes(ctx.target.kind))) {
      const message = fieldInvalid(image, 'must not have leading or trailing whitespace');
      ctx.report({
        path: [...c.path, 'image'],
        message: ctx.pod.template ? `${message} (the API server accepts the template but refuses every Pod the ${ctx.target.kind}'s controller creates from it)` : message,
      });
    }
  }
});
