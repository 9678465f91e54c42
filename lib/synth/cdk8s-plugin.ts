import { loadConfig } from '../validation/config-file';
import { PodwrightConfig } from '../validation/config';
import { rulesOf } from '../validation/rule-set';
import { Finding } from '../validation/types';
import { validateFiles } from '../validation/yaml/validate-files';
import { failsAt } from '../validation/severity';
import { formatFindingLine } from './finding-text';

/**
 * The parts of cdk8s-cli's validation plugin API that podwright uses
 * (cdk8s-cli lib/plugins/validation.d.ts: ValidationContext, ValidationReport).
 * Declared here so the library does not depend on the CLI package.
 */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly stdout?: boolean;
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
}

/** Properties given under `properties:` of the `validations:` entry in cdk8s.yaml. */
export interface PodwrightValidationProps {
  /** A podwright.config.json path. @default - podwright.config.json in the working folder, if any */
  readonly config?: string;
  /** Inline settings instead of a file. */
  readonly settings?: PodwrightConfig;
}

/**
 * podwright as a cdk8s CLI validation plugin. In cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: ./plugin
 *     class: PodwrightValidation
 *     version: 0.1.0
 * ```
 *
 * The CLI loads the plugin with a plain `require` and calls `validate()` after
 * synth with the written manifests. Findings appear in the CLI's report table, one
 * violation per rule with one location per finding; errors (or warnings, with
 * `failOn: warning`) make `cdk8s synth` exit non-zero. Nothing is printed to stdout,
 * so `cdk8s synth --stdout` output stays pure YAML.
 */
export class PodwrightValidation {
  constructor(
    private readonly props: PodwrightValidationProps = {},
    private readonly stderr: (s: string) => void = (s) => process.stderr.write(s),
  ) {}

  async validate(context: Cdk8sValidationContext): Promise<void> {
    const loaded = this.props.settings
      ? { config: loadConfig(this.props.settings, 'cdk8s.yaml validations properties').config, staticPodDirs: [] }
      : loadConfig(this.props.config, 'cdk8s.yaml validations properties');
    const rules = rulesOf(loaded.config);
    const run = await validateFiles([...context.manifests], { config: loaded.config, staticPodDirs: loaded.staticPodDirs });
    const all = [...run.report.findings];
    run.close?.();
    const byRule = new Map<string, Finding[]>();
    for (const f of all) {
      // With `cdk8s synth --stdout` the CLI prints its report tables on stdout, mixed with
      // the YAML: keep findings that do not fail the run off the table and on stderr.
      if (context.stdout && !failsAt(f, loaded.config.failOn)) {
        this.stderr(`podwright: ${formatFindingLine(f)}\n`);
        continue;
      }
      byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    }
    for (const [ruleId, findings] of byRule) {
      const rule = rules.find((r) => r.meta.id === ruleId);
      context.report.addViolation({
        ruleName: `${ruleId} (${findings[0]!.severity})`,
        recommendation: rule?.meta.description ?? findings[0]!.message,
        fix: rule?.meta.fix ?? findings[0]!.fix,
        violatingResources: findings.map((f) => ({
          resourceName: f.object.name ?? '',
          manifestPath: f.location?.file ?? '',
          locations: [`${f.path || '(object)'}: ${f.message}${f.location ? ` (line ${f.location.line}, column ${f.location.column})` : ''}`],
        })),
      });
    }
    const failing = all.filter((f) => failsAt(f, loaded.config.failOn));
    const count = (s: string) => String(all.filter((f) => f.severity === s).length);
    context.report.submit(failing.length > 0 ? 'failure' : 'success', {
      errors: count('error'),
      warnings: count('warning'),
      info: count('info'),
      objects: String(run.report.objectCount),
    });
  }
}
