/**
 * Each supported minor is checked against its own schema: a field added in the next
 * minor is an unknown field (an error) at the minor, and accepted from the next minor on.
 * The fields come from the diff of consecutive generated schemas (cdk8s-plus-NN imports)
 * and the Kubernetes changelogs named beside each.
 */
import rule from '../../../lib/validation/rules/schema-unknown-field';
import { runRule } from '../rule-tester';
import { resolveConfig } from '../../../lib/validation/config';
import { ConfigError } from '../../../lib/validation/config';
import { normalizeVersion } from '../../../lib/validation/util/version';

const SUPPORTED = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33'];

const pod = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const container = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'nginx:1.27', ...extra });

/** A field added in `added`, and where an unknown-field error is reported before it. */
const NEXT_MINOR_FIELDS: readonly { added: string; what: string; object: unknown; path: string }[] = [
  // 1.29: PodLifecycleSleepAction (KEP-3960), LifecycleHandler.sleep.
  { added: '1.29', what: 'lifecycle.preStop.sleep', object: pod({ containers: [container({ lifecycle: { preStop: { sleep: { seconds: 5 } } } })] }), path: 'spec.containers[0].lifecycle.preStop.sleep' },
  // 1.30: AppArmor as fields (KEP-24), PodSecurityContext.appArmorProfile.
  { added: '1.30', what: 'securityContext.appArmorProfile', object: pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [container()] }), path: 'spec.securityContext.appArmorProfile' },
  // 1.31: image volumes (KEP-4639), Volume.image.
  { added: '1.31', what: 'volumes[].image', object: pod({ volumes: [{ name: 'v', image: { reference: 'quay.io/crio/artifact:v1' } }], containers: [container()] }), path: 'spec.volumes[0].image' },
  // 1.32: pod-level resources (KEP-2837), PodSpec.resources.
  { added: '1.32', what: 'spec.resources', object: pod({ resources: { limits: { cpu: '1' } }, containers: [container()] }), path: 'spec.resources' },
  // 1.33: container stop signals (KEP-4960), Lifecycle.stopSignal.
  { added: '1.33', what: 'lifecycle.stopSignal', object: pod({ os: { name: 'linux' }, containers: [container({ lifecycle: { stopSignal: 'SIGUSR1' } })] }), path: 'spec.containers[0].lifecycle.stopSignal' },
  // 1.34: hostname override (KEP-4762), PodSpec.hostnameOverride: unknown at every supported minor.
  { added: '1.34', what: 'spec.hostnameOverride', object: pod({ hostnameOverride: 'web', containers: [container()] }), path: 'spec.hostnameOverride' },
];

describe.each(NEXT_MINOR_FIELDS)('$what (added in $added)', ({ added, object, path }) => {
  const addedMinor = Number(added.split('.')[1]);
  test.each(SUPPORTED)('at %s', (version) => {
    const findings = runRule(rule, [{ object }], { k8sVersion: version });
    if (Number(version.split('.')[1]) < addedMinor) {
      expect(findings.map((f) => [f.path, f.message])).toEqual([[path, `unknown field "${path}"`]]);
      expect(findings[0]!.severity).toBe('error');
    } else {
      expect(findings).toEqual([]);
    }
  });
});

test('every supported minor has a next-minor field', () => {
  expect(NEXT_MINOR_FIELDS.map((f) => f.added)).toEqual(['1.29', '1.30', '1.31', '1.32', '1.33', '1.34']);
});

describe('the supported range', () => {
  test.each(SUPPORTED)('%s is accepted', (v) => {
    expect(normalizeVersion(v)).toBe(v);
    expect(resolveConfig({ k8sVersion: v }, []).settings.k8sVersion).toBe(v);
  });
  test('patch versions and a leading v are accepted', () => {
    expect(normalizeVersion('v1.30.2')).toBe('1.30');
  });
  test.each(['1.3', '1.20', '1.27', '1.34', '1.100'])('%s is refused naming the range', (v) => {
    expect(() => normalizeVersion(v, '--k8s-version')).toThrow(`--k8s-version: Kubernetes ${v} is not supported; podwright validates 1.28 to 1.33 exactly: use one of those.`);
    expect(() => resolveConfig({ k8sVersion: v }, [], 'podwright.config.json')).toThrow(ConfigError);
    expect(() => resolveConfig({ k8sVersion: v }, [], 'podwright.config.json')).toThrow(`podwright.config.json: k8sVersion: Kubernetes ${v} is not supported; podwright validates 1.28 to 1.33 exactly`);
  });
});
