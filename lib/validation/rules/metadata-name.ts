import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldRequired } from '../util/k8s-names';
import { CRONJOB_NAME_MAX, nameErrors } from '../util/object-names';
import { dig } from '../util/object-checks';

export default objectRule({
  id: 'metadata-name',
  layer: 'api-server',
  severity: 'error',
  description: 'metadata.name (or generateName) must be present and a valid name for the kind.',
  fix: 'Set metadata.name to lower-case letters, digits and \'-\' (a DNS-1035 label for Services, a DNS-1123 label for Namespaces and StatefulSets, a DNS-1123 subdomain otherwise; RBAC objects only may not contain \'/\' or \'%\').',
  source: 'ValidateObjectMetaAccessor in staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go; name functions in pkg/apis/core/validation, pkg/apis/apps/validation and pkg/apis/rbac/validation (ValidateRBACName); ValidateCronJobCreate in pkg/apis/batch/validation (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/',
  customResources: true,
}, (ctx) => {
  const { object } = ctx.target;
  // Custom resources: always a DNS-1123 subdomain (apiextensions-apiserver customresource validator), whatever the kind's name.
  const kind = ctx.target.customResource ? '' : ctx.target.kind;
  const name = dig(object, ['metadata', 'name']);
  const generateName = dig(object, ['metadata', 'generateName']);
  const hasName = typeof name === 'string' && name !== '';
  const hasGenerate = typeof generateName === 'string' && generateName !== '';
  if (hasGenerate) {
    for (const msg of nameErrors(kind, generateName, true)) {
      ctx.report({ path: ['metadata', 'generateName'], message: fieldInvalid(generateName, msg) });
    }
  }
  if (!hasName) {
    if (!hasGenerate) ctx.report({ path: ['metadata', 'name'], message: fieldRequired('name or generateName is required') });
    return;
  }
  for (const msg of nameErrors(kind, name, false)) {
    ctx.report({ path: ['metadata', 'name'], message: fieldInvalid(name, msg) });
  }
  if (kind === 'CronJob' && Buffer.byteLength(name, 'utf8') > CRONJOB_NAME_MAX) {
    ctx.report({ path: ['metadata', 'name'], message: fieldInvalid(name, `must be no more than ${CRONJOB_NAME_MAX} characters`) });
  }
});
