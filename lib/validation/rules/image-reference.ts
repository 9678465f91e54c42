import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { imageReferenceProblem } from '../util/image-reference';
import { field } from '../util/values';

/**
 * Every container image must be a reference the kubelet can parse (the
 * docker/distribution reference grammar: lowercase repository path, tag
 * `[\w][\w.-]{0,127}`, `algorithm:hex` digest; lib/validation/util/image-reference.ts).
 * The API server accepts any non-blank string, so `ghcr.io/Acme/Web:1.4.2` is admitted
 * and the pod never starts (InvalidImageName).
 */
export default podRule({
  id: 'image-reference',
  layer: 'practice',
  severity: 'error',
  description: 'Container images must be references the kubelet can parse: lowercase repository, valid tag and digest.',
  fix: 'Write the image as [registry[:port]/]repository[:tag][@digest] with a lowercase repository path, for example ghcr.io/acme/web:1.4.2.',
  source: 'reference.ParseNormalizedNamed in github.com/docker/distribution/reference (v2.8, used by the kubelet in Kubernetes 1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec)) {
    const image = field(c.container, 'image');
    // A blank image, or one with surrounding whitespace, is the API server's to refuse.
    if (typeof image !== 'string' || image.trim() === '' || image.trim() !== image) continue;
    const problem = imageReferenceProblem(image);
    if (problem) {
      ctx.report({
        path: [...c.path, 'image'],
        message: `container "${c.name}" image "${image}" is not a valid image reference (${problem}); the API server accepts it, but the kubelet cannot pull it and the pod never starts (InvalidImageName)`,
      });
    }
  }
});
