/**
 * The api-server pod-spec rules against the k8s-website-examples corpus (labelled by a
 * real API server): no error on any ACCEPTED file, and each REJECTED file whose
 * server message is an `is invalid:` error in a pod spec field is found at that path.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { Engine } from '../../lib/validation/engine';
import { resolveConfig } from '../../lib/validation/config';
import { Finding, Rule } from '../../lib/validation/types';
import containerImageRequired from '../../lib/validation/rules/container-image-required';
import containerName from '../../lib/validation/rules/container-name';
import containerPorts from '../../lib/validation/rules/container-ports';
import containerResources from '../../lib/validation/rules/container-resources';
import containerRestartPolicy from '../../lib/validation/rules/container-restart-policy';
import dnsPolicy from '../../lib/validation/rules/dns-policy';
import envFrom from '../../lib/validation/rules/env-from';
import envVar from '../../lib/validation/rules/env-var';
import ephemeralContainerFields from '../../lib/validation/rules/ephemeral-container-fields';
import ephemeralContainersOnCreate from '../../lib/validation/rules/ephemeral-containers-on-create';
import hostAliases from '../../lib/validation/rules/host-aliases';
import hostNetworkPorts from '../../lib/validation/rules/host-network-ports';
import hostPortConflict from '../../lib/validation/rules/host-port-conflict';
import initContainerProbes from '../../lib/validation/rules/init-container-probes';
import nativeSidecarNeedsFeatureGate from '../../lib/validation/rules/native-sidecar-needs-feature-gate';
import nodeSelector from '../../lib/validation/rules/node-selector';
import podOs from '../../lib/validation/rules/pod-os';
import podRestartPolicy from '../../lib/validation/rules/pod-restart-policy';
import podSpecNames from '../../lib/validation/rules/pod-spec-names';
import probeHandler from '../../lib/validation/rules/probe-handler';
import projectedTokenNeedsServiceAccount from '../../lib/validation/rules/projected-token-needs-service-account';
import readinessGates from '../../lib/validation/rules/readiness-gates';
import schedulingGates from '../../lib/validation/rules/scheduling-gates';
import securityContext from '../../lib/validation/rules/security-context';
import securityContextSysctls from '../../lib/validation/rules/security-context-sysctls';
import tolerations from '../../lib/validation/rules/tolerations';
import topologySpreadConstraints from '../../lib/validation/rules/topology-spread-constraints';
import volumeDefinition from '../../lib/validation/rules/volume-definition';
import volumeDevices from '../../lib/validation/rules/volume-devices';
import volumeMounts from '../../lib/validation/rules/volume-mounts';
import windowsOptions from '../../lib/validation/rules/windows-options';
import { WEBSITE_EXAMPLES } from '../fixtures/website-examples';

const POD_RULES: readonly Rule[] = [
  containerImageRequired, containerName, containerPorts, containerResources, containerRestartPolicy, dnsPolicy,
  envFrom, envVar, ephemeralContainerFields, ephemeralContainersOnCreate, hostAliases, hostNetworkPorts,
  hostPortConflict, initContainerProbes, nativeSidecarNeedsFeatureGate, nodeSelector, podOs, podRestartPolicy,
  podSpecNames, probeHandler, projectedTokenNeedsServiceAccount, readinessGates, schedulingGates, securityContext,
  securityContextSysctls, tolerations, topologySpreadConstraints, volumeDefinition, volumeDevices, volumeMounts,
  windowsOptions,
];

const CORPUS = WEBSITE_EXAMPLES;

interface Label { file: string; verdict: string; message: string }

function labels(): Label[] {
  return fs.readFileSync(path.join(CORPUS, 'LABELS.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '')
    .map((l) => {
      const [file = '', , verdict = '', message = ''] = l.split('\t');
      return { file, verdict, message };
    });
}

function findingsFor(file: string, k8sVersion: string): Finding[] {
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  const engine = new Engine(resolveConfig({ k8sVersion }, POD_RULES.map((r) => r.meta.id)), POD_RULES);
  for (const doc of YAML.parseAllDocuments(text)) {
    if (!('errors' in doc) || doc.errors.length > 0) continue;
    let object: unknown;
    try { object = doc.toJS(); } catch { continue; }
    if (object !== null && object !== undefined) engine.check({ object, file });
  }
  return [...engine.finish().findings];
}

const all = labels();
const accepted = all.filter((l) => l.verdict === 'ACCEPTED');
// `is invalid: <path>: ...` where the path is inside a pod spec.
const POD_FIELD = /is invalid: (?:\[)?((?:spec\.template\.spec|spec\.jobTemplate\.spec\.template\.spec|spec)\.(?:containers|initContainers|ephemeralContainers|volumes|tolerations|topologySpreadConstraints|securityContext|affinity|nodeSelector|dnsPolicy|dnsConfig|restartPolicy|hostname|subdomain|serviceAccountName)[^:]*):/;
const rejected = all.filter((l) => l.verdict === 'REJECTED' && POD_FIELD.test(l.message));

describe('pod-spec api-server rules on the k8s-website-examples corpus', () => {
  test('the corpus is there', () => {
    expect(accepted.length).toBeGreaterThan(200);
    expect(rejected.length).toBeGreaterThanOrEqual(3);
  });

  // The labels come from a 1.32 server, so ACCEPTED means accepted at 1.32: check at that version.
  test.each(accepted.map((l) => l.file))('ACCEPTED %s: no error', (file) => {
    const errors = findingsFor(file, '1.32').filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });

  test.each(rejected.map((l) => [l.file, POD_FIELD.exec(l.message)![1]!] as const))('REJECTED %s: found at %s', (file, fieldPath) => {
    for (const version of ['1.28', '1.32']) {
      expect(findingsFor(file, version).map((f) => f.path)).toContain(fieldPath);
    }
  });

  test('a native sidecar with a startupProbe is an error at 1.28 (restartPolicy dropped), as the 1.28 server does', () => {
    const f = findingsFor('pods/multi-container/startup-coordination.yaml', '1.28').map((x) => `${x.ruleId} ${x.path}`);
    expect(f).toEqual(expect.arrayContaining([
      'init-container-probes spec.initContainers[0].startupProbe',
      'native-sidecar-needs-feature-gate spec.initContainers[0].restartPolicy',
    ]));
  });
});
