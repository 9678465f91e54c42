import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { asArray, field } from '../util/values';

/** Names that look like they hold a secret (kube-linter env-var-secret matches `(?i).*secret.*`; this widens it). */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)/i;
/** Names that point at a secret rather than hold one (a file, a path, the Secret's name). */
const REFERENCE_SUFFIX = /_(FILE|PATH|DIR|NAME|REF|URL|ENDPOINT)$/i;
/** Switch-like values (MYSQL_ALLOW_EMPTY_PASSWORD: "1") configure, they do not hold a secret. */
const FLAG_VALUE = /^(true|false|yes|no|on|off|0|1)$/i;

export default podRule({
  id: 'env-secret-literal',
  layer: 'practice',
  severity: 'warning',
  description: 'Environment variables that look like secrets should come from a Secret, not a literal value.',
  fix: 'Move the value into a Secret and use env[].valueFrom.secretKeyRef (or mount the Secret as a file).',
  source: 'kube-linter env-var-secret; Polaris sensitiveContainerEnvVar',
  docsUrl: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec)) {
    asArray(field(c.container, 'env')).forEach((e, i) => {
      const name = field(e, 'name');
      const value = field(e, 'value');
      if (typeof name !== 'string' || typeof value !== 'string' || value === '') return;
      if (!SECRET_NAME.test(name) || REFERENCE_SUFFIX.test(name) || FLAG_VALUE.test(value)) return;
      ctx.report({ path: [...c.path, 'env', i, 'value'], message: `env var "${name}" of container "${c.name}" looks like a secret but is a literal value; anyone who can read the ${ctx.target.kind} can read it` });
    });
  }
});
