/**
 * Image references as the kubelet parses them: reference.ParseNormalizedNamed of
 * github.com/docker/distribution/reference (v2.8, vendored by Kubernetes 1.28 and
 * called from pkg/kubelet/images, parsers.ParseImageName). An image it cannot parse
 * leaves the pod in InvalidImageName; the API server accepts it.
 *
 * The grammar (reference/reference.go):
 *   reference        := name [ ":" tag ] [ "@" digest ]
 *   name             := [domain '/'] path-component ['/' path-component]*
 *   domain           := domain-component ['.' domain-component]* [':' port-number]
 *   domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 *   path-component   := alpha-numeric [separator alpha-numeric]*
 *   alpha-numeric    := /[a-z0-9]+/
 *   separator        := /[_.]|__|[-]*\/
 *   tag              := /[\w][\w.-]{0,127}/
 *   digest           := algorithm ":" hex, algorithm := /[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*\/, hex := /[0-9a-fA-F]{32,}/
 * and a name of at most 255 characters (NameTotalLengthMax).
 */
const ALNUM = '[a-z0-9]+';
// The grammar's `[-]*` may match nothing; here `[-]+`: the same strings (an empty
// separator joins two alpha-numeric runs into one), and no nested quantifier that a
// backtracking engine could take exponential time over (Go's regexp is linear; this is not).
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_IDENTIFIER = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/**
 * Why the kubelet cannot parse an image reference, in the library's words
 * ("repository name must be lowercase"), or undefined when it can.
 */
export function imageReferenceProblem(image: string): string | undefined {
  if (ANCHORED_IDENTIFIER.test(image)) return 'cannot specify 64-byte hexadecimal strings';
  // splitDockerDomain: the first component is a registry when it has a '.' or ':', is
  // localhost, or has capitals; otherwise the image is on Docker Hub.
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  const hasDomain = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let remote = hasDomain ? image.slice(slash + 1) : image;
  const colon = remote.indexOf(':');
  if (colon !== -1) remote = remote.slice(0, colon);
  if (remote.toLowerCase() !== remote) return 'repository name must be lowercase';
  const m = REFERENCE.exec(image);
  if (!m) {
    const tag = image.slice(image.lastIndexOf(':') + 1);
    if (image.includes(':') && !image.includes('@') && !tag.includes('/') && !/^[\w][\w.-]{0,127}$/.test(tag)) {
      return 'the tag must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"';
    }
    return 'invalid reference format';
  }
  if (m[1]!.length > NAME_TOTAL_LENGTH_MAX) return `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`;
  return undefined;
}
