import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { field } from '../util/values';

/**
 * The tag of an image reference, or undefined when it has none. A digest (`@sha256:...`)
 * pins the image, so it returns the digest. The tag is the part after the last ':' of the
 * last path component (a ':' before a '/' belongs to a registry port).
 */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : undefined;
}

export default podRule({
  id: 'image-tag-latest',
  layer: 'practice',
  severity: 'warning',
  description: 'Container images should be pinned to a tag other than latest, or to a digest.',
  fix: 'Pin the image to a version tag (nginx:1.25.3) or a digest (nginx@sha256:...).',
  source: 'kube-linter latest-tag; Polaris tagNotSpecified; kube-score container-image-tag',
  docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec)) {
    const image = field(c.container, 'image');
    if (typeof image !== 'string' || image.trim() === '') continue;
    const tag = imageTag(image);
    if (tag === undefined) {
      ctx.report({ path: [...c.path, 'image'], message: `container "${c.name}" uses image "${image}" without a tag, which means :latest; the image can change under a running workload` });
    } else if (tag === 'latest') {
      ctx.report({ path: [...c.path, 'image'], message: `container "${c.name}" uses image "${image}"; :latest can change under a running workload` });
    }
  }
});
